package org.rapport.app.measuring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.school.AccountLinks;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.ModelRespondent;
import org.rapport.app.support.Uploads;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * One school, alone in its own network, from an empty start, through the endpoints a head uses: the setup link for "a school
 * on its own", the roster upload, a window opened, every code handed out, pupils, parents, teachers and leaders answering
 * through the survey API, the window closed and the network calibrated on it. Every relationship with enough respondents (at
 * least the privacy threshold) has a figure with an interval in this first window: a Rasch measure where the answers can be
 * calibrated, else the plainly labelled share of favourable answers; nothing is compared with a network of other schools,
 * which does not exist; and the calibration page says what is true of each scale.
 *
 * <p>The school: 6 classes of 25 pupils, two teachers each; 10 teachers and 5 leaders (the head among them). Four in five
 * pupils answer, three in five families, 9 of the 10 teachers and every leader.
 */
class SingleSchoolFirstWindowTest extends ApiTest {
    static final long SEED = 2404;
    static final int CLASSES = 6;
    static final int PUPILS = 25;
    static final int TEACHERS = 10;

    @Autowired
    AccountLinks links;
    @Autowired
    UserDetailsService users;

    @Test
    void everyRelationshipWithEnoughRespondentsIsMeasuredInItsFirstWindow() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String headEmail = "head-" + tag + "@alone.example";
        String windowName = "Autumn " + tag;
        JsonNode setUp = call("POST", "/api/v1/setup", Map.of("token", links.newSetupToken(), "school", "Alone " + tag,
                "name", "Hana Head", "email", headEmail, "password", Fixtures.PASSWORD), null, 201);
        long network = setUp.get("networkId").asLong();
        StaffUser head = (StaffUser) users.loadUserByUsername(headEmail);
        long school = head.schoolId();

        StringBuilder staff = new StringBuilder("staff_id,name,email,role\nH1,Hana Head," + headEmail + ",leader\n");
        for (int l = 1; l <= 4; l++) {
            staff.append("L").append(l).append(",Lee Lead").append(l).append(",lead").append(l).append('-').append(tag).append("@alone.example,leader\n");
        }
        for (int t = 1; t <= TEACHERS; t++) {
            staff.append("T").append(t).append(",Tess Teach").append(t).append(",t").append(t).append('-').append(tag).append("@alone.example,teacher\n");
        }
        StringBuilder roster = new StringBuilder("class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n");
        for (int c = 1; c <= CLASSES; c++) {
            for (int t : new int[] {c, c + CLASSES <= TEACHERS ? c + CLASSES : c % TEACHERS + 1}) {
                roster.append("C").append(c).append(",Year 7 ").append(c).append(",7,").append(PUPILS).append(",T").append(t)
                        .append(",Tess Teach").append(t).append(",t").append(t).append('-').append(tag).append("@alone.example,Subject\n");
            }
        }
        Uploads.Answer imported = new Uploads(json, port).roster(headEmail, school, roster.toString(), staff.toString());
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        head = (StaffUser) users.loadUserByUsername(headEmail);

        long window = call("POST", "/api/v1/schools/" + school + "/windows", Map.of("name", windowName), head, 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + window + "/open", null, head, 200);
        SplittableRandom random = new SplittableRandom(SEED);
        Map<Relationship, Integer> respondents = new LinkedHashMap<>();
        answer(codes(window, "PUPIL", head), 4, 5, random, respondents);
        answer(codes(window, "PARENT", head), 3, 5, random, respondents);
        answer(codes(window, "TEACHER", head), 9, 10, random, respondents);
        answer(codes(window, "LEADER", head), 1, 1, random, respondents);
        assertThat(respondents.get(Relationship.LEADER_STAFF)).isEqualTo(5);
        assertThat(respondents.get(Relationship.TEACHER_LEADERS)).isEqualTo(9);
        // a small staff is asked every question of its scales (each would otherwise get a handful of answers); families and
        // pupils, many, keep the draw
        assertThat(questions).as("questions a block").containsEntry(Relationship.TEACHER_LEADERS, 24).containsEntry(Relationship.TEACHER_COLLEAGUES, 20)
                .containsEntry(Relationship.TEACHER_PUPILS, 6).containsEntry(Relationship.LEADER_STAFF, 6)
                .containsEntry(Relationship.PARENT_SCHOOL, 10).containsEntry(Relationship.PUPIL_SCHOOL, 4);

        call("POST", "/api/v1/windows/" + window + "/close?confirm=true", null, head, 200);
        JsonNode calibration = call("POST", "/api/v1/calibration", Map.of("window", windowName), head, 201);
        System.out.println("calibration of a school alone: " + calibration.get("scales"));
        // the calibration page says what is true of each scale: a scale of a few answer sets is not one "answered all alike"
        for (JsonNode scale : calibration.get("scales")) {
            if (!scale.get("calibrated").asBoolean()) {
                assertThat(scale.get("status").asText()).as(scale.toString()).doesNotContain("answered all alike");
            }
        }

        JsonNode map = call("GET", "/api/v1/windows/" + window + "/report", null, head, 200);
        List<String> unmeasured = new ArrayList<>();
        for (JsonNode arrow : map.get("arrows")) {
            Relationship r = Relationship.valueOf(arrow.get("relationship").asText());
            JsonNode own = arrow.get("school");
            System.out.println(r + ": " + own);
            if (respondents.getOrDefault(r, 0) >= 5 && !figure(own)) {
                unmeasured.add(r + " " + own);
            }
            // alone in its network: never compared with a network of other schools
            assertThat(arrow.path("band").asText("")).as(r.name()).doesNotContain("network");
        }
        for (Relationship r : Relationship.values()) {
            if (respondents.getOrDefault(r, 0) < 5) {
                continue;
            }
            JsonNode page = call("GET", "/api/v1/windows/" + window + "/relationships/" + r.name(), null, head, 200);
            for (JsonNode panel : page.get("panels")) {
                if (!figure(panel.get("measure"))) {
                    unmeasured.add(r + "/" + panel.get("facet").asText() + " " + panel.get("measure"));
                }
                assertThat(panel.path("band").asText("")).as(r + "/" + panel.get("facet")).doesNotContain("network");
            }
        }
        assertThat(unmeasured).as("relationships and parts with enough respondents but no figure in the first window").isEmpty();
    }

    /** A figure with an interval: a Rasch measure, or the labelled share of favourable answers. */
    static boolean figure(JsonNode m) {
        if (m == null || m.isNull()) {
            return false;
        }
        if (m.hasNonNull("estimate")) {
            return m.get("lower").asDouble() <= m.get("estimate").asDouble() && m.get("estimate").asDouble() <= m.get("upper").asDouble()
                    && m.get("lower").asDouble() < m.get("upper").asDouble();
        }
        JsonNode share = m.path("favourable");
        return share.hasNonNull("percent") && share.get("lower").asDouble() <= share.get("percent").asDouble()
                && share.get("percent").asDouble() <= share.get("upper").asDouble() && !share.path("text").asText("").isBlank();
    }

    final Map<Relationship, Integer> questions = new java.util.EnumMap<>(Relationship.class);

    List<String> codes(long window, String role, StaffUser head) throws Exception {
        JsonNode generated = call("POST", "/api/v1/windows/" + window + "/codes", Map.of("role", role), head, 201);
        List<String> out = new ArrayList<>();
        generated.get("groups").forEach(g -> g.get("codes").forEach(c -> out.add(c.asText())));
        return out;
    }

    /** {@code of} in every {@code outOf} codes of each group answer, each respondent's trust around +1 logit. */
    void answer(List<String> codes, int of, int outOf, SplittableRandom random, Map<Relationship, Integer> respondents) throws Exception {
        for (int i = 0; i < codes.size(); i++) {
            if (i % outOf >= of) {
                continue;
            }
            String code = codes.get(i);
            JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, 200);
            double theta = 1 + random.nextGaussian();
            Map<String, Integer> answers = ModelRespondent.answers(session, theta, random);
            call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers), null, 200);
            for (String r : session.get("blocks").findValuesAsText("relationship").stream().distinct().toList()) {
                respondents.merge(Relationship.valueOf(r), 1, Integer::sum);
            }
            for (JsonNode block : session.get("blocks")) {
                questions.merge(Relationship.valueOf(block.get("relationship").asText()), block.get("questions").size(), Math::max);
            }
        }
    }
}

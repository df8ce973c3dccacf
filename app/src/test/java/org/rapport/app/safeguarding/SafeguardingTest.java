package org.rapport.app.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A comment that may disclose harm reaches the school's designated safeguarding lead at once,
 * whatever the group size, with its text and window only; nobody else gets it; the lists and the
 * leads are set through the API, with bad input refused whole.
 */
class SafeguardingTest extends AppTest {
    static final String DISCLOSURE = "My uncle hits me and I don't feel safe at home";

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;

    Fixtures.SchoolSetup school;
    SurveyWindow window;
    List<String> codes;
    final Random random = new Random(5);

    @BeforeEach
    void aSchoolWithALead() throws Exception {
        school = fixtures.school(fixtures.network(), 6, 6);
        window = fixtures.openWindow(school.schoolId());
        codes = new java.util.ArrayList<>(fixtures.codes(window, RespondentRole.PUPIL, school.class1()));
        MockHttpServletResponse r = send(put("/api/v1/schools/" + school.schoolId() + "/safeguarding"), school.admin(),
                Map.of("leads", List.of(school.teacherA().id()), "supportText", "Talk to Ms Okafor in room 4, or call Childline on 0800 1111."));
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
    }

    void pupilWrites(String aboutSchool) {
        fixtures.answerAround(codes.remove(0), 2, random, Map.of("PUPIL_SCHOOL", aboutSchool));
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request, StaffUser as, Object body) throws Exception {
        return mvc.perform(request.with(user(as)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)))
                .andReturn().getResponse();
    }

    MockHttpServletResponse read(String path, StaffUser as) throws Exception {
        return mvc.perform(get(path).with(user(as))).andReturn().getResponse();
    }

    JsonNode concerns(StaffUser as) throws Exception {
        MockHttpServletResponse r = read("/api/v1/safeguarding/concerns", as);
        assertThat(r.getStatus()).isEqualTo(200);
        return json.readTree(r.getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void oneDisclosureInAClassOfSixReachesTheLeadAloneWithItsTextAndWindowOnly() throws Exception {
        pupilWrites(DISCLOSURE);
        pupilWrites("More clubs after school please");

        JsonNode concerns = concerns(school.teacherA());
        assertThat(concerns).hasSize(1);
        JsonNode c = concerns.get(0);
        assertThat(c.get("text").asText()).isEqualTo(DISCLOSURE);
        assertThat(c.get("window").asText()).isEqualTo(window.name());
        assertThat(c.get("phrases").toString()).contains("hits me", "don't feel safe");
        // nothing that narrows who wrote it: no class, teacher, role, time or response
        assertThat(iterable(c.fieldNames())).contains("id", "school", "window", "text", "phrases")
                .isSubsetOf("id", "school", "window", "text", "phrases", "reviewedBy", "reviewedAt");
        // and in the table: the day, whether the mails went, the hour it escalates while it waits (SafeguardingAlertsTest), and
        // whether the school had no lead when it arrived (LeadKeptTest)
        assertThat(jdbc.sql("select column_name from information_schema.columns where table_name = 'concern'").query(String.class).list())
                .containsExactlyInAnyOrder("id", "school_id", "window_id", "body", "phrases", "arrived_on", "reviewed_by", "reviewed_at",
                        "leads_mailed", "escalate_at", "escalated_on", "admins_mailed", "arrived_without_lead");
        // nor does its id say when it arrived: drawn at random, from no sequence (ids in sequence gave the order of arrival back)
        assertThat(jdbc.sql("select column_default from information_schema.columns where table_name = 'concern' and column_name = 'id'")
                .query(String.class).single()).contains("random()").doesNotContain("nextval");
        assertThat(jdbc.sql("select count(*) from information_schema.sequences where sequence_name = 'concern_id_seq'")
                .query(Long.class).single()).isZero();

        // nobody else: not a leader who is not a lead, not another teacher, not the network admin
        for (StaffUser other : List.of(school.admin(), school.teacherB(), fixtures.networkAdmin(school.networkId()))) {
            assertThat(read("/api/v1/safeguarding/concerns", other).getStatus()).as(other.email()).isEqualTo(403);
            assertThat(read("/staff/safeguarding", other).getStatus()).as(other.email()).isEqualTo(403);
            assertThat(read("/staff/safeguarding", other).getContentAsString(StandardCharsets.UTF_8)).doesNotContain("uncle");
        }
        // and the usual threshold rules elsewhere: two pupils of six, so no comment on the relationship page
        String page = read("/staff/windows/" + window.id() + "/relationships/PUPIL_SCHOOL", school.admin()).getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("uncle");
        String lead = read("/staff/safeguarding", school.teacherA()).getContentAsString(StandardCharsets.UTF_8);
        assertThat(lead).contains("My uncle hits me and I don&#39;t feel safe at home");
        assertThat(read("/staff", school.teacherA()).getContentAsString(StandardCharsets.UTF_8)).contains("(1 not yet reviewed)");
    }

    @Test
    void aLeadReviewsAConcernAndALeadOfAnotherSchoolCannot() throws Exception {
        pupilWrites(DISCLOSURE);
        long id = concerns(school.teacherA()).get(0).get("id").asLong();
        Fixtures.SchoolSetup other = fixtures.school(school.networkId(), 5, 5);
        send(put("/api/v1/schools/" + other.schoolId() + "/safeguarding"), other.admin(), Map.of("leads", List.of(other.teacherA().id())));
        assertThat(concerns(other.teacherA())).isEmpty();
        assertThat(mvc.perform(post("/api/v1/safeguarding/concerns/" + id + "/review").with(user(other.teacherA())).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(concerns(school.teacherA()).get(0).has("reviewedAt")).isFalse();

        assertThat(mvc.perform(post("/api/v1/safeguarding/concerns/" + id + "/review").with(user(school.teacherA())).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        JsonNode reviewed = concerns(school.teacherA()).get(0);
        assertThat(reviewed.has("reviewedAt")).isTrue();
        assertThat(reviewed.get("reviewedBy").asText()).isEqualTo("Ms Amara Okafor");
        assertThat(read("/staff", school.teacherA()).getContentAsString(StandardCharsets.UTF_8)).contains("(0 not yet reviewed)");
    }

    @Test
    void aCommentWithNoConcernPhraseStaysWhereItWas() throws Exception {
        pupilWrites("The new library is brilliant, I hit the books every lunchtime");
        assertThat(concerns(school.teacherA())).isEmpty();
    }

    @Test
    void theNetworkAdminReplacesAListAndBadPhrasesAreRefusedWhole() throws Exception {
        StaffUser admin = fixtures.networkAdmin(school.networkId());
        MockHttpServletResponse bad = send(put("/api/v1/safeguarding/phrases/en"), admin, Map.of("phrases", List.of("locked in", "a*b", "x")));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentType()).startsWith("application/problem+json");
        assertThat(bad.getContentAsString(StandardCharsets.UTF_8)).contains("phrases[1]", "a*b", "phrases[2]");
        assertThat(json.readTree(read("/api/v1/safeguarding/phrases", admin).getContentAsString()).get("en").toString())
                .as("nothing changed").doesNotContain("locked in").contains("hit me");
        assertThat(send(put("/api/v1/safeguarding/phrases/english"), admin, Map.of("phrases", List.of("locked in"))).getStatus()).isEqualTo(400);
        assertThat(send(put("/api/v1/safeguarding/phrases/en"), admin, Map.of("phrases", List.of(" ", ""))).getStatus()).isEqualTo(400);
        assertThat(send(put("/api/v1/safeguarding/phrases/en"), school.admin(), Map.of("phrases", List.of("locked in"))).getStatus())
                .as("a school admin may not").isEqualTo(403);

        assertThat(send(put("/api/v1/safeguarding/phrases/en"), admin, Map.of("phrases", List.of("Locked   In", "hit me"))).getStatus()).isEqualTo(200);
        assertThat(send(put("/api/v1/safeguarding/phrases/pl"), admin, Map.of("phrases", List.of("bije mnie"))).getStatus()).isEqualTo(200);
        pupilWrites("They locked in my sister at night");
        pupilWrites("Tata mnie bije mnie często");
        pupilWrites("I want to die");
        JsonNode concerns = concerns(school.teacherA());
        assertThat(concerns.findValuesAsText("text")).containsExactlyInAnyOrder("They locked in my sister at night", "Tata mnie bije mnie często");
    }

    @Test
    void leadsMustBeOnTheSchoolsStaffAndOnlyItsAdminsNameThem() throws Exception {
        Fixtures.SchoolSetup other = fixtures.school(school.networkId(), 5, 5);
        MockHttpServletResponse r = send(put("/api/v1/schools/" + school.schoolId() + "/safeguarding"), school.admin(),
                Map.of("leads", List.of(other.teacherA().id()), "supportText", "changed"));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentAsString()).contains("leads", "not on this school's staff");
        JsonNode now = json.readTree(read("/api/v1/schools/" + school.schoolId() + "/safeguarding", school.admin()).getContentAsString());
        assertThat(now.get("leads").toString()).isEqualTo("[" + school.teacherA().id() + "]");
        assertThat(now.get("supportText").asText()).as("nothing changed").startsWith("Talk to Ms Okafor");
        assertThat(send(put("/api/v1/schools/" + school.schoolId() + "/safeguarding"), school.admin(),
                Map.of("leads", List.of(), "supportText", "x".repeat(1001))).getStatus()).isEqualTo(400);
        assertThat(send(put("/api/v1/schools/" + school.schoolId() + "/safeguarding"), school.teacherA(),
                Map.of("leads", List.of(school.teacherB().id()))).getStatus()).isEqualTo(403);
        assertThat(send(put("/api/v1/schools/" + school.schoolId() + "/safeguarding"), other.admin(),
                Map.of("leads", List.of())).getStatus()).isEqualTo(403);
    }

    @Test
    void thePhrasesPageShowsTheListsAndNamesABadPhrase() throws Exception {
        StaffUser admin = fixtures.networkAdmin(school.networkId());
        String page = read("/staff/safeguarding/phrases", admin).getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Language: en", "hit me\nhits me");
        MockHttpServletResponse bad = mvc.perform(post("/staff/safeguarding/phrases").param("language", "en").param("phrases", "locked in\nno*way")
                .with(user(admin)).with(csrf())).andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString(StandardCharsets.UTF_8)).contains("Nothing was saved", "&quot;no*way&quot;", "locked in\nno*way");
        MockHttpServletResponse good = mvc.perform(post("/staff/safeguarding/phrases").param("language", "en").param("phrases", "locked in\r\nhit me")
                .with(user(admin)).with(csrf())).andReturn().getResponse();
        assertThat(good.getStatus()).isEqualTo(200);
        assertThat(good.getContentAsString(StandardCharsets.UTF_8)).contains("The phrases for en were saved.", "hit me\nlocked in");
        assertThat(read("/staff/safeguarding/phrases", school.admin()).getStatus()).isEqualTo(403);
    }

    static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

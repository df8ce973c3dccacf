package org.rapport.app.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rapport.app.school.RosterCsv;
import org.rapport.app.school.RosterService;
import org.rapport.app.school.School;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Codes a school can follow: printing slips, letters or e-mails again gives a group's unused codes again
 * (new ones only for new seats), so nothing handed out stops working; replacing codes is its own step that
 * says first how many printed codes it voids and never voids one with a survey in progress or a used one;
 * each group's issued, used, unused and started codes are counted; the sealed copy of a code goes when it
 * is used and when its window closes, and no code is ever in the database in clear.
 */
class CodeLifeTest extends ApiTest {
    static final Pattern CODE = Pattern.compile("\\b([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\\b");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Schools schools;
    @Autowired
    RosterService roster;
    @Autowired
    org.rapport.app.retention.Retention retention;

    long window(StaffUser admin, long schoolId) throws Exception {
        long id = call("POST", "/api/v1/schools/" + schoolId + "/windows", Map.of("name", "Autumn " + UUID.randomUUID().toString().substring(0, 6)),
                admin, 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + id + "/open", null, admin, 200);
        return id;
    }

    /** The codes of each group of an answer, by class id (0 for staff). */
    static Map<Long, List<String>> codes(JsonNode generated) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        for (JsonNode g : generated.get("groups")) {
            List<String> codes = new ArrayList<>();
            g.get("codes").forEach(c -> codes.add(c.asText()));
            out.put(g.hasNonNull("classId") ? g.get("classId").asLong() : 0L, codes);
        }
        return out;
    }

    static List<String> codesIn(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(page);
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Starts a survey with the code (the draft is made on entry); answers the session. */
    JsonNode start(String code) throws Exception {
        return call("POST", "/api/v1/survey/session", Map.of("code", code), null, 200);
    }

    void send(String code) throws Exception {
        JsonNode session = start(code);
        Map<String, Integer> answers = new HashMap<>();
        session.get("blocks").forEach(b -> b.get("questions").forEach(q -> answers.put(q.get("key").asText(), 3)));
        call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers), null, 200);
    }

    int unknown(String code) throws Exception {
        return JsonApi.call(http, json, port, "POST", "/api/v1/survey/session", Map.of("code", code), null).status();
    }

    JsonNode rates(long windowId, StaffUser as, String role, String group) throws Exception {
        for (JsonNode r : call("GET", "/api/v1/windows/" + windowId + "/response-rates", null, as, 200)) {
            if (r.get("role").asText().equals(role) && (group == null ? !r.hasNonNull("group") : group.equals(r.path("group").asText()))) {
                return r;
            }
        }
        throw new AssertionError("no rates for " + role + " " + group);
    }

    @Test
    void printingAgainGivesTheSameCodesAndNewOnesOnlyForNewSeats() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 7, 4);
        long windowId = window(school.admin(), school.schoolId());
        Map<Long, List<String>> first = codes(call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PUPIL"), school.admin(), 201));
        assertThat(first.get(school.class1())).hasSize(7).doesNotHaveDuplicates();
        assertThat(first.get(school.class2())).hasSize(4);

        JsonNode again = call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PUPIL"), school.admin(), 201);
        assertThat(codes(again)).as("the same sheets, in the same order").isEqualTo(first);
        assertThat(again.get("groups").get(0).get("reprinted").asInt()).isEqualTo(7);

        // a pupil answers; a new pupil joins class 1: the next print has the six unused codes and one new one
        String used = first.get(school.class1()).get(2);
        send(used);
        School s = schools.find(school.schoolId()).orElseThrow();
        String tag = school.tag();
        String rosterFile = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n"
                + "7A,Year 7 A,7,8,A,Ms Amara Okafor,a-" + tag + "@test.example,English\n"
                + "7A,Year 7 A,7,8,B,Mr Ben Hughes,b-" + tag + "@test.example,Maths\n"
                + "7B,Year 7 B,7,4,B,Mr Ben Hughes,b-" + tag + "@test.example,Maths\n";
        String staffFile = "staff_id,name,email,role\nH1,Dr Ruth Cole," + school.admin().email() + ",leader\n"
                + "A,Ms Amara Okafor,a-" + tag + "@test.example,teacher\nB,Mr Ben Hughes,b-" + tag + "@test.example,teacher\n";
        roster.importRoster(s, RosterCsv.parse(rosterFile.getBytes(StandardCharsets.UTF_8), staffFile.getBytes(StandardCharsets.UTF_8)));
        JsonNode grown = call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PUPIL", "classes", List.of(school.class1())),
                school.admin(), 201);
        List<String> third = codes(grown).get(school.class1());
        List<String> stillUnused = new ArrayList<>(first.get(school.class1()));
        stillUnused.remove(used);
        assertThat(third).hasSize(7).containsAll(stillUnused).doesNotContain(used);
        JsonNode group = grown.get("groups").get(0);
        assertThat(group.get("alreadyUsed").asInt()).isEqualTo(1);
        assertThat(group.get("reprinted").asInt()).isEqualTo(6);
        // every slip printed first still opens the survey
        for (String code : stillUnused) {
            start(code);
        }
        JsonNode rates = rates(windowId, school.admin(), "PUPIL", "Year 7 A");
        assertThat(rates.get("issued").asInt()).isEqualTo(8);
        assertThat(rates.get("used").asInt()).isEqualTo(1);
        assertThat(rates.get("unused").asInt()).isEqualTo(7);
        assertThat(rates.get("started").asInt()).as("the six codes entered above").isEqualTo(6);

        // the database holds no code in clear: hashes, and unused codes sealed; a used code has no seal
        for (Map<String, Object> row : jdbc.sql("select code_hash, sealed_code, used from access_code where window_id = ?").param(windowId)
                .query().listOfRows()) {
            String raw = new String((byte[]) row.get("code_hash"), StandardCharsets.ISO_8859_1)
                    + (row.get("sealed_code") == null ? "" : new String((byte[]) row.get("sealed_code"), StandardCharsets.ISO_8859_1));
            assertThat(third).noneMatch(c -> raw.contains(c) || raw.contains(c.replace("-", "")));
            assertThat(row.get("sealed_code") == null).as("sealed while unused, and only then").isEqualTo(row.get("used"));
        }
    }

    @Test
    void familyLettersAfterFamilySlipsAndTeacherEmailsAfterPrintedTeacherCodesVoidNothing() throws Exception {
        Fixtures.StaffRoom room = fixtures.staffRoom(fixtures.network(), 3, 6);
        long windowId = window(room.admin(), room.schoolId());
        long classId = room.classes().get(0);
        // no codes yet: nothing to replace is offered (an outside reader was offered to "void 0 codes and print new ones")
        String before = mvc.perform(get("/staff/windows/" + windowId).with(user(room.admin()))).andReturn().getResponse().getContentAsString();
        assertThat(before).contains("No codes have been generated for this window yet").doesNotContain("Replace lost codes", "replace-group");
        // a window planned, not yet opened, has no results to link to from the overview; the open one has
        long planned = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Summer " + UUID.randomUUID().toString()
                .substring(0, 6)), room.admin(), 201).get("id").asLong();
        String overview = mvc.perform(get("/staff").with(user(room.admin()))).andReturn().getResponse().getContentAsString();
        assertThat(overview).contains("/staff/windows/" + planned + "\"", "/staff/windows/" + windowId + "/report")
                .doesNotContain("/staff/windows/" + planned + "/report");
        String slips = mvc.perform(post("/staff/windows/" + windowId + "/codes").param("role", "PARENT").param("classes", Long.toString(classId))
                .with(user(room.admin())).with(csrf())).andReturn().getResponse().getContentAsString();
        List<String> familySlips = codesIn(slips);
        assertThat(familySlips).hasSize(6);
        assertThat(slips).contains("New codes: 6.");
        MvcResult letters = mvc.perform(post("/staff/windows/" + windowId + "/letters").param("classes", Long.toString(classId))
                .with(user(room.admin())).with(csrf())).andReturn();
        assertThat(codesIn(letters.getResponse().getContentAsString())).as("the letters carry the slips' codes").containsExactlyElementsOf(familySlips);
        for (String code : familySlips) {
            start(code);
        }

        // teacher codes printed, then e-mailed: the e-mails deal out the printed codes, and every printed code still works
        List<String> printed = codes(call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "TEACHER"), room.admin(), 201)).get(0L);
        assertThat(printed).hasSize(3);
        assertThat(call("POST", "/api/v1/windows/" + windowId + "/codes/mail?role=TEACHER", null, room.admin(), 200).get("sent").asInt()).isEqualTo(3);
        List<StaffMember> teachers = schools.staff(room.schoolId()).stream().filter(t -> !t.leader()).toList();
        Map<String, String> mailed = new HashMap<>();
        for (StaffMember t : teachers) {
            mailed.put(t.email(), codesIn(TestMail.lastBody(t.email())).get(0));
        }
        assertThat(mailed.values()).containsExactlyInAnyOrderElementsOf(printed);
        // sending again gives each the same code again
        call("POST", "/api/v1/windows/" + windowId + "/codes/mail?role=TEACHER", null, room.admin(), 200);
        for (StaffMember t : teachers) {
            assertThat(TestMail.to(t.email())).hasSize(2);
            assertThat(codesIn(TestMail.lastBody(t.email())).get(0)).isEqualTo(mailed.get(t.email()));
        }
        for (String code : printed) {
            start(code);
        }
        // with surveys in progress, sending again still gives each their own code, never someone else's started one
        call("POST", "/api/v1/windows/" + windowId + "/codes/mail?role=TEACHER", null, room.admin(), 200);
        for (StaffMember t : teachers) {
            assertThat(codesIn(TestMail.lastBody(t.email())).get(0)).isEqualTo(mailed.get(t.email()));
        }
        // a leader starts with a printed leader code: e-mail cannot know who holds it, so it deals out no leader code
        List<String> leaderSlips = codes(call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "LEADER"), room.admin(), 201)).get(0L);
        start(leaderSlips.get(0));
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", "/api/v1/windows/" + windowId + "/codes/mail?role=LEADER", null,
                room.admin()), 409, "role", "survey in progress");
        assertThat(schools.staff(room.schoolId()).stream().filter(StaffMember::leader).mapToInt(l -> TestMail.to(l.email()).size()).sum())
                .as("no leader was e-mailed").isZero();
        JsonNode staff = rates(windowId, room.admin(), "TEACHER", null);
        assertThat(staff.get("issued").asInt()).isEqualTo(3);
        assertThat(staff.get("started").asInt()).isEqualTo(3);

        // the window page counts each group, and every button that prints says it voids nothing
        String page = mvc.perform(get("/staff/windows/" + windowId).with(user(room.admin()))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Print family codes", "Printing again shows the same unused codes", "Replace lost codes", "Not used", "Started");
    }

    @Test
    void replacingSaysFirstWhatItVoidsAndNeverTouchesAStartedOrUsedCode() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 7, 4);
        long windowId = window(school.admin(), school.schoolId());
        List<String> codes = codes(call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PUPIL"), school.admin(), 201))
                .get(school.class1());
        // one pupil has sent; one has answered half and closed the tab
        send(codes.get(0));
        JsonNode session = start(codes.get(1));
        Map<String, Integer> half = new LinkedHashMap<>();
        session.get("blocks").get(0).get("questions").forEach(q -> half.put(q.get("key").asText(), 1));
        call("PUT", "/api/v1/survey/draft", Map.of("code", codes.get(1), "answers", half), null, 200);

        String path = "/api/v1/windows/" + windowId + "/codes/replacement?role=PUPIL&classes=" + school.class1();
        JsonNode preview = call("GET", path, null, school.admin(), 200);
        assertThat(preview.get("voids").asInt()).isEqualTo(5);
        assertThat(preview.get("inProgress").asInt()).isEqualTo(1);
        assertThat(preview.get("used").asInt()).isEqualTo(1);

        // the page says it too, before anything changes
        String confirm = mvc.perform(get("/staff/windows/" + windowId + "/codes/replace").param("group", "PUPIL:" + school.class1())
                .with(user(school.admin()))).andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("Printed codes that will stop working: 5. Kept because a survey is in progress: 1.",
                "Void 5 codes and print new ones", "name=\"voids\" value=\"5\"");

        // bad input is refused, naming the problem, and changes nothing
        assertThat(mvc.perform(get("/staff/windows/" + windowId + "/codes/replace").param("group", "PUPIL:7A").with(user(school.admin())))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/staff/windows/" + windowId + "/codes/replace").param("group", "PUPILS").with(user(school.admin())))
                .andReturn().getResponse().getContentAsString()).contains("choose pupil, parent, teacher or leader codes");
        assertThat(mvc.perform(post("/staff/windows/" + windowId + "/codes/replace").param("role", "PUPIL").param("voids", "five")
                .with(user(school.admin())).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(400);
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", "/api/v1/windows/" + windowId + "/codes/replace",
                Map.of("role", "PUPIL", "voids", -1), school.admin()), 400, "voids", null);
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", "/api/v1/windows/" + windowId + "/codes/replace",
                Map.of("voids", 5), school.admin()), 400, "role", null);
        JsonApi.assertProblem(JsonApi.call(http, json, port, "GET", "/api/v1/windows/" + windowId + "/codes/replacement?role=PUPIL&classes=x",
                null, school.admin()), 400, null, null);
        assertThat(call("GET", path, null, school.admin(), 200).get("voids").asInt()).isEqualTo(5);

        // without the count, or with a count that is no longer right, nothing is replaced
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", "/api/v1/windows/" + windowId + "/codes/replace",
                Map.of("role", "PUPIL", "classes", List.of(school.class1())), school.admin()), 400, "voids", "voids");
        start(codes.get(2));
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", "/api/v1/windows/" + windowId + "/codes/replace",
                Map.of("role", "PUPIL", "classes", List.of(school.class1()), "voids", 5), school.admin()), 409, "voids", "from 5 to 4");
        String stale = mvc.perform(post("/staff/windows/" + windowId + "/codes/replace").param("role", "PUPIL")
                .param("classes", Long.toString(school.class1())).param("voids", "5").with(user(school.admin())).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("changed from 5 to 4", "Void 4 codes and print new ones");
        for (String code : codes.subList(3, 7)) {
            start(code);
        }
        // four codes started since: their pupils' drafts are theirs; nothing left to void but nobody's code either
        assertThat(call("GET", path, null, school.admin(), 200).get("voids").asInt()).isZero();

        // a fresh class: replace for real through the page, confirmed with the number shown
        Map<Long, List<String>> class2 = codes(call("POST", "/api/v1/windows/" + windowId + "/codes",
                Map.of("role", "PUPIL", "classes", List.of(school.class2())), school.admin(), 201));
        List<String> old = class2.get(school.class2());
        start(old.get(0));
        String sheet = mvc.perform(post("/staff/windows/" + windowId + "/codes/replace").param("role", "PUPIL")
                .param("classes", Long.toString(school.class2())).param("voids", "3").with(user(school.admin())).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        List<String> fresh = codesIn(sheet);
        assertThat(fresh).hasSize(3).doesNotContainAnyElementsOf(old);
        assertThat(sheet).contains("The codes they replace no longer work", "New codes: 3. Kept because a survey is in progress: 1.");
        for (String gone : old.subList(1, 4)) {
            assertThat(unknown(gone)).as("a replaced code").isEqualTo(400);
        }
        for (String code : fresh) {
            start(code);
        }
        // the started pupil goes on where they were; the half-answered one of class 1 too
        start(old.get(0));
        JsonNode resumed = start(codes.get(1));
        assertThat(json.convertValue(resumed.get("answers"), Map.class)).isEqualTo(half);
        send(codes.get(1));
        JsonNode rates = rates(windowId, school.admin(), "PUPIL", "Year 7 B");
        assertThat(rates.get("issued").asInt()).isEqualTo(4);
        assertThat(rates.get("unused").asInt()).isEqualTo(4);
        assertThat(rates.get("started").asInt()).isEqualTo(4);
        assertThat(rates(windowId, school.admin(), "PUPIL", "Year 7 A").get("used").asInt()).isEqualTo(2);

        // another school's admin may not look or replace; a class of another school is refused
        Fixtures.SchoolSetup other = fixtures.school(fixtures.network());
        assertThat(JsonApi.call(http, json, port, "GET", path, null, other.admin()).status()).isEqualTo(403);
        JsonApi.assertProblem(JsonApi.call(http, json, port, "GET", "/api/v1/windows/" + windowId + "/codes/replacement?role=PUPIL&classes="
                + other.class1(), null, school.admin()), 400, "classes", null);
        JsonApi.assertProblem(JsonApi.call(http, json, port, "GET", "/api/v1/windows/" + windowId + "/codes/replacement?role=PUPILS",
                null, school.admin()), 400, "role", null);
    }

    @Test
    void theSealsGoWhenTheWindowClosesTheUnusedCodesWithThePurgeAndTheRatesStayRight() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 3);
        long windowId = window(school.admin(), school.schoolId());
        List<String> codes = codes(call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PARENT"), school.admin(), 201))
                .get(school.class1());
        send(codes.get(0));
        assertThat(jdbc.sql("select count(*) from access_code where window_id = ? and sealed_code is not null").param(windowId)
                .query(Long.class).single()).isEqualTo(8);
        call("POST", "/api/v1/windows/" + windowId + "/close?confirm=true", null, school.admin(), 200);
        assertThat(jdbc.sql("select count(*) from access_code where window_id = ? and sealed_code is not null").param(windowId)
                .query(Long.class).single()).as("no code can be shown again once the window is closed").isZero();
        JsonNode rates = rates(windowId, school.admin(), "PARENT", "Year 7 A");
        assertThat(rates.get("issued").asInt()).isEqualTo(6);
        assertThat(rates.get("used").asInt()).isEqualTo(1);
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PARENT"),
                school.admin()), 409, "window", "closed");
        // the retention job purges the unused codes a week later; the rates stay right
        retention.runFor(school.networkId(), java.time.LocalDate.now().plusDays(8));
        assertThat(jdbc.sql("select count(*) from access_code where window_id = ? and not used").param(windowId).query(Long.class).single())
                .isZero();
        JsonNode after = rates(windowId, school.admin(), "PARENT", "Year 7 A");
        assertThat(after.get("issued").asInt()).isEqualTo(6);
        assertThat(after.get("used").asInt()).isEqualTo(1);
        assertThat(after.get("unused").asInt()).isZero();
        JsonApi.assertProblem(JsonApi.call(http, json, port, "GET", "/api/v1/windows/" + windowId + "/codes/replacement?role=PARENT", null,
                school.admin()), 409, "window", "closed");
    }
}

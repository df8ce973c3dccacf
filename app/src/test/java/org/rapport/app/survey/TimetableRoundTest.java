package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.Onboarding;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.StaffPasswords;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.ModelRespondent;
import org.rapport.app.support.SecondarySchool;
import org.rapport.app.support.TimetablePupil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A secondary school's first round from its information system's export (docs/ROSTER.md, docs/DATA-PROTECTION.md):
 * 206 pupils in 39 teaching sets and 10 tutor groups get 206 codes, not one per seat; each pupil's survey lists
 * exactly their own teachers by the names pupils see; each teacher's invited pupils are those the enrolments say;
 * answers sent through the survey API give results per teacher and per tutor group under the privacy rules, and
 * rates per set; and after submission the tables hold nothing that joins a pupil's answers in two classes.
 * The school is generated from a seed printed at the start.
 */
class TimetableRoundTest extends ApiTest {
    @Autowired
    Onboarding onboarding;
    @Autowired
    Schools schools;
    @Autowired
    StaffPasswords passwords;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeasureService measures;

    @Test
    void aTimetableGivesOneCodePerPupilWhoseSurveyListsTheirTeachersAndStoresNothingThatJoinsTheirClasses() throws Exception {
        long seed = new java.security.SecureRandom().nextLong();
        System.out.println("TimetableRoundTest seed " + seed);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SecondarySchool sis = SecondarySchool.generate(seed, "riverside-" + tag + ".example");
        assertThat(sis.pupils).hasSize(SecondarySchool.PUPILS);
        assertThat(sis.teachingSets()).isEqualTo(39);

        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        Onboarding.NewSchool added = onboarding.addSchool(network, "Riverside Academy " + tag,
                new Onboarding.NewAccount("Ada IT", "it-" + tag + "@test.example"));
        passwords.set(added.admin(), Fixtures.PASSWORD);
        StaffUser admin = fixtures.staffUser(added.admin().email());
        long schoolId = added.school().id();

        // the export and the names file, uploaded as the school's IT person does
        MockHttpServletResponse imported = mvc.perform(multipart("/api/v1/schools/" + schoolId + "/roster/oneroster")
                .file(new MockMultipartFile("bundle", "export.zip", "application/zip", sis.bundle()))
                .file(new MockMultipartFile("names", "names.csv", "text/csv", sis.namesCsv().getBytes(StandardCharsets.UTF_8)))
                .with(user(admin))).andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(200);
        JsonNode summary = json.readTree(imported.getContentAsString());
        assertThat(summary.get("classes").asInt()).isEqualTo(49);
        assertThat(summary.get("warnings")).as("a clean export warns of nothing").isEmpty();
        Map<String, Long> classId = new HashMap<>();
        Map<Long, String> className = new HashMap<>();
        for (ClassGroup c : schools.classes(schoolId)) {
            classId.put(c.ref(), c.id());
            className.put(c.id(), c.name());
        }
        Map<String, Long> staffId = new HashMap<>();
        for (StaffMember m : schools.staff(schoolId)) {
            staffId.put(m.ref(), m.id());
        }
        // teams come from the export's departments
        Map<Long, String> teams = schools.teams(schoolId);
        sis.teachers.forEach(t -> assertThat(teams.get(staffId.get(t.id()))).isEqualTo(sis.departments().get(t.department())));

        // a window and its pupil codes: one per pupil, in their tutor group, all alike (no slip lists classes)
        long windowId = call("POST", "/api/v1/schools/" + schoolId + "/windows", Map.of("name", "Autumn " + tag), admin, 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + windowId + "/open", null, admin, 200);
        JsonNode generated = call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PUPIL"), admin, 201);
        Map<String, List<String>> slips = new HashMap<>();
        int codeCount = 0;
        for (JsonNode g : generated.get("groups")) {
            assertThat(g.get("classes") == null || g.get("classes").isNull()).as("a slip names no classes: " + g).isTrue();
            for (int i = 0; i < g.get("codes").size(); i++) {
                slips.computeIfAbsent(g.get("group").asText(), k -> new ArrayList<>()).add(g.get("codes").get(i).asText());
                codeCount++;
            }
        }
        assertThat(codeCount).isEqualTo(SecondarySchool.PUPILS).isLessThan(sis.seats());
        assertThat(generated.get("groups")).hasSize(10);
        JsonNode families = call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PARENT"), admin, 201);
        int familyCodes = 0;
        for (JsonNode g : families.get("groups")) {
            familyCodes += g.get("codes").size();
        }
        assertThat(familyCodes).isEqualTo(SecondarySchool.PUPILS);

        // each pupil takes any slip of their tutor group, chooses their classes, and the survey asks about exactly their teachers
        Map<String, String> codeOf = new LinkedHashMap<>();
        for (SecondarySchool.Pupil p : sis.pupils) {
            List<String> pile = slips.get(className.get(classId.get(p.classes().get(0))));
            assertThat(pile).as("a slip for " + p).isNotEmpty();
            codeOf.put(p.id(), pile.remove(0));
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<SecondarySchool.Pupil> answering = new ArrayList<>();
        Map<String, Long> commentedOn = new HashMap<>();
        boolean first = true;
        for (SecondarySchool.Pupil p : sis.pupils) {
            String code = codeOf.get(p.id());
            TimetablePupil device = new TimetablePupil(http, json, port, code);
            JsonNode offer = device.session();
            assertThat(offer.get("blocks")).as("nothing to answer before choosing").isEmpty();
            Set<Long> offered = new HashSet<>();
            offer.get("chooseClasses").get("classes").forEach(c -> offered.add(c.get("classId").asLong()));
            List<Long> mine = p.classes().stream().skip(1).map(classId::get).toList();
            assertThat(offered).as("the classes " + p + " can choose").containsAll(mine).doesNotContain(classId.get(p.classes().get(0)));
            assertThat(offer.get("chooseClasses").get("most").asInt()).isGreaterThanOrEqualTo(mine.size());
            JsonNode session = device.choose(mine);
            assertThat(device.key()).as("the device's key to its survey").isNotBlank();
            Set<Long> asked = new TreeSet<>();
            Set<String> names = new HashSet<>();
            int schoolBlocks = 0;
            for (JsonNode b : session.get("blocks")) {
                if (b.get("relationship").asText().equals("PUPIL_TEACHER")) {
                    assertThat(asked.add(b.get("targetId").asLong())).as("each teacher once").isTrue();
                    names.add(b.get("targetName").asText());
                } else if (b.get("relationship").asText().equals("PUPIL_SCHOOL")) {
                    schoolBlocks++;
                }
            }
            Set<Long> expected = sis.teachersOf(p).stream().map(staffId::get).collect(Collectors.toCollection(TreeSet::new));
            assertThat(asked).as("the teachers of " + p).isEqualTo(expected);
            assertThat(names).isEqualTo(sis.teachersOf(p).stream().map(t -> sis.teacher(t).pupilName()).collect(Collectors.toSet()));
            assertThat(schoolBlocks).isEqualTo(1);
            if (random.nextInt(10) == 0 && !p.classes().contains("11La")) {
                continue; // about one pupil in ten does not answer (every Latin pupil does: that set is small already)
            }
            Map<String, Integer> answers = ModelRespondent.answers(session, random.nextGaussian(), random);
            if (first) {
                Map<String, Integer> half = new LinkedHashMap<>();
                answers.entrySet().stream().limit(answers.size() / 2).forEach(e -> half.put(e.getKey(), e.getValue()));
                device.draft(half);
                assertThat(count("select count(*) from survey_draft d join access_code c on c.code_hash = d.code_hash "
                        + "where c.window_id = ? and d.sealed is not null and d.answers is null", windowId)).isGreaterThanOrEqualTo(1);
                assertThat(device.session().get("answers").size()).isEqualTo(half.size());
                // whoever else holds the code (the admin printed it) gets neither the answers nor the teachers, so not the classes
                TimetablePupil other = new TimetablePupil(http, json, port, code);
                JsonNode elsewhere = other.session();
                assertThat(elsewhere.get("startedElsewhere").asBoolean()).isTrue();
                assertThat(elsewhere.get("blocks")).isEmpty();
                assertThat(elsewhere.get("answers")).isEmpty();
                assertThat(elsewhere.get("chooseClasses").get("chosen")).isEmpty();
                assertThat(other.send("PUT", "/api/v1/survey/draft", Map.of("answers", half)).status()).isEqualTo(409);
                assertThat(other.send("POST", "/api/v1/survey/submit", Map.of("answers", answers)).status()).isEqualTo(409);
                assertThat(device.session().get("answers").size()).as("kept for the pupil's device").isEqualTo(half.size());
            }
            Map<String, String> comments = new HashMap<>();
            if (random.nextInt(4) == 0) {
                long about = asked.stream().skip(random.nextInt(asked.size())).findFirst().orElseThrow();
                comments.put("PUPIL_TEACHER@" + about, "Explains things clearly " + p.id());
                commentedOn.put(p.id(), about);
            }
            device.submit(answers, comments);
            answering.add(p);
            if (first) {
                // their draft was sealed: it names their teachers
                assertThat(count("select count(*) from survey_draft d join access_code c on c.code_hash = d.code_hash "
                        + "where c.window_id = ? and d.sealed is null", windowId)).isZero();
                // one pupil's parts wait, sealed, for their classes: nothing of them is a response yet, and nothing says their classes
                first = false;
                assertThat(count("select count(*) from response where window_id = ?", windowId)).isZero();
                assertThat(count("select count(*) from held_part where window_id = ?", windowId)).isEqualTo(p.classes().size());
                assertThat(count("select count(*) from access_code where window_id = ? and used and pattern_seal is not null", windowId)).isZero();
            }
        }

        // rates while the window is open: per tutor group from codes, as pupils answer; a set's stay at none until the close
        // (a count that grew at a submission would say that the pupil who just sent is in that set)
        Map<String, JsonNode> open = rates(windowId, admin);
        for (SecondarySchool.Klass c : sis.classes.values()) {
            JsonNode r = open.get("PUPIL|" + className.get(classId.get(c.id())));
            int answered = (int) answering.stream().filter(p -> p.classes().contains(c.id())).count();
            assertThat(r.get("used").asInt()).as(c.id()).isEqualTo(c.homeroom() ? answered : 0);
            assertThat(r.get("later").asBoolean()).as(c.id()).isEqualTo(!c.homeroom());
        }
        // nothing of a timetable pupil is a response while the window is open: every part waits, sealed
        assertThat(count("select count(*) from response where window_id = ?", windowId)).isZero();
        assertThat(count("select count(*) from held_part where window_id = ?", windowId))
                .isEqualTo(answering.stream().mapToLong(p -> p.classes().size()).sum());

        call("POST", "/api/v1/windows/" + windowId + "/close?confirm=true", null, admin, 200);
        // closed but still reopenable: nothing stored or counted by set yet (a look now and one after a reopening would
        // say which classes the pupils who sent in between take)
        long held = count("select count(*) from held_part where window_id = ?", windowId);
        assertThat(held).isEqualTo(answering.stream().mapToLong(p -> p.classes().size()).sum());
        assertThat(count("select count(*) from response where window_id = ?", windowId)).isZero();
        Map<String, JsonNode> reopenable = rates(windowId, admin);
        sis.classes.values().stream().filter(c -> !c.homeroom())
                .forEach(c -> assertThat(reopenable.get("PUPIL|" + className.get(classId.get(c.id()))).get("used").asInt()).as(c.id()).isZero());

        assertThat(call("GET", "/api/v1/windows/" + windowId + "/reopening", null, admin, 200).get("allowed").asBoolean()).isTrue();
        // the network calibrates on the round: that settles the window (no reopening: the calibration shows counts of the
        // answers), and every held part is stored before the answers are read
        long settling = System.nanoTime();
        call("POST", "/api/v1/calibration", Map.of("window", "Autumn " + tag), networkAdmin, 201);
        // printed, never asserted: settling stores every held part, one per transaction, then calibrates
        System.out.printf("TimetableRoundTest: settling stored %d held parts and calibrated in %d ms%n", held,
                (System.nanoTime() - settling) / 1_000_000);
        assertThat(call("GET", "/api/v1/windows/" + windowId + "/reopening", null, admin, 200).get("allowed").asBoolean()).isFalse();

        // the rates once the window is settled: every set's pupils, and how many of them answered
        Map<String, JsonNode> closed = rates(windowId, admin);
        for (SecondarySchool.Klass c : sis.classes.values()) {
            JsonNode r = closed.get("PUPIL|" + className.get(classId.get(c.id())));
            assertThat(r).as(c.id()).isNotNull();
            assertThat(r.get("issued").asInt()).as(c.id()).isEqualTo(sis.pupilsIn(c.id()).size());
            int answered = (int) answering.stream().filter(p -> p.classes().contains(c.id())).count();
            if (c.homeroom() || answered >= measures.minCellSize()) {
                assertThat(r.get("used").asInt()).as(c.id()).isEqualTo(answered);
                assertThat(r.hasNonNull("fewerThan")).as(c.id()).isFalse();
            } else {
                // a set with fewer than k answers says only that (the Latin set of four)
                assertThat(r.get("used").asInt()).as(c.id()).isZero();
                assertThat(r.get("fewerThan").asInt()).as(c.id()).isEqualTo(measures.minCellSize());
            }
            assertThat(r.get("teachingSet").asBoolean()).isEqualTo(!c.homeroom());
        }

        // once settled every part is a response of its own class; none carries more than its class says
        assertThat(count("select count(*) from held_part where window_id = ?", windowId)).isZero();
        for (SecondarySchool.Klass c : sis.classes.values()) {
            long answered = answering.stream().filter(p -> p.classes().contains(c.id())).count();
            assertThat(count("select count(*) from response where window_id = ? and class_id = " + classId.get(c.id()), windowId))
                    .as("responses of " + c.id()).isEqualTo(answered);
        }
        Map<Long, Set<Long>> teachersOfClass = new HashMap<>();
        sis.classes.values().forEach(c -> teachersOfClass.put(classId.get(c.id()), c.teachers().stream().map(staffId::get).collect(Collectors.toSet())));
        jdbc.sql("""
                select r.class_id, a.target_staff from answer a join response r on r.id = a.response_id
                where r.window_id = ? and a.target_staff is not null""").param(windowId)
                .query((rs, n) -> {
                    assertThat(teachersOfClass.get(rs.getLong(1))).as("an answer is stored in a class of the teacher it is about")
                            .contains(rs.getLong(2));
                    return null;
                }).list();
        // the school's questions are answered once per pupil, in the home group
        assertThat(count("""
                select count(distinct a.response_id) from answer a join response r on r.id = a.response_id
                where r.window_id = ? and a.target_staff is null""", windowId)).isEqualTo(answering.size());
        // no transaction wrote two classes' responses: nothing (xmin, place in the table) joins a pupil's parts
        assertThat(count("""
                select count(*) from (select xmin::text from response where window_id = ? group by xmin::text
                having count(distinct class_id) > 1) x""", windowId)).isZero();
        assertThat(count("select count(*) from access_code where window_id = ? and pattern_seal is not null and used", windowId)).isZero();
        // the one column of sets of classes is the roster's patterns (counts of pupils); the other list of ids is a team's teachers
        assertThat(jdbc.sql("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = 'public' and udt_name = '_int8'""").query(String.class).list())
                .containsExactlyInAnyOrder("pupil_pattern.class_ids", "group_release.definition");
        // comments went with their teacher's block, into a class where that teacher teaches the pupil
        for (Map.Entry<String, Long> c : commentedOn.entrySet()) {
            Long where = jdbc.sql("""
                    select r.class_id from comment k join response r on r.id = k.response_id
                    where r.window_id = ? and k.body = ?""").params(windowId, "Explains things clearly " + c.getKey()).query(Long.class).single();
            assertThat(teachersOfClass.get(where)).contains(c.getValue());
        }

        // results per teacher and per tutor group, under the privacy rules
        WaveResults wave = measures.wave(network, "Autumn " + tag).orElseThrow();
        Scale pupilTeacher = new Scale(Relationship.PUPIL_TEACHER, null);
        Map<String, Integer> taught = sis.pupilsTaught();
        int shown = 0;
        for (SecondarySchool.Teacher t : sis.teachers) {
            GroupResult r = wave.result(pupilTeacher, GroupKey.teacher(staffId.get(t.id())));
            if (!taught.containsKey(t.id())) {
                assertThat(r).as(t.id() + " teaches nobody").isNull();
                continue;
            }
            long answered = answering.stream().filter(p -> sis.teachersOf(p).contains(t.id())).count();
            if (r == null) {
                // every class they teach stored fewer than k parts: such a class's answers count nowhere (the Latin set of four)
                assertThat(answered).as(t.id() + ", no result").isLessThan(measures.minCellSize());
                continue;
            }
            assertThat(r.invited()).as("pupils invited to answer about " + t.id()).isEqualTo(taught.get(t.id()));
            if (answered < measures.minCellSize()) {
                assertThat(r.shown()).as(t.id() + ", " + answered + " pupils answered").isFalse();
            }
            if (r.shown()) {
                assertThat(r.respondents()).isEqualTo((int) answered);
                shown++;
            }
        }
        // the engine may hold back a group more (what subtraction would reveal), but not most of them
        assertThat(shown).isGreaterThanOrEqualTo((int) (0.8 * taught.size()));
        String latin = sis.classes.get("11La").teachers().get(0);
        GroupResult latinResult = wave.result(pupilTeacher, GroupKey.teacher(staffId.get(latin)));
        assertThat(latinResult == null || !latinResult.shown()).as("four pupils are too few").isTrue();
        Scale pupilSchool = new Scale(Relationship.PUPIL_SCHOOL, null);
        for (SecondarySchool.Klass c : sis.classes.values()) {
            GroupResult r = wave.result(pupilSchool, GroupKey.ofClass(classId.get(c.id())));
            if (!c.homeroom()) {
                assertThat(r).as("a set is asked nothing about the school: " + c.id()).isNull();
                continue;
            }
            long answered = answering.stream().filter(p -> p.classes().get(0).equals(c.id())).count();
            assertThat(r.invited()).isEqualTo(sis.pupilsIn(c.id()).size());
            if (r.shown()) {
                assertThat(r.respondents()).isEqualTo((int) answered);
            }
        }
        GroupResult school = wave.result(pupilSchool, GroupKey.school(schoolId));
        assertThat(school.respondents()).isEqualTo(answering.size());
        assertThat(school.invited()).isEqualTo(SecondarySchool.PUPILS);
        GroupResult aboutTeachers = wave.result(pupilTeacher, GroupKey.school(schoolId));
        assertThat(aboutTeachers.respondents()).isLessThanOrEqualTo(aboutTeachers.invited());

        // a teacher reads their own report through the API, with their pupils' comments about them (and no one else's)
        Long reader = commentedOn.values().stream().filter(t -> wave.result(pupilTeacher, GroupKey.teacher(t)) != null
                        && wave.result(pupilTeacher, GroupKey.teacher(t)).shown())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow().getKey();
        StaffMember member = schools.findStaff(reader).orElseThrow();
        passwords.set(member, Fixtures.PASSWORD);
        JsonNode report = call("GET", "/api/v1/windows/" + windowId + "/teachers/" + member.id() + "/report", null,
                fixtures.staffUser(member.email()), 200);
        List<String> comments = new ArrayList<>();
        report.get("comments").forEach(c -> comments.add(c.asText()));
        assertThat(comments).containsExactlyInAnyOrderElementsOf(commentedOn.entrySet().stream().filter(e -> e.getValue().equals(reader))
                .map(e -> "Explains things clearly " + e.getKey()).toList());
    }

    Map<String, JsonNode> rates(long windowId, StaffUser admin) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        call("GET", "/api/v1/windows/" + windowId + "/response-rates", null, admin, 200)
                .forEach(r -> out.put(r.get("role").asText() + "|" + r.get("group").asText(), r));
        return out;
    }

    long count(String sql, long windowId) {
        return jdbc.sql(sql).param(windowId).query(Long.class).single();
    }
}

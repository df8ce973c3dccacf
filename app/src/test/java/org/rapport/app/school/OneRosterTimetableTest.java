package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.access.CodeService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.SecondarySchool;
import org.rapport.app.survey.Session;
import org.rapport.app.survey.Submissions;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A timetable's export in detail (docs/ROSTER.md): what is warned about and still imported, pupils without a
 * homeroom, the names file and where teams come from, a CSV roster after a timetable, and codes printed
 * again and replaced, pattern by pattern. The school is generated from a seed printed at the start.
 */
class OneRosterTimetableTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Onboarding onboarding;
    @Autowired
    Schools schools;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    CodeService codes;
    @Autowired
    Submissions submissions;
    @Autowired
    org.rapport.app.survey.SurveySessions sessions;
    @Autowired
    org.rapport.app.access.Codes invitations;
    @Autowired
    org.rapport.app.window.WindowService windowService;
    @Autowired
    PrivateResults privateResults;
    @Autowired
    org.rapport.app.window.Windows windows;
    @Autowired
    org.rapport.app.calibration.CalibrationService calibrations;
    @Autowired
    org.rapport.app.retention.Retention retention;
    @Autowired
    org.rapport.app.measuring.MeasureService measures;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    School school;
    StaffUser admin;
    SecondarySchool sis;
    long seed;

    @BeforeEach
    void aNewSchool() {
        seed = new java.security.SecureRandom().nextLong();
        System.out.println("OneRosterTimetableTest seed " + seed);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        sis = SecondarySchool.generate(seed, "riverside-" + tag + ".example");
        Onboarding.NewSchool added = onboarding.addSchool(fixtures.network(), "Riverside " + tag,
                new Onboarding.NewAccount("Ada IT", "it-" + tag + "@test.example"));
        school = added.school();
        admin = fixtures.staffUser(added.admin().email());
    }

    MockHttpServletResponse upload(Map<String, String> files, String names, String teams) throws Exception {
        var request = multipart("/api/v1/schools/" + school.id() + "/roster/oneroster")
                .file(new MockMultipartFile("bundle", "export.zip", "application/zip", SecondarySchool.zip(files)));
        if (names != null) {
            request = request.file(new MockMultipartFile("names", "names.csv", "text/csv", names.getBytes(StandardCharsets.UTF_8)));
        }
        request.with(user(admin));
        if (teams != null) {
            request.param("teams", teams);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    JsonNode imported(Map<String, String> files, String names, String teams) throws Exception {
        MockHttpServletResponse r = upload(files, names, teams);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        return json.readTree(r.getContentAsString());
    }

    Map<String, Long> staffIds() {
        Map<String, Long> out = new HashMap<>();
        schools.staff(school.id()).forEach(m -> out.put(m.ref(), m.id()));
        return out;
    }

    @Test
    void aClassWithoutATeacherAndPupilsNoTeacherTeachesAreImportedWithAWarningOnTheApiAndThePage() throws Exception {
        Map<String, String> files = sis.files();
        String stamp = "2026-09-01T08:00:00Z";
        files.put("classes.csv", files.get("classes.csv") + "club-1,active," + stamp + ",Chess club,10,,club-1,scheduled,,"
                + SecondarySchool.SCHOOL + ",t-2026,,,\n");
        StringBuilder users = new StringBuilder(files.get("users.csv"));
        StringBuilder enrolments = new StringBuilder(files.get("enrollments.csv"));
        for (int i = 1; i <= 3; i++) {
            users.append("x-").append(i).append(",active,").append(stamp).append(",true,").append(SecondarySchool.SCHOOL)
                    .append(",student,x").append(i).append(",,Pupil,X").append(i).append(",,,,,,,10,\n");
            enrolments.append("ex-").append(i).append(",active,").append(stamp).append(",club-1,").append(SecondarySchool.SCHOOL)
                    .append(",x-").append(i).append(",student,false,,\n");
        }
        users.append("x-9,active,").append(stamp).append(",true,").append(SecondarySchool.SCHOOL).append(",student,x9,,Pupil,X9,,,,,,,10,\n");
        files.put("users.csv", users.toString());
        files.put("enrollments.csv", enrolments.toString());

        JsonNode summary = imported(files, null, null);
        List<String> warnings = new ArrayList<>();
        summary.get("warnings").forEach(w -> warnings.add(w.get("file").asText() + ": " + w.get("message").asText()));
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).startsWith("classes.csv: class club-1 (Chess club) has no teacher");
        assertThat(warnings.get(1)).startsWith("enrollments.csv: 3 pupils are enrolled in no class with a teacher (users.csv lines ")
                .endsWith("their survey asks only about the school");
        assertThat(warnings.get(2)).startsWith("users.csv: 1 pupil of the school is enrolled in no class (users.csv line ");
        // imported all the same: the club's three pupils have it as their home, the pupil enrolled nowhere has no code
        assertThat(schools.classes(school.id())).extracting(ClassGroup::ref).contains("club-1");
        assertThat(schools.patterns(school.id()).stream().mapToInt(PupilPattern::pupils).sum()).isEqualTo(SecondarySchool.PUPILS + 3);

        // the roster page says the same after an upload
        // (checked first, as the page does, then imported with the check's confirmation)
        MockHttpServletResponse checked = mvc.perform(multipart("/staff/schools/" + school.id() + "/roster/oneroster/preview")
                .file(new MockMultipartFile("bundle", "export.zip", "application/zip", SecondarySchool.zip(files)))
                .with(user(admin)).with(csrf())).andReturn().getResponse();
        assertThat(checked.getContentAsString()).contains("id=\"preview-warnings\"", "class club-1 (Chess club) has no teacher");
        var confirm = java.util.regex.Pattern.compile("name=\"confirm\" value=\"([^\"]+)\"").matcher(checked.getContentAsString());
        assertThat(confirm.find()).isTrue();
        MockHttpServletResponse page = mvc.perform(multipart("/staff/schools/" + school.id() + "/roster/oneroster").param("confirm", confirm.group(1))
                .cookie(checked.getCookie("SESSION")).with(user(admin)).with(csrf())).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("id=\"roster-warnings\"", "Imported, but please check",
                "class club-1 (Chess club) has no teacher");
    }

    @Test
    void pupilsWithoutAHomeroomAnswerAboutTheSchoolInTheirYearGroupAndGetOneCodeThere() throws Exception {
        Map<String, String> files = sis.files();
        // year 9 without tutor groups in the export
        files.put("classes.csv", files.get("classes.csv").lines().filter(l -> !l.startsWith("hr-9T")).collect(Collectors.joining("\n", "", "\n")));
        files.put("enrollments.csv", files.get("enrollments.csv").lines().filter(l -> !l.contains(",hr-9T"))
                .collect(Collectors.joining("\n", "", "\n")));
        JsonNode summary = imported(files, null, null);
        // imported, with a word on what a year group's one sheet means when codes are handed out by tutor group
        List<String> warnings = new ArrayList<>();
        summary.get("warnings").forEach(w -> warnings.add(w.toString()));
        assertThat(warnings).anyMatch(w -> w.contains("41 pupils have no homeroom class") && w.contains("Year 9")
                && w.contains("put the tutor groups in the export"));
        ClassGroup year9 = schools.classes(school.id()).stream().filter(c -> c.ref().equals("year:09")).findFirst().orElseThrow();
        assertThat(year9.name()).isEqualTo("Year 9");
        assertThat(year9.pupils()).isEqualTo(41);
        assertThat(schools.teachersOf(year9.id())).isEmpty();
        List<PupilPattern> patterns = schools.patterns(school.id());
        assertThat(patterns.stream().filter(p -> p.homeClassId() == year9.id()).mapToInt(PupilPattern::pupils).sum()).isEqualTo(41);

        SurveyWindow window = fixtures.openWindow(school.id());
        CodeService.Batch batch = codes.generate(window, RespondentRole.PUPIL, null);
        assertThat(batch.groups()).extracting(CodeService.Group::name).contains("Year 9");
        assertThat(batch.groups().stream().mapToInt(g -> g.slips().size()).sum()).isEqualTo(SecondarySchool.PUPILS);
        assertThat(batch.groups().stream().filter(g -> g.name().equals("Year 9")).findFirst().orElseThrow().slips()).hasSize(41)
                .allSatisfy(s -> assertThat(s.classes()).isNull());
        // a Year 9 pupil chooses from their year group's sets
        Session offer = sessions.start(batch.groups().stream().filter(g -> g.name().equals("Year 9")).findFirst().orElseThrow().slips().get(0).code());
        assertThat(offer.mustChoose()).isTrue();
        assertThat(offer.choices().classes()).extracting(org.rapport.app.survey.ClassChoices.Choice::name)
                .anyMatch(n -> n.startsWith("9Ma")).anyMatch(n -> n.startsWith("9En")).anyMatch(n -> n.startsWith("9Sc"));

        // the same export again changes nothing
        int before = patterns.size();
        imported(files, null, null);
        assertThat(schools.patterns(school.id())).extracting(PupilPattern::id).containsExactlyInAnyOrderElementsOf(
                patterns.stream().map(PupilPattern::id).toList());
        assertThat(schools.patterns(school.id())).hasSize(before);
    }

    @Test
    void theNamesFileGivesTheNamesPupilsSeeAndTeamsKeptAcrossImportsAndTeamsComeFromDepartmentsOrSubjects() throws Exception {
        SecondarySchool.Teacher okafor = sis.teachers.get(0);
        SecondarySchool.Teacher other = sis.teachers.get(1);
        String names = "staff_id,name_for_pupils,team\n" + okafor.id() + "," + okafor.pupilName() + ",Pastoral\n"
                + other.id() + "," + other.pupilName() + ",\n" + "t-99,Mr Nobody,\n";
        JsonNode summary = imported(sis.files(), names, null);
        assertThat(summary.get("warnings").toString()).contains("staff id t-99 of the names file is not staff of the bundle");
        Map<String, Long> ids = staffIds();
        Map<Long, String> teams = schools.teams(school.id());
        assertThat(teams.get(ids.get(okafor.id()))).isEqualTo("Pastoral");
        assertThat(teams.get(ids.get(other.id()))).isEqualTo(sis.departments().get(other.department()));
        String okaforsClass = sis.classes.values().stream().filter(c -> c.teachers().contains(okafor.id())).findFirst().orElseThrow().id();
        long classId = schools.classes(school.id()).stream().filter(c -> c.ref().equals(okaforsClass)).findFirst().orElseThrow().id();
        assertThat(schools.teachersOf(classId)).extracting(StaffMember::name).contains(okafor.pupilName());
        // staff still read their own names
        assertThat(schools.findStaff(ids.get(okafor.id())).orElseThrow().name()).isEqualTo(okafor.given() + " " + okafor.family());

        // the next export without a names file keeps both; teams from the subject of each teacher's classes, if chosen
        imported(sis.files(), null, "subject");
        teams = schools.teams(school.id());
        assertThat(teams.get(ids.get(okafor.id()))).isEqualTo("Pastoral");
        String otherSubject = sis.classes.values().stream().filter(c -> c.teachers().contains(other.id()) && c.subject() != null)
                .collect(Collectors.groupingBy(SecondarySchool.Klass::subject, java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .orElseThrow().getKey();
        assertThat(teams.get(ids.get(other.id()))).isEqualTo(otherSubject);
        assertThat(schools.teachersOf(classId)).extracting(StaffMember::name).contains(okafor.pupilName());
        // keep: teams stay as they are
        imported(sis.files(), null, "keep");
        assertThat(schools.teams(school.id())).isEqualTo(teams);

        // a broken names file refuses the whole upload, by line and column
        MockHttpServletResponse bad = upload(sis.files(), "staff_id,name_for_pupils,nickname\nt-01,Ms A,x\n", null);
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString()).contains("\"file\":\"names\"", "unknown column 'nickname'");
        MockHttpServletResponse twice = upload(sis.files(), "staff_id,name_for_pupils\nt-01,Ms A\nt-01,Ms B\n", null);
        assertThat(twice.getStatus()).isEqualTo(400);
        assertThat(twice.getContentAsString()).contains("\"line\":3", "staff id t-01 appears twice (first on line 2)");
        MockHttpServletResponse teamsWrong = upload(sis.files(), null, "house");
        assertThat(teamsWrong.getStatus()).isEqualTo(400);
        assertThat(teamsWrong.getContentAsString()).contains("teams come from department, subject or keep");
        assertThat(schools.teachersOf(classId)).extracting(StaffMember::name).contains(okafor.pupilName());
    }

    @Test
    void aCsvRosterAfterATimetableCountsEachClassesPupilsAgain() throws Exception {
        imported(sis.files(), sis.namesCsv(), null);
        assertThat(schools.patterns(school.id())).isNotEmpty();
        String teacherEmail = sis.teachers.get(0).email();
        String roster = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email\n7A,Year 7 A,7,25," + sis.teachers.get(0).id()
                + ",Ms Teacher," + teacherEmail + "\n";
        MockHttpServletResponse r = mvc.perform(multipart("/api/v1/schools/" + school.id() + "/roster")
                .file(new MockMultipartFile("roster", "roster.csv", "text/csv", roster.getBytes(StandardCharsets.UTF_8))).with(user(admin)))
                .andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        assertThat(schools.patterns(school.id())).isEmpty();
        assertThat(schools.pupilNames(school.id())).isEmpty();
        SurveyWindow window = fixtures.openWindow(school.id());
        CodeService.Batch batch = codes.generate(window, RespondentRole.PUPIL, null);
        assertThat(batch.groups()).singleElement().satisfies(g -> {
            assertThat(g.slips()).hasSize(25).allSatisfy(s -> assertThat(s.classes()).isNull());
        });
    }

    @Test
    void printingAgainGivesAHomeGroupsUnusedCodesAgainNamingNoClassesAndReplacingNeverVoidsAStartedCode() throws Exception {
        imported(sis.files(), null, null);
        SurveyWindow window = fixtures.openWindow(school.id());
        long home = schools.classes(school.id()).stream().filter(c -> c.ref().equals("hr-10T1")).findFirst().orElseThrow().id();
        Map<Long, Integer> pupilsOf = new HashMap<>();
        schools.patterns(school.id()).stream().filter(p -> p.homeClassId() == home && p.pupils() > 0).forEach(p -> pupilsOf.put(p.id(), p.pupils()));
        CodeService.Group first = codes.generate(window, RespondentRole.PUPIL, List.of(home)).groups().get(0);
        int pupils = (int) sis.pupils.stream().filter(p -> p.tutorGroup().equals("10T1")).count();
        assertThat(first.slips()).hasSize(pupils).allSatisfy(s -> assertThat(s.classes()).as("a slip names no classes").isNull());
        assertThat(first.reprinted()).isZero();
        assertThat(invitedPerPattern(window)).isEqualTo(pupilsOf);
        // three pupils answer, with the first three slips; a fourth chooses their classes and leaves the survey half done
        java.util.Random random = new java.util.Random(seed);
        List<CodeService.Slip> used = first.slips().subList(0, 3);
        for (CodeService.Slip s : used) {
            fixtures.answerAroundALevel(s.code(), random, Map.of());
        }
        CodeService.Slip started = first.slips().get(3);
        String startedKey = fixtures.chooseAPattern(started.code(), random).holderKey();

        // printing again gives the same unused codes, still naming no classes, and makes none
        CodeService.Group again = codes.generate(window, RespondentRole.PUPIL, List.of(home)).groups().get(0);
        assertThat(again.alreadyUsed()).isEqualTo(3);
        assertThat(again.slips()).containsExactlyInAnyOrderElementsOf(first.slips().subList(3, first.slips().size()));
        assertThat(again.reprinted()).isEqualTo(again.slips().size());
        assertThat(again.unshown()).isZero();
        assertThat(invitedPerPattern(window)).isEqualTo(pupilsOf);
        // a teaching set has no codes of its own
        long set = schools.classes(school.id()).stream().filter(c -> c.ref().equals("10Ma1")).findFirst().orElseThrow().id();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> codes.generate(window, RespondentRole.PUPIL, List.of(set))))
                .isInstanceOf(org.rapport.app.web.InvalidInputException.class).hasMessageContaining("is a teaching set");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> codes.preview(window, RespondentRole.PUPIL, List.of(set))))
                .isInstanceOf(org.rapport.app.web.InvalidInputException.class).hasMessageContaining("is a teaching set");

        // replacing (a lost sheet): says first what it voids, never the started code, then gives the home group's other pupils new codes
        CodeService.Replacement preview = codes.preview(window, RespondentRole.PUPIL, List.of(home));
        assertThat(preview.voids()).isEqualTo(first.slips().size() - 4);
        assertThat(preview.inProgress()).isEqualTo(1);
        assertThat(preview.used()).isEqualTo(3);
        // the window page offers to replace a home group's codes, not a set's
        String page = mvc.perform(get("/staff/windows/" + window.id()).with(user(admin))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("value=\"PUPIL:" + home + "\"").doesNotContain("value=\"PUPIL:" + set + "\"");
        String confirm = mvc.perform(get("/staff/windows/" + window.id() + "/codes/replace").param("group", "PUPIL:" + home).with(user(admin)))
                .andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("Printed codes that will stop working: " + preview.voids() + ". Kept because a survey is in progress: 1.");
        CodeService.Group replaced = codes.replace(window, RespondentRole.PUPIL, List.of(home), preview.voids()).groups().get(0);
        assertThat(replaced.inProgress()).isEqualTo(1);
        assertThat(replaced.slips()).hasSize(pupils - 4).allSatisfy(s -> assertThat(s.classes()).isNull());
        assertThat(replaced.slips()).extracting(CodeService.Slip::code).doesNotContainAnyElementsOf(
                first.slips().stream().map(CodeService.Slip::code).toList());
        assertThat(invitedPerPattern(window)).isEqualTo(pupilsOf);
        // a voided code no longer works; the started one still opens its survey on its device, with its pupil's teachers; a used one stays used
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> submissions.submit(first.slips().get(5).code(), UUID.randomUUID().toString(),
                Map.of(), Map.of()))).isNotNull();
        assertThat(sessions.resume(started.code(), startedKey).plan().blocks()).isNotEmpty();
        assertThat(sessions.resume(started.code()).startedElsewhere()).as("not on another device").isTrue();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> sessions.start(used.get(0).code()))).isNotNull();
        // and printing again gives the replacement's codes and the started one, nothing new
        CodeService.Group afterReplace = codes.generate(window, RespondentRole.PUPIL, List.of(home)).groups().get(0);
        List<CodeService.Slip> expectedSheet = new ArrayList<>(replaced.slips());
        expectedSheet.add(started);
        assertThat(afterReplace.slips()).containsExactlyInAnyOrderElementsOf(expectedSheet);

        // closed, then reopened: the unused codes still work but cannot be shown again; replacing gives new ones
        SurveyWindow closed = windowService.close(window);
        SurveyWindow reopened = windowService.reopen(closed);
        CodeService.Group unshown = codes.generate(reopened, RespondentRole.PUPIL, List.of(home)).groups().get(0);
        assertThat(unshown.slips()).isEmpty();
        assertThat(unshown.unshown()).isEqualTo(expectedSheet.size());
        assertThat(sessions.resume(started.code(), startedKey).plan().blocks()).isNotEmpty();
        CodeService.Replacement second = codes.preview(reopened, RespondentRole.PUPIL, List.of(home));
        assertThat(second.voids()).isEqualTo(expectedSheet.size() - 1);
        CodeService.Group fresh = codes.replace(reopened, RespondentRole.PUPIL, List.of(home), second.voids()).groups().get(0);
        assertThat(fresh.slips()).hasSize(pupils - 4);
        assertThat(invitedPerPattern(window)).isEqualTo(pupilsOf);
    }

    @Test
    void whileTheWindowIsOpenNothingMovesAtASubmissionThatSaysWhichClassesItsPupilTakes() throws Exception {
        imported(sis.files(), null, null);
        SurveyWindow window = fixtures.openWindow(school.id());
        Map<String, Long> ids = staffIds();
        Map<String, Long> classIds = new HashMap<>();
        schools.classes(school.id()).forEach(c -> classIds.put(c.ref(), c.id()));
        SecondarySchool.Pupil pupil = sis.pupils.get(0);
        String theirs = sis.teachersOf(pupil).iterator().next();
        String notTheirs = sis.pupilsTaught().keySet().stream().filter(t -> !sis.teachersOf(pupil).contains(t)).findFirst().orElseThrow();
        assertThat(privateResults.held(school.networkId(), ids.get(theirs))).isFalse();
        assertThat(privateResults.held(school.networkId(), ids.get(notTheirs))).isFalse();

        // the pupil ticks their classes and sends, with a comment about one of their teachers
        long home = classIds.get(pupil.classes().get(0));
        List<CodeService.Slip> sheet = codes.generate(window, RespondentRole.PUPIL, List.of(home)).groups().get(0).slips();
        String code = sheet.get(0).code();
        Session s = sessions.choose(code, pupil.classes().stream().skip(1).map(classIds::get).toList(), null, null);
        Map<String, Integer> answers = new HashMap<>();
        s.plan().blocks().forEach(b -> b.items().forEach(i -> answers.put(b.key(i).toString(), 3)));
        String about = s.plan().blocks().stream().filter(b -> b.targetId() != null && b.commentKey() != null).findFirst().orElseThrow()
                .commentKey().toString();
        submissions.submit(code, UUID.randomUUID().toString(), answers, Map.of(about, "Helps me a lot"), null, s.holderKey());

        // what an admin can look at says "a pupil of this home group answered", and nothing of which classes they take:
        // every member of staff now holds private results, not only the pupil's teachers
        assertThat(privateResults.held(school.networkId(), ids.get(theirs))).isTrue();
        assertThat(privateResults.held(school.networkId(), ids.get(notTheirs))).isTrue();
        Map<Long, Integer> open = used(window);
        classIds.values().forEach(c -> assertThat(open.getOrDefault(c, 0)).as("class " + c).isEqualTo(c == home ? 1 : 0));

        // closed, looked at, reopened, a second pupil of the group sends, closed and looked at again: while the window can be
        // reopened nothing is stored either (two looks would say which classes the pupil who sent between them takes)
        SurveyWindow closed = windowService.close(window);
        assertThat(used(window)).as("closed, still reopenable").containsEntry(home, 1)
                .allSatisfy((c, n) -> assertThat(n).as("class " + c).isEqualTo(c == home ? 1 : 0));
        assertThat(privateResults.held(school.networkId(), ids.get(notTheirs))).isTrue();
        windowService.reopen(closed);
        SecondarySchool.Pupil second = sis.pupils.stream().filter(p -> p != pupil && p.classes().get(0).equals(pupil.classes().get(0)))
                .findFirst().orElseThrow();
        // a slip printed before the close (a closed window's codes cannot be printed again, but still work)
        String code2 = sheet.get(1).code();
        Session s2 = sessions.choose(code2, second.classes().stream().skip(1).map(classIds::get).toList(), null, null);
        Map<String, Integer> answers2 = new HashMap<>();
        s2.plan().blocks().forEach(b -> b.items().forEach(i -> answers2.put(b.key(i).toString(), 2)));
        submissions.submit(code2, UUID.randomUUID().toString(), answers2, Map.of(), null, s2.holderKey());
        SurveyWindow again = windowService.close(windows.get(window.id()));
        assertThat(used(window)).as("closed again").allSatisfy((c, n) -> assertThat(n).as("class " + c).isEqualTo(c == home ? 2 : 0));

        // settled (its results are shown, or it is calibrated): every part is stored, and private results are those answered
        // about; the sets' counts say "fewer than k", whether 0, 1 or 2 answered (which sets had one would be a timetable)
        windows.resultsShown(again);
        Map<Long, Integer> settled = used(window);
        assertThat(settled.get(home)).isEqualTo(2);
        classIds.forEach((ref, c) -> assertThat(settled.getOrDefault(c, 0)).as(ref).isEqualTo(c == home ? 2 : 0));
        assertThat(fewerThan(window)).as("every set of the group's pupils").hasSize(setsOf(home))
                .allSatisfy(n -> assertThat(n).isEqualTo(measures.minCellSize()));
        // two senders in the home group, fewer than k: their home group's parts are stored, their other classes' withheld for
        // good (kept sealed, never counted: counted beside the home group's 2, they would say which of its pupils sent)
        assertThat(jdbc.sql("select count(*) from response where window_id = ?").param(window.id()).query(Long.class).single())
                .as("the home group's parts stored").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from held_part where window_id = ? and withheld").param(window.id()).query(Long.class).single())
                .as("the other classes' parts withheld").isEqualTo(pupil.classes().size() + second.classes().size() - 2);
        // and still every member of staff: teacher by teacher, a yes would be whose classes had an answer
        assertThat(privateResults.held(school.networkId(), ids.get(theirs))).isTrue();
        assertThat(privateResults.held(school.networkId(), ids.get(notTheirs))).isTrue();
        assertThat(windowService.reopening(windows.get(window.id())).allowed()).isFalse();
    }

    @Test
    void deletingTheRawAnswersOfAClosedWindowStoresAndKeepsItsWaitingAnswersFirst() throws Exception {
        imported(sis.files(), null, null);
        Map<String, Long> classIds = new HashMap<>();
        schools.classes(school.id()).forEach(c -> classIds.put(c.ref(), c.id()));
        java.util.Random random = new java.util.Random(seed);
        // a first round, calibrated: the network can measure
        SurveyWindow first = fixtures.openWindow(school.id());
        SecondarySchool.Pupil pupil = sis.pupils.get(0);
        long home = classIds.get(pupil.classes().get(0));
        List<CodeService.Slip> sheet = codes.generate(first, RespondentRole.PUPIL, List.of(home)).groups().get(0).slips();
        fixtures.answerAroundALevel(sheet.get(0).code(), random, Map.of());
        windowService.close(first);
        calibrations.calibrate(school.networkId(), first.name());
        // a second round: one pupil sends, the window closes, its answers wait (it could still be reopened)
        SurveyWindow second = fixtures.openWindow(school.id());
        String code = codes.generate(second, RespondentRole.PUPIL, List.of(home)).groups().get(0).slips().get(0).code();
        fixtures.answerAroundALevel(code, random, Map.of());
        SurveyWindow closed = windowService.close(second);
        assertThat(windowService.reopening(closed).allowed()).isTrue();
        long waiting = jdbc.sql("select count(*) from held_part where window_id = ?").param(closed.id()).query(Long.class).single();
        assertThat(waiting).isPositive();
        // deleting its raw answers settles it first: the parts are stored and measured (those of the pupil's other classes
        // withheld for good: their home group had one sender), then deleted as responses
        Map<String, Integer> deleted = retention.deleteRaw(admin, closed.id());
        assertThat(deleted.getOrDefault("held parts", 0)).as("nothing deleted unstored: " + deleted).isZero();
        assertThat(deleted.get("responses")).as("the home group's part: " + deleted).isEqualTo(1);
        assertThat(deleted.get("responses") + deleted.getOrDefault("withheld parts", 0)).as(deleted.toString()).isEqualTo((int) waiting);
    }

    /** How many teaching sets the pupils of a home group are in (those its codes invite). */
    int setsOf(long home) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        schools.patterns(school.id()).stream().filter(p -> p.homeClassId() == home)
                .forEach(p -> p.classIds().stream().filter(c -> c != home).forEach(out::add));
        return out.size();
    }

    /** The "fewer than" of each teaching set's row (-1 where it gives a count). */
    List<Integer> fewerThan(SurveyWindow window) throws Exception {
        List<Integer> out = new ArrayList<>();
        String body = mvc.perform(get("/api/v1/windows/" + window.id() + "/response-rates").with(user(admin))).andReturn().getResponse()
                .getContentAsString();
        json.readTree(body).forEach(r -> {
            if (r.get("teachingSet").asBoolean()) {
                out.add(r.hasNonNull("fewerThan") ? r.get("fewerThan").asInt() : -1);
            }
        });
        return out;
    }

    /** Pupils who answered per class, as the window page's rates give them to the admin. */
    Map<Long, Integer> used(SurveyWindow window) throws Exception {
        Map<String, Long> byName = new HashMap<>();
        schools.classes(school.id()).forEach(c -> byName.put(c.name(), c.id()));
        Map<Long, Integer> out = new HashMap<>();
        String body = mvc.perform(get("/api/v1/windows/" + window.id() + "/response-rates").with(user(admin))).andReturn().getResponse()
                .getContentAsString();
        json.readTree(body).forEach(r -> {
            if (r.get("role").asText().equals("PUPIL")) {
                out.put(byName.get(r.get("group").asText()), r.get("used").asInt());
            }
        });
        return out;
    }

    /** Pupil codes the window issued per pattern of the home group 10T1 (the counts response rates and invited counts use). */
    Map<Long, Integer> invitedPerPattern(SurveyWindow window) {
        long home = schools.classes(school.id()).stream().filter(c -> c.ref().equals("hr-10T1")).findFirst().orElseThrow().id();
        Map<Long, Integer> out = new HashMap<>();
        Map<List<Long>, Long> ids = new HashMap<>();
        schools.patterns(school.id()).forEach(p -> ids.put(p.classIds(), p.id()));
        invitations.invitedPatterns(List.of(window.id())).stream().filter(p -> p.homeClassId() == home)
                .forEach(p -> out.merge(ids.get(p.classIds()), p.codes(), Integer::sum));
        return out;
    }

    @Test
    void theDocumentedNamesFileNamesTheExampleBundlesTeachersAsPupilsSeeThem() throws Exception {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        String domain = "oakfield-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        for (String f : OneRosterCsv.FILES) {
            files.put(f, java.nio.file.Files.readString(OneRosterImportTest.EXAMPLE.resolve(f)).replace("@oakfield.example", "@" + domain));
        }
        JsonNode summary = imported(files, java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "examples", "names.csv")), null);
        assertThat(summary.get("warnings")).isEmpty();
        long maths = schools.classes(school.id()).stream().filter(c -> c.ref().equals("c-6m")).findFirst().orElseThrow().id();
        assertThat(schools.teachersOf(maths)).extracting(StaffMember::name).containsExactly("Lee Park", "Ms Osei");
        assertThat(schools.teams(school.id()).values()).containsExactly("Upper school");
        // a primary export: each pupil in one class, which is their home; codes per class as before, no slip lists classes
        SurveyWindow window = fixtures.openWindow(school.id());
        assertThat(codes.generate(window, RespondentRole.PUPIL, null).groups()).allSatisfy(g -> {
            assertThat(g.slips()).hasSize(4).allSatisfy(sl -> assertThat(sl.classes()).isNull());
        });
    }
}

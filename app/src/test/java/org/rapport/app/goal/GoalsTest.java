package org.rapport.app.goal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.security.StaffUser;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.ModelRespondent;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A teacher's goal over two windows, every step through the API as staff and pupils use it: results,
 * a goal on how their pupils see them, the next window, and before and after with the interval of
 * the difference and a verdict. The goal is private to its teacher: another teacher and the school's
 * leader do not see it until it is shared, and the leader sees teachers' outcomes only counted, and
 * only from five. A goal whose class is too small to show gets no verdict.
 */
class GoalsTest extends ApiTest {
    @Autowired
    Schools schools;
    @Autowired
    org.rapport.app.school.RosterService rosters;
    @Autowired
    GoalRepository goalRepository;
    @Autowired
    org.rapport.app.school.SchoolAccess schoolAccess;
    @Autowired
    org.rapport.app.window.Windows windows;
    @Autowired
    org.rapport.app.measuring.MeasureService measures;
    @Autowired
    java.time.Clock clock;

    /** Opens a window of {@code name}, lets {@code share} of each class's pupils answer at {@code level}, and returns its id. */
    long window(Fixtures.StaffRoom room, String name, double level, SplittableRandom random) throws Exception {
        return answered(room, planned(room, name), level, random);
    }

    /** A window the school's admin plans (created, not opened): a goal can name it as the one that will tell. */
    long planned(Fixtures.StaffRoom room, String name) throws Exception {
        return call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", name), room.admin(), 201).get("id").asLong();
    }

    /** The planned window opened, and four in five pupils of each class answering around {@code level}. */
    long answered(Fixtures.StaffRoom room, long id, double level, SplittableRandom random) throws Exception {
        call("POST", "/api/v1/windows/" + id + "/open", null, room.admin(), 200);
        JsonNode generated = call("POST", "/api/v1/windows/" + id + "/codes", Map.of("role", "PUPIL"), room.admin(), 201);
        for (JsonNode group : generated.get("groups")) {
            List<String> codes = new ArrayList<>();
            group.get("codes").forEach(c -> codes.add(c.asText()));
            for (String code : codes.subList(0, Math.max(2, codes.size() * 4 / 5))) {
                JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, 200);
                call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", ModelRespondent.answers(session, level + random.nextGaussian(), random)), null, 200);
            }
        }
        return id;
    }

    static JsonNode only(JsonNode list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    @Test
    void aTeachersGoalShowsBeforeAndAfterWithTheIntervalOfTheDifferenceToThemAlone() throws Exception {
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        Fixtures.StaffRoom room = fixtures.staffRoom(network, new int[] {25, 25, 25, 25, 3}, 0);
        List<StaffMember> teachers = schools.staff(room.schoolId()).stream().filter(s -> !s.leader()).toList();
        StaffUser teacher = fixtures.staffUser(teachers.stream().filter(t -> t.name().equals("Teacher 1")).findFirst().orElseThrow().email());
        StaffUser colleague = fixtures.staffUser(teachers.stream().filter(t -> t.name().equals("Teacher 2")).findFirst().orElseThrow().email());
        StaffUser small = fixtures.staffUser(teachers.stream().filter(t -> t.name().equals("Teacher 5")).findFirst().orElseThrow().email());
        String tag = UUID.randomUUID().toString().substring(0, 6);
        SplittableRandom random = new SplittableRandom(5);

        long autumn = window(room, "Autumn " + tag, 0, random);
        call("POST", "/api/v1/windows/" + autumn + "/close?confirm=true", null, room.admin(), 200);
        call("POST", "/api/v1/calibration", Map.of("window", "Autumn " + tag), networkAdmin, 201);

        // the teacher's goal, in their own words, told by the next window, planned; bad input is refused, naming the field
        long planned = planned(room, "Spring " + tag);
        Map<String, Object> goal = Map.of("relationship", "PUPIL_TEACHER", "facet", "", "plan",
                "Start each lesson by asking two pupils what they think, and change something they ask for each fortnight.",
                "baselineWindow", "Autumn " + tag, "evaluationWindow", "Spring " + tag);
        long goalId = call("POST", "/api/v1/goals", goal, teacher, 201).get("id").asLong();
        call("POST", "/api/v1/goals", Map.of("relationship", "PARENT_SCHOOL", "plan", "x", "baselineWindow", "Autumn " + tag,
                "evaluationWindow", "Later"), teacher, 400);
        call("POST", "/api/v1/goals", Map.of("relationship", "PUPIL_TEACHER", "facet", "nonsense", "plan", "x", "baselineWindow", "Autumn " + tag,
                "evaluationWindow", "Later"), teacher, 400);
        call("POST", "/api/v1/goals", Map.of("relationship", "PUPIL_TEACHER", "plan", "x", "baselineWindow", "Never", "evaluationWindow", "Later"),
                teacher, 400);
        // the window that will tell is one of the school's: a name typed for none of them would wait for ever (it was accepted)
        JsonNode typo = call("POST", "/api/v1/goals", Map.of("relationship", "PUPIL_TEACHER", "plan", "x", "baselineWindow", "Autumn " + tag,
                "evaluationWindow", "Sprnig " + tag), teacher, 400);
        assertThat(typo.toString()).contains("evaluationWindow", "Autumn " + tag + " and Spring " + tag);
        long smallGoal = call("POST", "/api/v1/goals", goal, small, 201).get("id").asLong();
        assertThat(only(call("GET", "/api/v1/goals", null, teacher, 200)).get("status").asText()).isEqualTo("WAITING");

        // the next window: every pupil two logits more trusting; no verdict while it is open, so it cannot be watched until it says "better"
        long spring = answered(room, planned, 2.0, random);
        assertThat(only(call("GET", "/api/v1/goals", null, teacher, 200)).get("status").asText()).isEqualTo("WAITING");
        call("POST", "/api/v1/windows/" + spring + "/close?confirm=true", null, room.admin(), 200);
        JsonNode outcome = only(call("GET", "/api/v1/goals", null, teacher, 200));
        assertThat(outcome.get("goal").get("id").asLong()).isEqualTo(goalId);
        assertThat(outcome.get("status").asText()).isEqualTo("SHOWN");
        JsonNode change = outcome.get("change");
        // every figure to a tenth of a point, as the rest of the API gives them (the goals' were unrounded); the change is the
        // unrounded difference rounded, so within a tenth of the rounded figures' difference
        for (String figure : List.of("before", "beforeLower", "beforeUpper", "after", "afterLower", "afterUpper")) {
            assertThat(outcome.get(figure).asDouble() * 10).as(figure).isCloseTo(Math.rint(outcome.get(figure).asDouble() * 10),
                    org.assertj.core.api.Assertions.within(1e-6));
        }
        for (String figure : List.of("difference", "lower", "upper")) {
            assertThat(change.get(figure).asDouble() * 10).as(figure).isCloseTo(Math.rint(change.get(figure).asDouble() * 10),
                    org.assertj.core.api.Assertions.within(1e-6));
        }
        assertThat(change.get("difference").asDouble()).isCloseTo(outcome.get("after").asDouble() - outcome.get("before").asDouble(),
                org.assertj.core.api.Assertions.within(0.3));
        // before and after are the teacher's report's own figures for the two windows, interval and all (the goal gave the
        // unshrunk mean, a tenth away from the report; an insider pass)
        for (var w : List.of(Map.entry(autumn, "before"), Map.entry(spring, "after"))) {
            JsonNode report = call("GET", "/api/v1/windows/" + w.getKey() + "/teachers/" + teacher.id() + "/report", null, teacher, 200);
            JsonNode whole = java.util.stream.StreamSupport.stream(report.get("panels").spliterator(), false)
                    .filter(p -> p.path("facet").asText().equals("all")).findFirst().orElseThrow().get("measure");
            assertThat(outcome.get(w.getValue()).asDouble()).as(w.getValue()).isEqualTo(whole.get("estimate").asDouble());
            assertThat(outcome.get(w.getValue() + "Lower").asDouble()).isEqualTo(whole.get("lower").asDouble());
            assertThat(outcome.get(w.getValue() + "Upper").asDouble()).isEqualTo(whole.get("upper").asDouble());
        }
        assertThat(change.get("difference").asDouble()).as("two logits are about ten points here (the reference SD of these pupils' measures is about two logits)").isBetween(4.0, 16.0);
        // the interval of the difference itself, never two overlapping intervals: at least as wide as the windows' own
        // errors together, since it is about the class whoever answers (the windows' own intervals are about the pupils
        // who were there, and hold no sampling error where most of them answered)
        double halfBefore = (outcome.get("beforeUpper").asDouble() - outcome.get("beforeLower").asDouble()) / 2;
        double halfAfter = (outcome.get("afterUpper").asDouble() - outcome.get("afterLower").asDouble()) / 2;
        double halfChange = (change.get("upper").asDouble() - change.get("lower").asDouble()) / 2;
        assertThat(halfChange).isGreaterThan(Math.max(halfBefore, halfAfter)).isGreaterThanOrEqualTo(Math.hypot(halfBefore, halfAfter) - 0.1);
        assertThat(change.get("verdict").asText()).isEqualTo("LIKELY_BETTER");
        assertThat(change.get("lower").asDouble()).isPositive();

        // a class of three: nothing to show, so no before and after and no verdict
        JsonNode hidden = only(call("GET", "/api/v1/goals", null, small, 200));
        assertThat(hidden.get("goal").get("id").asLong()).isEqualTo(smallGoal);
        assertThat(hidden.get("status").asText()).isEqualTo("HIDDEN");
        assertThat(hidden.has("change")).isFalse();
        assertThat(hidden.has("before")).isFalse();

        // private: another teacher and the leader do not see it; the leader sees teachers' goals counted, never their outcomes
        assertThat(call("GET", "/api/v1/goals", null, colleague, 200)).isEmpty();
        call("PUT", "/api/v1/goals/" + goalId + "/shared", Map.of("shared", true), colleague, 404);
        call("DELETE", "/api/v1/goals/" + goalId, null, colleague, 404);
        assertThat(call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, room.admin(), 200)).isEmpty();
        assertThat(call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, colleague, 200)).isEmpty();
        JsonNode counts = call("GET", "/api/v1/schools/" + room.schoolId() + "/goals/teachers", null, room.admin(), 200);
        assertThat(counts.get("goals").asInt()).isEqualTo(2);
        assertThat(counts.get("due").asInt()).isEqualTo(2);
        assertThat(counts.get("shared").asInt()).isZero();
        assertThat(counts.has("verdicts")).isFalse();
        call("GET", "/api/v1/schools/" + room.schoolId() + "/goals/teachers", null, teacher, 403);

        // shared with the leaders: now they see it, outcome and all; the colleague still does not
        call("PUT", "/api/v1/goals/" + goalId + "/shared", Map.of("shared", true), teacher, 200);
        JsonNode shared = only(call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, room.admin(), 200));
        assertThat(shared.get("change").get("verdict").asText()).isEqualTo("LIKELY_BETTER");
        assertThat(call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, colleague, 200)).isEmpty();

        // a school goal, set by its admin, seen by all its staff
        call("POST", "/api/v1/schools/" + room.schoolId() + "/goals", Map.of("relationship", "PUPIL_SCHOOL", "facet", "belonging",
                "plan", "Pupils plan the spring fair.", "baselineWindow", "Autumn " + tag, "evaluationWindow", "Spring " + tag), room.admin(), 201);
        call("POST", "/api/v1/schools/" + room.schoolId() + "/goals", Map.of("relationship", "PUPIL_SCHOOL", "plan", "x",
                "baselineWindow", "Autumn " + tag, "evaluationWindow", "Spring " + tag), teacher, 403);
        JsonNode school = only(call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, colleague, 200));
        assertThat(school.get("goal").get("facet").asText()).isEqualTo("belonging");
        assertThat(school.get("status").asText()).isEqualTo("SHOWN");

        // more goals, one shared: counted, and still no outcome beyond the shared one's (verdicts counted together, less the
        // shared ones' verdicts, were the verdict of the one teacher who did not share; an outside review read it so)
        for (int k = 0; k < 4; k++) {
            call("POST", "/api/v1/goals", goal, teacher, 201);
        }
        JsonNode more = call("GET", "/api/v1/schools/" + room.schoolId() + "/goals/teachers", null, room.admin(), 200);
        assertThat(more.get("goals").asInt()).isEqualTo(6);
        assertThat(more.get("due").asInt()).isEqualTo(6);
        assertThat(more.get("shared").asInt()).isEqualTo(1);
        assertThat(more.has("verdicts")).isFalse();
        assertThat(call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, room.admin(), 200).findValues("verdict"))
                .hasSize(2); // the shared goal's and the school's own

        // deleted by its teacher: gone from every list and count at once, and restorable by them alone, as it was
        call("DELETE", "/api/v1/goals/" + goalId, null, teacher, 204);
        assertThat(call("GET", "/api/v1/goals", null, teacher, 200).findValues("goal").stream().map(g -> g.get("id").asLong()))
                .hasSize(4).doesNotContain(goalId);
        JsonNode afterDeletion = call("GET", "/api/v1/schools/" + room.schoolId() + "/goals/teachers", null, room.admin(), 200);
        assertThat(afterDeletion.get("goals").asInt()).isEqualTo(5);
        assertThat(afterDeletion.get("shared").asInt()).isZero();
        assertThat(call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, room.admin(), 200).findValues("verdict")).hasSize(1);
        JsonNode deleted = only(call("GET", "/api/v1/goals/deleted", null, teacher, 200));
        assertThat(deleted.get("goal").get("id").asLong()).isEqualTo(goalId);
        java.time.LocalDate deletedOn = java.time.LocalDate.parse(deleted.get("deletedOn").asText());
        assertThat(java.time.LocalDate.parse(deleted.get("removedOn").asText())).isEqualTo(deletedOn.plusDays(Goals.KEPT_AFTER_DELETION_DAYS));
        assertThat(call("GET", "/api/v1/goals/deleted", null, colleague, 200)).isEmpty();
        assertThat(call("GET", "/api/v1/goals/deleted", null, room.admin(), 200)).isEmpty();
        call("POST", "/api/v1/goals/" + goalId + "/restore", null, colleague, 404);
        call("POST", "/api/v1/goals/" + goalId + "/restore", null, room.admin(), 404);
        call("DELETE", "/api/v1/goals/" + goalId, null, teacher, 404);
        call("POST", "/api/v1/goals/" + goalId + "/restore", null, teacher, 200);
        call("POST", "/api/v1/goals/" + goalId + "/restore", null, teacher, 404);
        JsonNode restored = call("GET", "/api/v1/goals", null, teacher, 200);
        assertThat(restored).hasSize(5);
        restored.forEach(o -> {
            if (o.get("goal").get("id").asLong() == goalId) {
                assertThat(o.get("goal").get("shared").asBoolean()).isTrue();
                assertThat(o.get("change").get("verdict").asText()).isEqualTo("LIKELY_BETTER");
            }
        });
        assertThat(call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, room.admin(), 200).findValues("verdict")).hasSize(2);

        // the school's goal: deleted and restored by its admin, not by a teacher
        long schoolGoal = school.get("goal").get("id").asLong();
        call("DELETE", "/api/v1/goals/" + schoolGoal, null, colleague, 403);
        // another school's admin may not see the school's goal nor a teacher's: 404 alike, not 403 for the one and 404 for the other
        Fixtures.StaffRoom elsewhere = fixtures.staffRoom(fixtures.network(), 2, 3);
        call("DELETE", "/api/v1/goals/" + schoolGoal, null, elsewhere.admin(), 404);
        call("DELETE", "/api/v1/goals/" + goalId, null, elsewhere.admin(), 404);
        call("DELETE", "/api/v1/goals/" + schoolGoal, null, room.admin(), 204);
        assertThat(call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, colleague, 200).findValues("goal").stream()
                .map(g -> g.get("id").asLong())).doesNotContain(schoolGoal);
        assertThat(only(call("GET", "/api/v1/goals/deleted", null, room.admin(), 200)).get("goal").get("id").asLong()).isEqualTo(schoolGoal);
        call("POST", "/api/v1/goals/" + schoolGoal + "/restore", null, colleague, 403);

        // kept for the days it can be restored, then removed for good (a clock moved on, the rest of the service as it runs)
        Goals later = new Goals(goalRepository, schoolAccess, windows, measures, bank, schools, ownPupils,
                java.time.Clock.offset(clock, java.time.Duration.ofDays(Goals.KEPT_AFTER_DELETION_DAYS)));
        later.removeLongDeleted();
        assertThat(call("GET", "/api/v1/goals/deleted", null, room.admin(), 200)).hasSize(1);
        Goals muchLater = new Goals(goalRepository, schoolAccess, windows, measures, bank, schools, ownPupils,
                java.time.Clock.offset(clock, java.time.Duration.ofDays(Goals.KEPT_AFTER_DELETION_DAYS + 1)));
        assertThat(muchLater.removeLongDeleted()).isPositive();
        assertThat(call("GET", "/api/v1/goals/deleted", null, room.admin(), 200)).isEmpty();
        call("POST", "/api/v1/goals/" + schoolGoal + "/restore", null, room.admin(), 404);
    }

    @Test
    void aTeachersOwnViewBeforeTheirResultsIsShownBesideTheirPupilsToThemAlone() throws Exception {
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        Fixtures.StaffRoom room = fixtures.staffRoom(network, new int[] {25, 25, 25, 25}, 0);
        List<StaffMember> teachers = schools.staff(room.schoolId()).stream().filter(s -> !s.leader()).toList();
        StaffUser teacher = fixtures.staffUser(teachers.stream().filter(t -> t.name().equals("Teacher 1")).findFirst().orElseThrow().email());
        String tag = UUID.randomUUID().toString().substring(0, 6);
        SplittableRandom random = new SplittableRandom(9);
        long autumn = window(room, "Autumn " + tag, 0, random);
        call("POST", "/api/v1/windows/" + autumn + "/close?confirm=true", null, room.admin(), 200);
        call("POST", "/api/v1/calibration", Map.of("window", "Autumn " + tag), networkAdmin, 201);

        // a new window: before its results, the teacher answers about themselves as they think their pupils will (all "always")
        long spring = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Spring " + tag), room.admin(), 201)
                .get("id").asLong();
        call("POST", "/api/v1/windows/" + spring + "/open", null, room.admin(), 200);
        assertThat(call("GET", "/api/v1/windows/" + spring + "/self", null, teacher, 200).get("open").asBoolean()).isTrue();
        // opening their report before it has any result of theirs does not fix their own view (it did: the own-view trap)
        call("GET", "/api/v1/windows/" + spring + "/teachers/" + teacher.id() + "/report", null, teacher, 200);
        assertThat(call("GET", "/api/v1/windows/" + spring + "/self", null, teacher, 200).get("open").asBoolean())
                .as("no result of theirs seen yet").isTrue();
        Map<String, Integer> mine = new LinkedHashMap<>();
        for (String item : List.of("pt_res_1", "pt_res_2", "pt_res_3", "pt_res_4", "pt_voi_1", "pt_voi_2", "pt_voi_3", "pt_voi_4")) {
            mine.put(item, 4);
        }
        call("PUT", "/api/v1/windows/" + spring + "/self", Map.of("answers", mine), teacher, 200);
        call("PUT", "/api/v1/windows/" + spring + "/self", Map.of("answers", Map.of("pa_res_1", 2)), teacher, 400);
        call("PUT", "/api/v1/windows/" + spring + "/self", Map.of("answers", Map.of("pt_res_1", 7)), teacher, 400);
        // the head gives their view of where the school stands with its pupils; a teacher may not give views of the school's relationships
        call("PUT", "/api/v1/windows/" + spring + "/self?relationship=PUPIL_SCHOOL", Map.of("answers", Map.of("ps_bel_1", 1, "ps_bel_2", 1,
                "ps_bel_3", 1, "ps_bel_4", 1)), room.admin(), 200);
        call("PUT", "/api/v1/windows/" + spring + "/self?relationship=TEACHER_LEADERS", Map.of("answers", Map.of("tl_res_1", 4)), teacher, 403);

        // the pupils answer (about the middle of the scale); the teacher's view is beside theirs, part by part, for them alone
        JsonNode generated = call("POST", "/api/v1/windows/" + spring + "/codes", Map.of("role", "PUPIL"), room.admin(), 201);
        for (JsonNode group : generated.get("groups")) {
            for (int k = 0; k < 20; k++) {
                String code = group.get("codes").get(k).asText();
                JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, 200);
                call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", ModelRespondent.answers(session, random.nextGaussian(), random)), null, 200);
            }
        }
        // not beside their pupils' results while the view can still change (it could then be read off them)
        assertThat(call("GET", "/api/v1/windows/" + spring + "/self/beside-pupils", null, teacher, 200)).isEmpty();
        call("PUT", "/api/v1/windows/" + spring + "/self", Map.of("answers", Map.of("pt_res_1", 4)), teacher, 200);
        // once the teacher has seen their results, their own view is fixed and shown beside them
        call("GET", "/api/v1/windows/" + spring + "/teachers/" + teacher.id() + "/report", null, teacher, 200);
        JsonNode gaps = call("GET", "/api/v1/windows/" + spring + "/self/beside-pupils", null, teacher, 200);
        assertThat(gaps.findValuesAsText("facet")).containsExactlyInAnyOrder("respect", "voice");
        for (JsonNode g : gaps) {
            assertThat(g.get("self").asDouble()).as("all 'always' is far above the middle").isGreaterThan(60);
            assertThat(g.get("selfLower").asDouble()).isLessThan(g.get("self").asDouble());
            assertThat(g.get("pupils").asDouble()).isBetween(35.0, 65.0);
            // to a tenth of a point, as the API gives figures (they were unrounded)
            for (String figure : List.of("self", "selfLower", "selfUpper", "pupils", "difference")) {
                assertThat(g.get(figure).asDouble() * 10).as(figure).isCloseTo(Math.rint(g.get(figure).asDouble() * 10),
                        org.assertj.core.api.Assertions.within(1e-6));
            }
            assertThat(g.get("difference").asDouble()).isCloseTo(g.get("self").asDouble() - g.get("pupils").asDouble(),
                    org.assertj.core.api.Assertions.within(0.1 + 1e-9));
        }
        // the leader sees only their own (none): there is no way to ask for a teacher's
        assertThat(call("GET", "/api/v1/windows/" + spring + "/self/beside-pupils", null, room.admin(), 200)).isEmpty();
        // the head's view of the school beside the school's result, to the head alone
        JsonNode school = call("GET", "/api/v1/windows/" + spring + "/self/beside-school", null, room.admin(), 200).get("PUPIL_SCHOOL");
        assertThat(school.findValuesAsText("facet")).containsExactly("belonging");
        assertThat(school.get(0).get("self").asDouble()).as("'a little' is below the middle").isLessThan(50);
        assertThat(school.get(0).get("pupils").asDouble()).isBetween(35.0, 65.0);
        assertThat(call("GET", "/api/v1/windows/" + spring + "/self/beside-school", null, teacher, 200)).isEmpty();

        // once the teacher has opened the results, their own view is fixed
        call("GET", "/api/v1/windows/" + spring + "/teachers/" + teacher.id() + "/report", null, teacher, 200);
        JsonNode fixed = call("GET", "/api/v1/windows/" + spring + "/self", null, teacher, 200);
        assertThat(fixed.get("open").asBoolean()).isFalse();
        assertThat(fixed.get("lock").asText()).isEqualTo("SEEN");
        call("PUT", "/api/v1/windows/" + spring + "/self", Map.of("answers", Map.of("pt_res_1", 0)), teacher, 409);
        // and the head's view of the school, open till the window closes, says so once it has
        assertThat(call("GET", "/api/v1/windows/" + spring + "/self?relationship=PUPIL_SCHOOL", null, room.admin(), 200).get("lock").asText())
                .isEqualTo("NONE");
        call("POST", "/api/v1/windows/" + spring + "/close?confirm=true", null, room.admin(), 200);
        assertThat(call("GET", "/api/v1/windows/" + spring + "/self?relationship=PUPIL_SCHOOL", null, room.admin(), 200).get("lock").asText())
                .isEqualTo("CLOSED");
    }

    @Autowired
    org.rapport.app.school.OwnPupils ownPupils;

    @Test
    void aHeadWhoTeachesNoClassIsOfferedNoPupilsFeedbackNorAGoalAboutPupils() throws Exception {
        long network = fixtures.network();
        Fixtures.StaffRoom room = fixtures.staffRoom(network, new int[] {25, 25}, 0);
        StaffUser head = room.admin();
        StaffUser teacher = fixtures.staffUser(schools.staff(room.schoolId()).stream().filter(t -> t.name().equals("Teacher 1")).findFirst()
                .orElseThrow().email());
        assertThat(ownPupils.of(head)).as("the head teaches no class").isFalse();
        assertThat(ownPupils.of(teacher)).isTrue();
        long window = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Autumn"), head, 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + window + "/open", null, head, 200);
        JsonNode refused = call("POST", "/api/v1/goals", Map.of("relationship", "PUPIL_TEACHER", "plan", "Listen more.", "baselineWindow", "Autumn",
                "evaluationWindow", "Summer"), head, 400);
        assertThat(refused.toString()).contains("teach no class");
        // their own view opens on the school's relationships, not on pupils they do not have
        JsonNode form = call("GET", "/api/v1/windows/" + window + "/self", null, head, 200);
        assertThat(form.get("relationship").asText()).isNotEqualTo("PUPIL_TEACHER");
        List<String> offered = new ArrayList<>();
        form.get("offered").forEach(r -> offered.add(r.asText()));
        assertThat(offered).doesNotContain("PUPIL_TEACHER").contains("TEACHER_LEADERS");
        call("PUT", "/api/v1/windows/" + window + "/self?relationship=PUPIL_TEACHER", Map.of("answers", Map.of("pt_res_1", 3)), head, 403);
        // a teacher keeps both
        planned(room, "Summer");
        call("POST", "/api/v1/goals", Map.of("relationship", "PUPIL_TEACHER", "plan", "Listen more.", "baselineWindow", "Autumn",
                "evaluationWindow", "Summer"), teacher, 201);
        assertThat(call("GET", "/api/v1/windows/" + window + "/self", null, teacher, 200).get("relationship").asText()).isEqualTo("PUPIL_TEACHER");
    }

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;
    @Autowired
    org.rapport.app.itembank.ItemBank bank;

    /** The goals page as {@code as} reads it after a form was sent ({@code params}), in {@code language}; asserts the status. */
    String sent(String path, StaffUser as, String language, int status, String... params) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(as))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .cookie(new jakarta.servlet.http.Cookie("rapport_lang", language));
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    String page(StaffUser as) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/staff/goals")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(as)))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The options of the select {@code id} on a page, each as its value with "*" after the one selected. */
    static List<String> options(String page, String id) {
        java.util.regex.Matcher select = java.util.regex.Pattern.compile("<select id=\"" + id + "\"[^>]*>(.*?)</select>", java.util.regex.Pattern.DOTALL)
                .matcher(page);
        assertThat(select.find()).as("a select " + id).isTrue();
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher option = java.util.regex.Pattern.compile("<option value=\"([^\"]*)\"([^>]*)>").matcher(select.group(1));
        while (option.find()) {
            found.add(org.springframework.web.util.HtmlUtils.htmlUnescape(option.group(1)) + (option.group(2).contains("selected=\"selected\"") ? "*" : ""));
        }
        return found;
    }

    @Test
    void theGoalFormsOfferTheSchoolsWindowsAndOnlyValidPartsAndKeepWhatWasTypedWhenRefused() throws Exception {
        long network = fixtures.network();
        Fixtures.StaffRoom room = fixtures.staffRoom(network, new int[] {25, 25}, 0);
        StaffUser head = room.admin();
        StaffUser teacher = fixtures.staffUser(schools.staff(room.schoolId()).stream().filter(t -> t.name().equals("Teacher 1")).findFirst()
                .orElseThrow().email());
        String tag = UUID.randomUUID().toString().substring(0, 6);
        // the first day: one window open, none planned after it; no goal can be told yet, and the page says what to do
        long autumn = planned(room, "Autumn " + tag);
        call("POST", "/api/v1/windows/" + autumn + "/open", null, head, 200);
        String first = page(teacher);
        assertThat(options(first, "own-baseline")).containsExactly("Autumn " + tag + "*");
        assertThat(first).contains("The window that will tell must be planned first").doesNotContain("id=\"own-evaluation\"");

        // Autumn closed, Spring open, Summer planned: a goal starts from the newest window with results by default and is told
        // by the next window still to close; the window that will tell is chosen from the school's windows after the first
        call("POST", "/api/v1/windows/" + autumn + "/close?confirm=true", null, head, 200);
        long spring = planned(room, "Spring " + tag);
        call("POST", "/api/v1/windows/" + spring + "/open", null, head, 200);
        planned(room, "Summer " + tag);
        String page = page(teacher);
        assertThat(options(page, "own-baseline")).containsExactly("Spring " + tag, "Autumn " + tag + "*");
        assertThat(options(page, "own-evaluation")).containsExactly("", "Spring " + tag + "*", "Summer " + tag);

        // a school's goal offers each relationship with its own parts only: every pair offered is one the school may choose
        String headsPage = page(head);
        List<String> targets = options(headsPage, "school-target");
        assertThat(targets).contains("PUPIL_SCHOOL", "PUPIL_SCHOOL/belonging", "PARENT_SCHOOL").noneMatch(t -> t.endsWith("*"));
        for (String target : targets) {
            String[] parts = target.split("/");
            if (parts.length == 2) {
                assertThat(bank.facets(org.rapport.app.itembank.Relationship.valueOf(parts[0]))).as(target).containsKey(parts[1]);
            }
        }

        // refused: the page comes back with why, in the reader's language, and with everything typed in it (it was a bare
        // error page and the plan was lost)
        String plan = "Pupils plan the spring fair together & choose its charity.";
        String refused = sent("/staff/schools/" + room.schoolId() + "/goals", head, "en", 400, "target", "PARENT_SCHOOL/belonging",
                "plan", plan, "baselineWindow", "Autumn " + tag, "evaluationWindow", "Summer " + tag);
        assertThat(refused).contains("role=\"alert\"", "is not a part of this relationship", "Pupils plan the spring fair together &amp; choose its charity.");
        assertThat(options(refused, "school-baseline")).containsExactly("Spring " + tag, "Autumn " + tag + "*");
        assertThat(options(refused, "school-evaluation")).containsExactly("", "Spring " + tag, "Summer " + tag + "*");
        String backwards = sent("/staff/goals", teacher, "pl", 400, "facet", "voice", "plan", "Pytam dwóch uczniów na każdej lekcji.",
                "baselineWindow", "Spring " + tag, "evaluationWindow", "Spring " + tag);
        assertThat(backwards).contains("musi być późniejszy", "Pytam dwóch uczniów na każdej lekcji.");
        assertThat(options(backwards, "own-facet")).contains("voice*");
        assertThat(options(backwards, "own-baseline")).containsExactly("Spring " + tag + "*", "Autumn " + tag);
        assertThat(call("GET", "/api/v1/goals", null, teacher, 200)).as("nothing saved").isEmpty();

        // as chosen, it is saved
        sent("/staff/goals", teacher, "en", 302, "facet", "voice", "plan", "Ask two pupils each lesson.", "baselineWindow", "Autumn " + tag,
                "evaluationWindow", "Summer " + tag);
        assertThat(only(call("GET", "/api/v1/goals", null, teacher, 200)).get("goal").get("evaluationWindow").asText()).isEqualTo("Summer " + tag);
    }

    @Test
    void aTeamsGoalIsShownToItsTeachersOnlyForAteamOfThreeOrMoreAndToLeadersWithoutItsFigures() throws Exception {
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        // teams of three: Team 1 (teachers 1 to 3), Team 2 (4 to 6) and Team 3 (teachers 7 and 8, only two); with Team 3 hidden,
        // Team 2 is hidden too, or the school less Teams 1 and 2 would be teachers 7 and 8 pooled
        Fixtures.StaffRoom room = fixtures.staffRoom(network, new int[] {25, 25, 25, 25, 25, 25, 25, 25}, 3);
        List<StaffMember> teachers = schools.staff(room.schoolId()).stream().filter(s -> !s.leader()).toList();
        java.util.function.Function<String, StaffUser> named = n -> fixtures.staffUser(teachers.stream().filter(t -> t.name().equals(n))
                .findFirst().orElseThrow().email());
        String tag = UUID.randomUUID().toString().substring(0, 6);
        SplittableRandom random = new SplittableRandom(11);
        long autumn = window(room, "Autumn " + tag, 0, random);
        call("POST", "/api/v1/windows/" + autumn + "/close?confirm=true", null, room.admin(), 200);
        call("POST", "/api/v1/calibration", Map.of("window", "Autumn " + tag), networkAdmin, 201);
        // on the whole relationship: the simulated teachers do not differ on any one part, which then has no figure of its own
        // for a teacher or a team (ReliablePartsTest)
        Map<String, Object> goal = Map.of("relationship", "PUPIL_TEACHER", "facet", "", "plan", "Each of us asks the class one question a week.",
                "baselineWindow", "Autumn " + tag, "evaluationWindow", "Spring " + tag);
        long planned = planned(room, "Spring " + tag);
        long teamGoal = call("POST", "/api/v1/goals/team", goal, named.apply("Teacher 2"), 201).get("id").asLong();
        long pairGoal = call("POST", "/api/v1/goals/team", goal, named.apply("Teacher 7"), 201).get("id").asLong();
        long spring = answered(room, planned, 1.0, random);
        call("POST", "/api/v1/windows/" + spring + "/close?confirm=true", null, room.admin(), 200);

        // every teacher of Team 1 sees it, with its change; a teacher of Team 3 sees only their own team's, which has no verdict
        JsonNode seen = only(call("GET", "/api/v1/goals/team", null, named.apply("Teacher 3"), 200));
        assertThat(seen.get("goal").get("id").asLong()).isEqualTo(teamGoal);
        assertThat(seen.get("status").asText()).isEqualTo("SHOWN");
        assertThat(seen.get("change").get("verdict").asText()).isEqualTo("LIKELY_BETTER");
        JsonNode pair = only(call("GET", "/api/v1/goals/team", null, named.apply("Teacher 8"), 200));
        assertThat(pair.get("goal").get("id").asLong()).isEqualTo(pairGoal);
        assertThat(pair.get("status").asText()).as("a team of two: the team less oneself is one colleague").isEqualTo("HIDDEN");
        assertThat(pair.has("change")).isFalse();
        // the leader and the network's admin see both among the school's goals, with their plans but no figure: a named team's
        // result is the team's (the head makes the teams up, so a team's goal would give any three teachers' pooled result by name)
        for (StaffUser leader : List.of(room.admin(), networkAdmin)) {
            JsonNode ofSchool = call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, leader, 200);
            List<JsonNode> teams = new ArrayList<>();
            ofSchool.forEach(o -> { if (List.of(teamGoal, pairGoal).contains(o.get("goal").get("id").asLong())) teams.add(o); });
            assertThat(teams).hasSize(2).allSatisfy(o -> {
                assertThat(o.get("status").asText()).isEqualTo("TEAM_ONLY");
                assertThat(o.get("goal").get("plan").asText()).startsWith("Each of us");
                assertThat(o.has("before") || o.has("after") || o.has("change") || o.has("beforeLower")).isFalse();
            });
        }
        // a teacher of Team 1 reading the school's goals sees their own team's with its change
        JsonNode fromTeam = call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, named.apply("Teacher 1"), 200);
        List<String> statuses = new ArrayList<>();
        fromTeam.forEach(o -> { if (o.get("goal").get("id").asLong() == teamGoal) statuses.add(o.get("status").asText()); });
        assertThat(statuses).containsExactly("SHOWN");
        // a goal told by a window that ran before the one it starts from is refused, naming both
        JsonNode backwards = call("POST", "/api/v1/goals", Map.of("relationship", "PUPIL_TEACHER", "plan", "Backwards.",
                "baselineWindow", "Spring " + tag, "evaluationWindow", "Autumn " + tag), named.apply("Teacher 1"), 400);
        assertThat(backwards.toString()).contains("evaluationWindow", "opened before");
        // Team 2 is hidden by the privacy engine though three of its teachers are shown: its row says so, it does not vanish
        StaffUser teacher4 = named.apply("Teacher 4");
        JsonNode report = call("GET", "/api/v1/windows/" + spring + "/teachers/" + teacher4.id() + "/report", null, teacher4, 200);
        for (JsonNode panel : report.get("panels")) {
            List<JsonNode> teamRows = new ArrayList<>();
            panel.get("charts").get(0).get("rows").forEach(r -> { if (r.get("series").asText().equals("Your team")) teamRows.add(r); });
            assertThat(teamRows).as(panel.get("facet").asText()).singleElement().satisfies(r -> {
                assertThat(r.has("estimate") || r.has("n") || r.has("invited")).isFalse();
                assertThat(r.get("text").asText()).contains("Not enough answers to show");
            });
        }
        call("DELETE", "/api/v1/goals/" + teamGoal, null, room.admin(), 403);
        call("DELETE", "/api/v1/goals/" + teamGoal, null, fixtures.staffRoom(fixtures.network(), 2, 3).admin(), 404);
        // the head puts themselves in Team 1 with a new staff file: still the goal and its plan, no figure (a head who joined a
        // team read its result by name, and moving teachers between teams and reading again, each teacher's; an outside test)
        StringBuilder staffFile = new StringBuilder("staff_id,name,email,role,team\n").append("H1,Mx Head,").append(room.admin().email())
                .append(",leader,Team 1\n");
        StringBuilder rosterFile = new StringBuilder("class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n");
        for (int t = 1; t <= 8; t++) {
            String email = named.apply("Teacher " + t).email();
            staffFile.append("T").append(t).append(",Teacher ").append(t).append(',').append(email).append(",teacher,Team ").append((t - 1) / 3 + 1)
                    .append('\n');
            rosterFile.append("C").append(t).append(",Class ").append(t).append(",8,25,T").append(t).append(",Teacher ").append(t).append(',')
                    .append(email).append(",\n");
        }
        rosters.importRoster(schools.find(room.schoolId()).orElseThrow(), org.rapport.app.school.RosterCsv.parse(
                rosterFile.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), staffFile.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(schools.teamOf(room.admin().id())).as("the head is in Team 1").isPresent();
        StaffUser head = fixtures.staffUser(room.admin().email());
        JsonNode headsTeam = only(call("GET", "/api/v1/goals/team", null, head, 200));
        assertThat(headsTeam.get("goal").get("id").asLong()).isEqualTo(teamGoal);
        assertThat(headsTeam.get("status").asText()).isEqualTo("TEAM_ONLY");
        assertThat(headsTeam.has("before") || headsTeam.has("after") || headsTeam.has("change")).isFalse();
        JsonNode headsSchool = call("GET", "/api/v1/schools/" + room.schoolId() + "/goals", null, head, 200);
        headsSchool.forEach(o -> assertThat(o.has("change")).as(o.toString()).isEqualTo(!o.get("goal").hasNonNull("teamId")
                && o.get("status").asText().equals("SHOWN")));
        assertThat(only(call("GET", "/api/v1/goals/team", null, named.apply("Teacher 3"), 200)).get("status").asText()).isEqualTo("SHOWN");

        // a teacher of another team cannot delete Team 1's (nor the head outside it: above)
        call("DELETE", "/api/v1/goals/" + teamGoal, null, named.apply("Teacher 4"), 403);
        call("DELETE", "/api/v1/goals/" + teamGoal, null, named.apply("Teacher 1"), 204);
    }
}

package org.rapport.app.goal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.Points;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Lists;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.web.Text;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.rapport.measure.GroupChange;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Improvement goals, "your own way": a teacher sets their own (on how their pupils see them), private
 * to them unless they share it with their school's leaders; a school's admins set the school's. Each
 * goal's window that will tell shows before and after on the anchored scale with the interval of the
 * difference and a verdict in words, only where the privacy engine shows both.
 */
@Service
public class Goals {

    /** Windows in the order they ran: by the day they opened (not yet opened: last), then as they were created. */
    private static final java.util.Comparator<SurveyWindow> CHRONOLOGICAL = java.util.Comparator
            .comparing(SurveyWindow::openedOn, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparingLong(SurveyWindow::id);

    private final GoalRepository goals;
    private final SchoolAccess schools;
    private final Windows windows;
    private final MeasureService measures;
    private final ItemBank bank;
    private final org.rapport.app.school.Schools roster;
    private final org.rapport.app.school.OwnPupils ownPupils;
    private final java.time.Clock clock;

    /** How long a deleted goal can be restored before it is removed for good. */
    public static final int KEPT_AFTER_DELETION_DAYS = 30;

    Goals(GoalRepository goals, SchoolAccess schools, Windows windows, MeasureService measures, ItemBank bank,
          org.rapport.app.school.Schools roster, org.rapport.app.school.OwnPupils ownPupils, java.time.Clock clock) {
        this.clock = clock;
        this.ownPupils = ownPupils;
        this.roster = roster;
        this.goals = goals;
        this.schools = schools;
        this.windows = windows;
        this.measures = measures;
        this.bank = bank;
    }

    /** A goal as its owner asks for it: the relationship and facet by name, the windows by name. */
    public record NewGoal(String relationship, String facet, String plan, String baselineWindow, String evaluationWindow) {
    }

    /**
     * Where a goal stands: waiting for its window, hidden by the privacy engine, shown with its change, or (a team's
     * goal read by anyone outside the team, or by an admin who makes the teams up, even one in it) the team's own: leaders see teams only in the school's unnamed range; or
     * {@code NO_WINDOW}: the window that will tell is none of the school's (a goal set when its name was typed, before
     * windows were chosen from a list), and it would wait for ever; {@code UNRELIABLE}: the part does not tell groups of
     * its kind apart beyond their error in one of the windows, so it has no figure to compare.
     */
    public enum Status { NOT_CALIBRATED, WAITING, HIDDEN, SHOWN, TEAM_ONLY, NO_WINDOW, UNRELIABLE }

    /** A goal with its outcome: before and after in Rapport points with their 90% intervals, and the change (null unless shown). */
    public record Outcome(Goal goal, Status status, Double before, Double beforeLower, Double beforeUpper, Double after, Double afterLower,
                          Double afterUpper, GroupChange change) {
    }

    /** A teacher's own goal, on how their pupils see them. */
    @Transactional
    public Goal createOwn(StaffUser user, NewGoal goal) {
        if (user.schoolId() == null) {
            throw new AccessDeniedException("a teacher's goals are about their own pupils");
        }
        if (!ownPupils.of(user)) {
            throw new InvalidInputException("relationship", new Text("goals.error.noClass"));
        }
        Relationship relationship = relationship(goal.relationship(), true);
        return goals.find(insert(user, user.schoolId(), user.id(), null, relationship, goal)).orElseThrow();
    }

    /** A goal for the teacher's team, on how the team's pupils see its teachers; seen by the team's teachers and the school's leaders. */
    @Transactional
    public Goal createForTeam(StaffUser user, NewGoal goal) {
        if (user.schoolId() == null) {
            throw new AccessDeniedException("a team's goal is set by one of its teachers");
        }
        long team = roster.teamOf(user.id()).orElseThrow(() -> new InvalidInputException("team", new Text("goals.error.noTeam")));
        return goals.find(insert(user, user.schoolId(), null, team, relationship(goal.relationship(), true), goal)).orElseThrow();
    }

    /** The goals of the teacher's team, with their outcomes (none when they are in no team). */
    public List<Outcome> ofMyTeam(StaffUser user) {
        return roster.teamOf(user.id()).map(team -> goals.ofTeam(team).stream()
                .map(g -> user.readsTeamFigures() ? outcome(user.networkId(), g) : teamOnly(g)).toList()).orElse(List.of());
    }

    /** A school's goal, set by its admins. */
    @Transactional
    public Goal createForSchool(StaffUser user, long schoolId, NewGoal goal) {
        School school = schools.manage(user, schoolId);
        return goals.find(insert(user, school.id(), null, null, relationship(goal.relationship(), false), goal)).orElseThrow();
    }

    private long insert(StaffUser user, long schoolId, Long teacherId, Long teamId, Relationship relationship, NewGoal goal) {
        String facet = goal.facet() == null || goal.facet().isBlank() ? null : goal.facet().strip();
        if (facet != null && !bank.facets(relationship).containsKey(facet)) {
            throw new InvalidInputException("facet", new Text("goals.error.facet", InvalidInputException.abbreviate(facet, 40),
                    Lists.and(bank.facets(relationship).keySet())));
        }
        String plan = goal.plan() == null ? "" : goal.plan().strip();
        if (plan.isEmpty() || plan.length() > 2000) {
            throw new InvalidInputException("plan", new Text("goals.error.plan"));
        }
        List<SurveyWindow> own = windows.forSchool(schoolId);
        Lists.Said names = Lists.and(own.stream().sorted(CHRONOLOGICAL).map(SurveyWindow::name).distinct().toList());
        String baseline = goal.baselineWindow() == null ? "" : goal.baselineWindow().strip();
        if (named(own, baseline).stream().noneMatch(w -> w.status() != SurveyWindow.Status.DRAFT)) {
            // a window not yet opened has no results to start from (and, opened after the one that tells, would leave the
            // goal waiting for ever)
            throw new InvalidInputException("baselineWindow", new Text("goals.error.baseline", Lists.and(own.stream()
                    .filter(w -> w.status() != SurveyWindow.Status.DRAFT).sorted(CHRONOLOGICAL).map(SurveyWindow::name).distinct().toList())));
        }
        // the window that will tell is one of the school's, planned if it is to come: a name typed for a window not yet
        // created ("Sumer 2027") would wait for ever
        String evaluation = goal.evaluationWindow() == null ? "" : goal.evaluationWindow().strip();
        if (named(own, evaluation).isEmpty()) {
            throw new InvalidInputException("evaluationWindow", new Text("goals.error.evaluation", names));
        }
        if (evaluation.equals(baseline)) {
            throw new InvalidInputException("evaluationWindow", new Text("goals.error.same"));
        }
        SurveyWindow from = named(own, baseline).get(0);
        for (SurveyWindow told : named(own, evaluation)) {
            // a window that has not opened yet is to come, whatever order it was created in
            if (told.openedOn() != null && (from.openedOn() == null || CHRONOLOGICAL.compare(told, from) < 0)) {
                throw new InvalidInputException("evaluationWindow", new Text("goals.error.order", InvalidInputException.abbreviate(evaluation, 40),
                        InvalidInputException.abbreviate(baseline, 40)));
            }
        }
        return goals.insert(schoolId, teacherId, teamId, relationship, facet, plan, baseline, evaluation, user.id());
    }

    private static Relationship relationship(String name, boolean teachersOwn) {
        Relationship r;
        try {
            r = Relationship.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("relationship", new Text("goals.error.relationship"));
        }
        if (teachersOwn && r != Relationship.PUPIL_TEACHER) {
            throw new InvalidInputException("relationship", new Text("goals.error.ownPupils"));
        }
        return r;
    }

    /**
     * The windows a goal of this school can be set between, as its form offers them: {@code starts}, the windows that
     * have opened, newest first, with {@code start} the newest that has closed (its results can be there) or else the
     * newest opened; {@code tellers}, every window that can come after one of them, in the order they run (planned ones
     * last), with {@code teller} the first not yet closed after {@code start}. None to tell until a second window is
     * planned.
     */
    public record WindowChoices(List<String> starts, String start, List<String> tellers, String teller, Map<String, Integer> order,
                                java.util.Set<String> closed) {

        /** Where a window of this name runs among the school's (0: first); the form offers as tellers only later ones. */
        public int orderOf(String name) {
            return order.getOrDefault(name, -1);
        }
    }

    public WindowChoices windowChoices(long schoolId) {
        List<SurveyWindow> own = windows.forSchool(schoolId).stream().sorted(CHRONOLOGICAL).toList();
        List<SurveyWindow> opened = own.stream().filter(w -> w.status() != SurveyWindow.Status.DRAFT).toList();
        List<String> starts = new java.util.ArrayList<>(opened.stream().map(SurveyWindow::name).distinct().toList());
        java.util.Collections.reverse(starts);
        SurveyWindow start = opened.stream().filter(SurveyWindow::isClosed).reduce((a, b) -> b)
                .orElse(opened.isEmpty() ? null : opened.get(opened.size() - 1));
        List<SurveyWindow> later = own.size() < 2 ? List.of() : own.subList(1, own.size());
        SurveyWindow teller = start == null ? null : own.stream().filter(w -> CHRONOLOGICAL.compare(w, start) > 0 && !w.isClosed())
                .findFirst().orElse(null);
        Map<String, Integer> order = new java.util.LinkedHashMap<>();
        own.forEach(w -> order.putIfAbsent(w.name(), order.size()));
        java.util.Set<String> closed = own.stream().filter(SurveyWindow::isClosed).map(SurveyWindow::name)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
        return new WindowChoices(starts, start == null ? null : start.name(), later.stream().map(SurveyWindow::name).distinct().toList(),
                teller == null ? null : teller.name(), order, closed);
    }

    /** The teacher's own goals with their outcomes. */
    public List<Outcome> mine(StaffUser user) {
        return goals.ofTeacher(user.id()).stream().map(g -> outcome(user.networkId(), g)).toList();
    }

    /**
     * What a member of staff may see of a school's goals: the school's own, teachers' goals shared with its leaders (for
     * leaders), and teams' goals: with their before and after for the team's own teachers; for leaders outside the team
     * the goal and its plan without a figure, as {@link Status#TEAM_ONLY} (a named team's result is the team's: leaders
     * see teams only in the school's unnamed range, and the head who makes the teams up would otherwise read any three
     * teachers' pooled result by name).
     */
    public List<Outcome> ofSchool(StaffUser user, long schoolId) {
        School school = schools.view(user, schoolId);
        boolean leader = user.isNetworkAdmin() || user.isSchoolAdmin();
        java.util.Optional<Long> myTeam = roster.teamOf(user.id());
        return goals.ofSchool(school.id()).stream()
                .filter(g -> (!g.teachers() && !g.team()) || (g.teachers() && ((leader && g.shared()) || g.teacherId() == user.id()))
                        || (g.team() && (leader || ofTeam(myTeam, g))))
                .map(g -> g.team() && (!ofTeam(myTeam, g) || !user.readsTeamFigures()) ? teamOnly(g) : outcome(school.networkId(), g)).toList();
    }

    /**
     * Teachers' goals in a school, counted for its leaders: how many, how many have reached the window that tells, how
     * many their teachers share (shown to the leaders one by one). Never how the unshared ones went, not even counted
     * together: a count of verdicts, less the verdicts of the goals shared later, is the verdict of the one teacher who
     * did not share (an outside review read it so); a count kept from the day it was first shown falls to the same
     * subtraction, and a count that changes with each goal set or deleted tells the leader whose goal changed it.
     */
    public record TeacherGoalCounts(int goals, int due, int shared) {
    }

    public TeacherGoalCounts teacherGoals(StaffUser user, long schoolId) {
        School school = schools.manage(user, schoolId);
        List<Goal> teachers = goals.ofSchool(school.id()).stream().filter(Goal::teachers).toList();
        java.util.Set<String> closed = windows.forSchool(school.id()).stream().filter(SurveyWindow::isClosed).map(SurveyWindow::name)
                .collect(java.util.stream.Collectors.toSet());
        return new TeacherGoalCounts(teachers.size(), (int) teachers.stream().filter(g -> closed.contains(g.evaluationWindow())).count(),
                (int) teachers.stream().filter(Goal::shared).count());
    }

    /** How many of the school's goals (its own and its teachers') name this window as the one that will tell: a count, never whose. */
    public int dueIn(long schoolId, String windowName) {
        return (int) goals.ofSchool(schoolId).stream().filter(g -> g.evaluationWindow().equals(windowName)).count();
    }

    /** How many of a teacher's own goals name this window as the one that will tell: for the teacher's own summary. */
    public int dueForTeacher(long teacherId, String windowName) {
        return (int) goals.ofTeacher(teacherId).stream().filter(g -> g.evaluationWindow().equals(windowName)).count();
    }

    /** How many goals of the network's schools (teachers', teams' and schools') name this window as the one that will tell: a count only. */
    public int dueInNetwork(long networkId, String windowName) {
        return goals.dueIn(roster.inNetwork(networkId).stream().map(org.rapport.app.school.School::id).toList(), windowName);
    }

    /** A teacher shares their goal with the school's leaders, or stops; who can now read it (none once stopped). */
    @Transactional
    public List<Reader> share(StaffUser user, long goalId, boolean shared) {
        Goal g = owned(user, goalId);
        goals.setShared(g.id(), shared);
        return shared ? readers(g) : List.of();
    }

    /** One of the people a shared goal is shown to: their name and role (a {@link StaffUser.Role} name). */
    public record Reader(String name, String role) {
    }

    /**
     * What sharing a goal would show, and to whom, for its teacher to read first: the goal with its outcome as it is now,
     * and {@code readers}, who could read it ({@link #readers}). Changes nothing.
     */
    public record SharePreview(Outcome outcome, List<Reader> readers) {
    }

    public SharePreview sharePreview(StaffUser user, long goalId) {
        Goal g = owned(user, goalId);
        long network = roster.find(g.schoolId()).map(School::networkId).orElse(user.networkId());
        return new SharePreview(outcome(network, g), readers(g));
    }

    /**
     * Who may read a teacher's goal once shared, as {@link #ofSchool} decides it: the school's admins and every admin of its
     * network (a network admin may open any school's goals of their network), with an active account; never the teacher.
     */
    private List<Reader> readers(Goal g) {
        School school = roster.find(g.schoolId()).orElseThrow();
        java.util.Map<Long, org.rapport.app.school.StaffMember> readers = new java.util.LinkedHashMap<>();
        roster.staff(school.id()).stream().filter(m -> StaffUser.Role.SCHOOL_ADMIN.name().equals(m.role()))
                .forEach(m -> readers.put(m.id(), m));
        roster.networkAdmins(school.networkId()).forEach(m -> readers.put(m.id(), m));
        return readers.values().stream().filter(m -> m.active() && !java.util.Objects.equals(m.id(), g.teacherId()))
                .sorted(java.util.Comparator.comparing((org.rapport.app.school.StaffMember m) -> m.role())
                        .reversed().thenComparing(org.rapport.app.school.StaffMember::name, String.CASE_INSENSITIVE_ORDER))
                .map(m -> new Reader(m.name(), m.role())).toList();
    }

    /**
     * Deletes a goal (its teacher; a team's, one of its teachers; a school's, its admins) so that it can be restored: it
     * leaves every list and count at once, and is removed for good {@link #KEPT_AFTER_DELETION_DAYS} days later.
     */
    @Transactional
    public void delete(StaffUser user, long goalId) {
        Goal g = goals.find(goalId).orElseThrow(() -> new NotFoundException("goal", goalId));
        checkMayDelete(user, g);
        goals.delete(goalId, today());
    }

    /** Puts a deleted goal back, as it was, for whoever could delete it. */
    @Transactional
    public Goal restore(StaffUser user, long goalId) {
        Goal g = goals.findDeleted(goalId).orElseThrow(() -> new NotFoundException("deleted goal", goalId));
        checkMayDelete(user, g);
        goals.restore(goalId);
        return g;
    }

    /** The deleted goals this member of staff could restore (those they could have deleted), newest first. */
    public List<DeletedGoal> deleted(StaffUser user) {
        if (user.schoolId() == null) {
            return List.of();
        }
        return goals.deletedOfSchool(user.schoolId()).stream().filter(d -> mayDelete(user, d.goal())).toList();
    }

    /** Removes for good the goals deleted more than {@link #KEPT_AFTER_DELETION_DAYS} days ago; how many. */
    @Transactional
    public int removeLongDeleted() {
        return goals.removeDeletedBefore(today().minusDays(KEPT_AFTER_DELETION_DAYS));
    }

    private java.time.LocalDate today() {
        return java.time.LocalDate.now(clock);
    }

    private void checkMayDelete(StaffUser user, Goal g) {
        // a goal of a school one may not see is, like any goal one may not see, as if it did not exist
        try {
            schools.view(user, g.schoolId());
        } catch (AccessDeniedException | NotFoundException e) {
            throw new NotFoundException("goal", g.id());
        }
        if (g.teachers()) {
            // someone else's own goal: as if it did not exist
            if (g.teacherId() != user.id()) {
                throw new NotFoundException("goal", g.id());
            }
        } else if (g.team()) {
            // a team's goal is the team's to drop: a leader outside it may not (a head deleted one without a word)
            if (!ofTeam(roster.teamOf(user.id()), g)) {
                throw new AccessDeniedException("a team's goal is deleted by one of the team's teachers");
            }
        } else {
            schools.manage(user, g.schoolId());
        }
    }

    private boolean mayDelete(StaffUser user, Goal g) {
        try {
            checkMayDelete(user, g);
            return true;
        } catch (NotFoundException | AccessDeniedException e) {
            return false;
        }
    }

    /** Whether the goal is the goal of this team (none: the member of staff is in no team). */
    private static boolean ofTeam(java.util.Optional<Long> team, Goal g) {
        return g.team() && team.map(t -> t.equals(g.teamId())).orElse(false);
    }

    /** A goal its owner may change: a teacher's own; 404 for anyone else, as if it did not exist. */
    private Goal owned(StaffUser user, long goalId) {
        return goals.find(goalId).filter(g -> g.teacherId() != null && g.teacherId() == user.id())
                .orElseThrow(() -> new NotFoundException("goal", goalId));
    }

    /** Before and after of the goal's group on its scale, as the privacy engine shows them. */
    Outcome outcome(long networkId, Goal g) {
        Scale scale = new Scale(g.relationship(), g.facet());
        GroupKey key = g.teachers() ? GroupKey.teacher(g.teacherId()) : g.team() ? GroupKey.team(g.teamId()) : GroupKey.school(g.schoolId());
        // the verdict waits for both windows to close, the one that tells after the one it starts from: read while answers
        // arrive, it could be looked at until it said "better"; a goal set before the order was checked is held to it here
        List<SurveyWindow> own = windows.forSchool(g.schoolId());
        java.util.Optional<SurveyWindow> from = named(own, g.baselineWindow()).stream().findFirst();
        if (named(own, g.evaluationWindow()).isEmpty()) {
            return new Outcome(g, Status.NO_WINDOW, null, null, null, null, null, null, null);
        }
        boolean ready = from.isPresent() && from.get().isClosed() && named(own, g.evaluationWindow()).stream()
                .anyMatch(w -> w.isClosed() && CHRONOLOGICAL.compare(w, from.get()) > 0);
        if (!ready) {
            return new Outcome(g, Status.WAITING, null, null, null, null, null, null, null);
        }
        java.util.Optional<WaveResults> before = measures.show(networkId, g.baselineWindow(), named(own, g.baselineWindow()));
        java.util.Optional<WaveResults> after = measures.show(networkId, g.evaluationWindow(), named(own, g.evaluationWindow()));
        if (before.isEmpty() || after.isEmpty()) {
            return new Outcome(g, Status.NOT_CALIBRATED, null, null, null, null, null, null, null);
        }
        GroupResult b = before.get().result(scale, key);
        GroupResult a = after.get().result(scale, key);
        // what the privacy engine (and the team rule) hides is hidden first: "unreliable" would say a team's figure passed it
        boolean passedBoth = b != null && a != null && (b.shown() || b.withheld()) && (a.shown() || a.withheld());
        if (!passedBoth || (g.team() && !teamShownInBoth(before.get(), after.get(), scale, g, named(own, g.baselineWindow()),
                named(own, g.evaluationWindow())))) {
            return new Outcome(g, Status.HIDDEN, null, null, null, null, null, null, null);
        }
        if (b.withheld() || a.withheld()) {
            return new Outcome(g, Status.UNRELIABLE, null, null, null, null, null, null, null);
        }
        GroupChange change = GroupChange.between(b.measure(), a.measure());
        // before and after are the figures the reports show (a whole relationship's measure pulled a little towards its
        // kind's average where its answers are few: the goal's mean differed from the report by a tenth; an insider pass);
        // the change is the reports' "what changed", on the groups' own answers, to a tenth of a point as every answer of
        // the API gives it (the verdict is the unrounded change's)
        return new Outcome(g, Status.SHOWN, Points.tenth(b.measure().estimate()), Points.tenth(b.measure().lower()),
                Points.tenth(b.measure().upper()), Points.tenth(a.measure().estimate()), Points.tenth(a.measure().lower()),
                Points.tenth(a.measure().upper()), new GroupChange(Points.tenth(change.difference()), change.standardError(),
                        Points.tenth(change.lower()), Points.tenth(change.upper()), change.verdict(), change.pValue()));
    }

    private static List<SurveyWindow> named(List<SurveyWindow> windows, String name) {
        return windows.stream().filter(w -> w.name().equals(name)).toList();
    }

    /** A team's goal as read by someone who may not read the team's figures: the goal and its plan. */
    private static Outcome teamOnly(Goal g) {
        return new Outcome(g, Status.TEAM_ONLY, null, null, null, null, null, null, null);
    }

    /** A team's goal is shown to its teachers only where the team may be shown to them in both windows (the reports' rule). */
    private boolean teamShownInBoth(WaveResults before, WaveResults after, Scale scale, Goal g, List<SurveyWindow> beforeWindows,
                                    List<SurveyWindow> afterWindows) {
        return before.teamShownToItsTeachers(scale, members(g, beforeWindows)) && after.teamShownToItsTeachers(scale, members(g, afterWindows));
    }

    /** The team's teachers when these windows opened (a window's teams are kept as they were). */
    private List<Long> members(Goal g, List<SurveyWindow> windows) {
        return roster.teamsIn(windows.stream().map(SurveyWindow::id).toList()).entrySet().stream().filter(e -> e.getValue().equals(g.teamId()))
                .map(Map.Entry::getKey).toList();
    }
}

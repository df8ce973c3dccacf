package org.rapport.app.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rapport.app.goal.StaffGoals;
import org.rapport.app.language.StaffTranslations;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.privacy.PrivacyEngine;
import org.rapport.app.report.StaffReports;
import org.rapport.app.response.Responses;
import org.rapport.app.retention.StaffDeletions;
import org.rapport.app.safeguarding.StaffLeads;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffGuard;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.StaffRecords;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Lists;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.web.Text;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.rapport.app.yousaid.StaffReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A school's people changed one at a time by its admins, between roster uploads (docs/ROSTER.md): a person's staff
 * id changed, a person retired, or two records of one person merged into one, keeping everything each did. Each
 * is planned first, saying what it will change or why it cannot be done, and done only with the plan's
 * confirmation (a digest of the plan: if anything changed since, nothing is done); each is logged.
 *
 * <p>A merge moves every row that names the person merged away (answers and comments about them, teaching,
 * team, goals, own views, replies, report shares and views, safeguarding leads, the privacy ledger, logs) to the
 * person kept, then deletes their account. It is refused where history would not stay true: both answered about
 * in one window (their pupils' results would become one group nobody could see before), a team shown with one of
 * them where only the other was answered about (the ledger's record of what that team was would change), results
 * frozen under the person merged away, two own views or two replies for one window, any window open (surveys in
 * progress name them) or closed but still open to reopening (its saved surveys and codes would take answers again), and
 * wherever the person merged away holds anything private to them ({@link OwnResults}: answers or comments about them,
 * own views, goals, replies, shares): the kept record keeps its own e-mail and password, so these would reach another
 * sign-in, whether or not the one merged away was ever signed in to. The kept record may hold such results: they stay
 * with its own sign-in.
 * Retiring or merging is refused too where a feature above the school says the change must not happen
 * ({@link StaffGuard}: the school's last safeguarding lead while a window is open).
 */
@Service
public class People {
    private static final Logger log = LoggerFactory.getLogger(People.class);
    private static final String NETWORK_ADMIN = StaffUser.Role.NETWORK_ADMIN.name();
    private static final String SCHOOL_ADMIN = StaffUser.Role.SCHOOL_ADMIN.name();
    private final SchoolAccess access;
    private final Schools schools;
    private final StaffRecords records;
    private final Windows windows;
    private final WindowService windowLife;
    private final Responses responses;
    private final PrivacyEngine privacy;
    private final MeasureService measures;
    private final StaffReports reports;
    private final StaffGoals goals;
    private final StaffReplies replies;
    private final StaffLeads leads;
    private final StaffTranslations translations;
    private final StaffDeletions deletions;
    private final StaffChangeLog changes;
    private final OwnResults ownResults;
    private final Clock clock;
    private final ObjectProvider<StaffGuard> guards;

    People(SchoolAccess access, Schools schools, StaffRecords records, Windows windows, WindowService windowLife, Responses responses, PrivacyEngine privacy,
           MeasureService measures, StaffReports reports, StaffGoals goals, StaffReplies replies, StaffLeads leads,
           StaffTranslations translations, StaffDeletions deletions, StaffChangeLog changes, OwnResults ownResults, Clock clock,
           ObjectProvider<StaffGuard> guards) {
        this.ownResults = ownResults;
        this.guards = guards;
        this.access = access;
        this.schools = schools;
        this.records = records;
        this.windows = windows;
        this.windowLife = windowLife;
        this.responses = responses;
        this.privacy = privacy;
        this.measures = measures;
        this.reports = reports;
        this.goals = goals;
        this.replies = replies;
        this.leads = leads;
        this.translations = translations;
        this.deletions = deletions;
        this.changes = changes;
        this.clock = clock;
    }

    public enum Action { STAFF_ID, MERGE, RETIRE }

    /**
     * What an action will do: the people it is about ({@code other}: the person kept, for a merge), the staff id
     * they will have, every change it makes, and every reason it cannot be done (then it is not). {@code confirm}
     * is what the action must be sent with.
     */
    public record Plan(Action action, StaffMember person, StaffMember other, String staffId, List<Text> changes, List<Text> refusals,
                       String confirm) {
        public boolean allowed() {
            return refusals.isEmpty();
        }
    }

    /** The school's people, for the page: everyone of its staff, active first. */
    public List<StaffMember> staff(StaffUser user, long schoolId) {
        return schools.staff(access.manage(user, schoolId).id());
    }

    /** A person of a school the admin manages (404 for anyone else, of any school). */
    public StaffMember person(StaffUser user, long schoolId, long staffId) {
        School school = access.manage(user, schoolId);
        return of(school, staffId);
    }

    private StaffMember of(School school, long staffId) {
        return schools.findStaff(staffId).filter(m -> m.schoolId() != null && m.schoolId() == school.id())
                .orElseThrow(() -> new NotFoundException("staff member", staffId));
    }

    /** The school's classes a person teaches now, by name. */
    public List<String> classes(StaffMember person) {
        return records.classesTaught(person.id());
    }

    // ---- staff id

    public Plan planStaffId(StaffUser user, long schoolId, long staffId, String newId) {
        School school = access.manage(user, schoolId);
        return staffIdPlan(school, of(school, staffId), newId);
    }

    private Plan staffIdPlan(School school, StaffMember person, String newId) {
        String ref = newId == null ? "" : newId.strip();
        if (!StaffRecords.validRef(ref)) {
            throw new InvalidInputException("newId", new Text("people.error.staffId"));
        }
        if (ref.equals(person.ref())) {
            throw new InvalidInputException("newId", new Text("people.error.sameStaffId", ref));
        }
        List<Text> refusals = new ArrayList<>();
        records.byRef(school.id(), ref).ifPresent(holder -> refusals.add(new Text("people.refuse.staffIdTaken", ref, holder.name())));
        List<Text> lines = new ArrayList<>();
        lines.add(person.ref() == null ? new Text("people.staffId.set", person.name(), ref) : new Text("people.staffId.change", person.name(), person.ref(), ref));
        lines.add(person.ref() == null ? new Text("people.staffId.rosterNew", ref) : new Text("people.staffId.roster", ref, person.ref()));
        records.label(person.id()).ifPresent(l -> lines.add(new Text("people.staffId.label", ref,
                l.pupilName() == null ? "–" : l.pupilName(), l.team() == null ? "–" : l.team())));
        return plan(Action.STAFF_ID, person, null, ref, lines, refusals);
    }

    @Transactional
    public Plan changeStaffId(StaffUser user, long schoolId, long staffId, String newId, String confirm) {
        School school = access.manage(user, schoolId);
        records.lock(school.id());
        Plan plan = confirmed(staffIdPlan(school, of(school, staffId), newId), confirm);
        records.changeRef(plan.person().id(), plan.staffId());
        changes.add(school.id(), StaffChangeLog.What.STAFF_ID, plan.person().id(), plan.person().name(), null, plan.person().ref(), plan.staffId(),
                user.id(), clock.instant());
        log.info("staff {} of school {}: staff id changed by {}", plan.person().id(), school.id(), user.id());
        return plan;
    }

    // ---- retire

    public Plan planRetire(StaffUser user, long schoolId, long staffId) {
        School school = access.manage(user, schoolId);
        return retirePlan(user, school, of(school, staffId));
    }

    private Plan retirePlan(StaffUser user, School school, StaffMember person) {
        List<Text> refusals = new ArrayList<>();
        if (!person.active()) {
            refusals.add(new Text("people.refuse.retired", person.name()));
        }
        if (person.id() == user.id()) {
            refusals.add(new Text("people.refuse.yourself"));
        }
        if (NETWORK_ADMIN.equals(person.role())) {
            refusals.add(new Text("people.refuse.networkAdmin", person.name()));
        }
        if (person.active() && SCHOOL_ADMIN.equals(person.role()) && schools.staff(school.id()).stream()
                .noneMatch(m -> m.id() != person.id() && m.active() && SCHOOL_ADMIN.equals(m.role()))) {
            refusals.add(new Text("people.refuse.lastAdmin", person.name()));
        }
        if (person.active()) {
            refusals.addAll(guarded(school, records.retireChange(schools.staff(school.id()), person)));
        }
        List<Text> lines = new ArrayList<>();
        lines.add(new Text("people.retire.signIn", person.name()));
        List<String> classes = records.classesTaught(person.id());
        if (!classes.isEmpty()) {
            lines.add(new Text("people.retire.classes", Lists.and(classes)));
        }
        lines.add(person.ref() == null ? new Text("people.retire.keptNoId") : new Text("people.retire.kept", person.ref()));
        return plan(Action.RETIRE, person, null, person.ref(), lines, refusals);
    }

    @Transactional
    public Plan retire(StaffUser user, long schoolId, long staffId, String confirm) {
        School school = access.manage(user, schoolId);
        records.lock(school.id());
        Plan plan = confirmed(retirePlan(user, school, of(school, staffId)), confirm);
        records.retire(plan.person().id());
        changes.add(school.id(), StaffChangeLog.What.RETIRE, plan.person().id(), plan.person().name(), null, plan.person().ref(), null, user.id(),
                clock.instant());
        log.info("staff {} of school {}: retired by {}", plan.person().id(), school.id(), user.id());
        return plan;
    }

    // ---- merge

    /** Which staff id the merged person keeps: the kept person's ({@code INTO}) or the merged one's ({@code FROM}). */
    public enum KeepId { INTO, FROM }

    /** {@code keepId}: "into" (or none) for the kept person's staff id, "from" for the merged person's. */
    public Plan planMerge(StaffUser user, long schoolId, long staffId, Long intoId, String keepId) {
        School school = access.manage(user, schoolId);
        return mergePlan(user, school, of(school, staffId), into(school, staffId, intoId), keep(keepId));
    }

    static KeepId keep(String keepId) {
        if (keepId == null || keepId.isBlank() || keepId.equalsIgnoreCase("into")) {
            return KeepId.INTO;
        }
        if (keepId.equalsIgnoreCase("from")) {
            return KeepId.FROM;
        }
        throw new InvalidInputException("keepId", new Text("people.error.keepId"));
    }

    private StaffMember into(School school, long staffId, Long intoId) {
        if (intoId == null) {
            throw new InvalidInputException("into", new Text("people.error.into"));
        }
        if (intoId == staffId) {
            throw new InvalidInputException("into", new Text("people.error.intoSelf"));
        }
        return of(school, intoId);
    }

    private Plan mergePlan(StaffUser user, School school, StaffMember from, StaffMember into, KeepId keep) {
        String ref = keep == KeepId.FROM ? from.ref() : into.ref();
        List<Text> refusals = new ArrayList<>();
        List<SurveyWindow> ofSchool = windows.forSchool(school.id());
        ofSchool.stream().filter(w -> w.status() == SurveyWindow.Status.OPEN)
                .forEach(w -> refusals.add(new Text("people.refuse.openWindow", w.name())));
        if (from.id() == user.id()) {
            refusals.add(new Text("people.refuse.yourselfMerged"));
        }
        if (NETWORK_ADMIN.equals(from.role())) {
            refusals.add(new Text("people.refuse.networkAdminMerged", from.name(), into.name()));
        }
        Responses.About aboutFrom = responses.about(from.id());
        Responses.About aboutInto = responses.about(into.id());
        // a record that holds private results cannot be merged (below); in a timetable's school nothing is then said of the
        // answers about either record (windows, counts): teacher by teacher, that would be whose classes had answers
        boolean privateHeld = ownResults.held(school.networkId(), from.id());
        boolean quiet = privateHeld && !schools.patterns(school.id()).isEmpty();
        Set<Long> both = new TreeSet<>(aboutFrom.windows());
        both.retainAll(aboutInto.windows());
        if (!both.isEmpty() && !quiet) {
            refusals.add(new Text("people.refuse.bothAnswered", from.name(), into.name(), names(ofSchool, both)));
        }
        // a team shown with the one not answered about in a window, without the one who was, would change meaning
        Set<Long> teams = new TreeSet<>();
        for (SurveyWindow w : ofSchool) {
            boolean f = aboutFrom.windows().contains(w.id());
            boolean i = aboutInto.windows().contains(w.id());
            if (f != i && privacy.teamShownWith(school.networkId(), w.name(), f ? into.id() : from.id(), f ? from.id() : into.id())) {
                teams.add(w.id());
            }
        }
        if (!teams.isEmpty() && !quiet) {
            refusals.add(new Text("people.refuse.team", names(ofSchool, teams)));
        }
        List<String> frozen = measures.frozenWavesAbout(school.networkId(), from.id());
        if (!frozen.isEmpty()) {
            refusals.add(new Text("people.refuse.frozen", from.name(), Lists.and(frozen)));
        }
        List<Long> views = reports.selfViewClashes(from.id(), into.id());
        if (!views.isEmpty()) {
            refusals.add(new Text("people.refuse.selfViews", from.name(), into.name(), names(ofSchool, views)));
        }
        List<Long> replied = replies.clashes(from.id(), into.id());
        if (!replied.isEmpty()) {
            refusals.add(new Text("people.refuse.replies", from.name(), into.name(), names(ofSchool, replied)));
        }
        int answers = aboutFrom.responses() + aboutFrom.comments();
        // the kept record keeps its own e-mail and password: what is private to the one merged away would reach whoever
        // signs in with them, and nobody can tell it is the same person (an admin's own record, a mailbox of theirs)
        if (privateHeld) {
            refusals.add(new Text("people.refuse.privateResults", from.name(), from.email(), into.name(), into.email()));
        }
        refusals.addAll(guarded(school, records.mergeChange(schools.staff(school.id()), from, into, ref)));
        // a closed window that can still be reopened would take answers again from codes and saved surveys naming them as they are
        for (SurveyWindow w : ofSchool) {
            WindowService.Reopening r = w.isClosed() ? windowLife.reopening(w) : null;
            if (r != null && r.allowed()) {
                refusals.add(new Text("people.refuse.reopenable", w.name(), java.time.LocalDate.ofInstant(r.until(), clock.getZone()).toString()));
            }
        }

        List<Text> lines = new ArrayList<>();
        lines.add(new Text("people.merge.account", from.name(), from.email(), into.name(), into.email()));
        lines.add(ref == null ? new Text("people.merge.noStaffId") : new Text("people.merge.staffId", ref));
        if (answers > 0 && !quiet) {
            // in which windows, never how many: a count read again after a pupil sent their survey would say whether that
            // pupil answered about this teacher, and a group under k shows none of its comments, nor how many there are
            lines.add(new Text("people.merge.answers", names(ofSchool, aboutFrom.windows()), into.name()));
        }
        List<String> classes = records.classesTaught(from.id());
        if (!classes.isEmpty()) {
            lines.add(new Text("people.merge.classes", Lists.and(classes), into.name()));
        }
        // whether they set goals, looked at their own view or shared their report is theirs: said of everyone, counted for nobody
        lines.add(new Text("people.merge.own", into.name()));
        lines.add(new Text("people.merge.rest", from.name(), into.name()));
        return plan(Action.MERGE, from, into, ref, lines, refusals);
    }

    @Transactional
    public Plan merge(StaffUser user, long schoolId, long staffId, Long intoId, String keepId, String confirm) {
        School school = access.manage(user, schoolId);
        records.lock(school.id());
        Plan plan = confirmed(mergePlan(user, school, of(school, staffId), into(school, staffId, intoId), keep(keepId)), confirm);
        long from = plan.person().id();
        long into = plan.other().id();
        // what was computed from the answers about them goes first, under the waves' report locks
        Set<Long> moved = responses.about(from).windows();
        measures.forget(school.networkId(), windows.forSchool(school.id()).stream().filter(w -> moved.contains(w.id())).toList());
        responses.moveAbout(from, into);
        privacy.moveTeacher(school.networkId(), from, into);
        reports.move(from, into);
        goals.move(from, into);
        replies.move(from, into);
        leads.move(from, into);
        translations.move(from, into);
        deletions.move(from, into);
        changes.move(from, into);
        records.merge(plan.person(), plan.other(), plan.staffId());
        changes.add(school.id(), StaffChangeLog.What.MERGE, into, plan.other().name(), plan.person().name() + " (" + plan.person().email() + ")",
                plan.person().ref(), plan.staffId(), user.id(), clock.instant());
        log.info("staff {} of school {} merged into {} by {}", from, school.id(), into, user.id());
        return plan;
    }

    /** Why the features above the school refuse this change of its people (a safeguarding lead kept while a window is open). */
    private List<Text> guarded(School school, StaffGuard.Change change) {
        return guards.orderedStream().map(g -> g.refusal(school, change)).flatMap(java.util.Optional::stream).toList();
    }

    // ---- the log

    /** A change made to a school's people, with who made it (null once their account is gone). */
    public record Change(String what, String person, String other, String oldId, String newId, String by, java.time.OffsetDateTime at) {
    }

    public List<Change> changes(StaffUser user, long schoolId) {
        School school = access.manage(user, schoolId);
        List<StaffChangeLog.Entry> entries = changes.ofSchool(school.id(), 50);
        Map<Long, String> names = schools.names(entries.stream().map(StaffChangeLog.Entry::doneBy).filter(java.util.Objects::nonNull).distinct().toList());
        return entries.stream().map(e -> new Change(e.what().name(), e.person(), e.other(), e.oldRef(), e.newRef(),
                e.doneBy() == null ? null : names.get(e.doneBy()), e.at())).toList();
    }

    // ---- plans and their confirmation

    private static Lists.Said names(List<SurveyWindow> windows, java.util.Collection<Long> ids) {
        Set<String> out = new LinkedHashSet<>();
        windows.stream().filter(w -> ids.contains(w.id())).forEach(w -> out.add(w.name()));
        return Lists.and(out);
    }

    private static Plan plan(Action action, StaffMember person, StaffMember other, String ref, List<Text> lines, List<Text> refusals) {
        StringBuilder canonical = new StringBuilder(action.name()).append('|').append(state(person)).append('|')
                .append(other == null ? "" : state(other)).append('|').append(ref);
        for (Text t : lines) {
            canonical.append('|').append(t.key()).append(Arrays.deepToString(t.args()));
        }
        for (Text t : refusals) {
            canonical.append("|!").append(t.key()).append(Arrays.deepToString(t.args()));
        }
        return new Plan(action, person, other, ref, List.copyOf(lines), List.copyOf(refusals), refusals.isEmpty() ? digest(canonical.toString()) : null);
    }

    private static String state(StaffMember m) {
        return m.id() + "," + m.ref() + "," + m.email() + "," + m.role() + "," + m.leader() + "," + m.active() + "," + m.canLogIn();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plan, if it may be done and is the one confirmed; otherwise nothing is done (409, or 400 without a confirmation). */
    private static Plan confirmed(Plan plan, String confirm) {
        if (!plan.allowed()) {
            throw new ConflictException("confirm", plan.refusals().get(0));
        }
        if (confirm == null || confirm.isBlank()) {
            throw new InvalidInputException("confirm", new Text("people.error.confirm"));
        }
        if (!plan.confirm().equals(confirm.strip())) {
            throw new ConflictException("confirm", new Text("people.error.changed"));
        }
        return plan;
    }
}

package org.rapport.app.school;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rapport.app.security.OidcClients;
import org.rapport.app.security.StaffUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a roster into a school: classes, staff and teaching are upserted by their ids, in one transaction.
 * A staff list (staff file, OneRoster bundle) decides who is a school admin and who is staff at all; a roster
 * never moves an account that may be in use to another e-mail address, and never leaves the school without an
 * admin or takes the uploader's own admin rights, and never leaves what the features above the school guard
 * ({@link StaffGuard}: a safeguarding lead while a window is open) (docs/ROSTER.md). An account that holds results
 * private to its person keeps its e-mail address too, whether or not it was ever signed in to.
 */
@Service
public class RosterService {
    private static final String ADMIN = StaffUser.Role.SCHOOL_ADMIN.name();
    private final RosterRepository roster;
    private final AccountTokens tokens;
    private final OidcClients singleSignOn;
    private final AccountMatcher matcher;
    private final RosterChanges changes;
    private final ObjectProvider<PrivateResults> privateResults;
    private final ObjectProvider<StaffGuard> guards;

    RosterService(RosterRepository roster, AccountTokens tokens, OidcClients singleSignOn, AccountMatcher matcher, RosterChanges changes,
                  ObjectProvider<PrivateResults> privateResults, ObjectProvider<StaffGuard> guards) {
        this.privateResults = privateResults;
        this.guards = guards;
        this.matcher = matcher;
        this.changes = changes;
        this.roster = roster;
        this.tokens = tokens;
        this.singleSignOn = singleSignOn;
    }

    /**
     * {@code staffDeactivated}: accounts of the school that the staff list no longer has, now inactive; {@code warnings}:
     * what the import did not refuse but the school should know (a class with no teacher, pupils no teacher teaches).
     */
    public record ImportSummary(int classes, int staff, int teaching, int classesRetired, int staffDeactivated, List<RosterError> warnings) {
        public ImportSummary(int classes, int staff, int teaching, int classesRetired, int staffDeactivated) {
            this(classes, staff, teaching, classesRetired, staffDeactivated, List.of());
        }
    }

    /** An import by the application itself (demo data, tests' fixtures): no uploader whose own account is checked. */
    @Transactional
    public ImportSummary importRoster(School school, Roster file) {
        return importRoster(school, file, null);
    }

    /** An import by {@code uploader}, a school admin of the school or a network admin. */
    @Transactional
    public ImportSummary importRoster(School school, Roster file, StaffUser uploader) {
        return importRoster(school, file, uploader, null);
    }

    /**
     * An import by {@code uploader} that must change what its preview said ({@link #preview}): {@code confirm} is the
     * preview's, and if the school's roster changed since (or the file is another), nothing is imported (409). Null:
     * no preview asked for.
     */
    @Transactional
    public ImportSummary importRoster(School school, Roster file, StaffUser uploader, String confirm) {
        // one import of a school's staff at a time: two admins' uploads cannot each leave the other as the last admin
        List<StaffMember> before = roster.staffForUpdate(school.id());
        AccountMatcher.Matches matches = check(school, file, uploader, before);
        if (confirm != null && !changes.of(school, file, before, matches).confirm().equals(confirm.strip())) {
            throw new org.rapport.app.web.ConflictException("confirm", new org.rapport.app.web.Text("roster.preview.changed"));
        }
        file = withLabels(school, file);
        Map<String, Long> classIds = new HashMap<>();
        for (Roster.ClassRow c : file.classes()) {
            classIds.put(c.ref(), roster.upsertClass(school.id(), c));
        }
        Map<String, Long> teamIds = new HashMap<>();
        for (Roster.StaffRow s : file.staff()) {
            if (s.team() != null) {
                teamIds.computeIfAbsent(s.team(), t -> roster.upsertTeam(school.id(), t));
            }
        }
        for (AccountMatcher.Match m : matches.matches()) {
            // an account found by e-mail takes the row's staff id first, so that the upsert below is an update of it
            if (m.kind() == AccountMatcher.Kind.ADOPTED || m.kind() == AccountMatcher.Kind.JOINS) {
                roster.takeStaffRef(m.account().id(), school.id(), m.row().ref());
            }
        }
        Map<String, Long> staffIds = new HashMap<>();
        for (Roster.StaffRow s : file.staff()) {
            staffIds.put(s.ref(), roster.upsertStaff(school.networkId(), school.id(), s, s.team() == null ? null : teamIds.get(s.team()),
                    file.staffListed()));
        }
        List<String> refs = file.staff().stream().map(Roster.StaffRow::ref).toList();
        int deactivated = file.staffListed() ? roster.deactivateStaffNotIn(school.id(), refs) + roster.networkAdminsLeaveStaffNotIn(school.id(), refs) : 0;
        List<long[]> pairs = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (Roster.Teaching t : file.teaching()) {
            pairs.add(new long[] {classIds.get(t.classRef()), staffIds.get(t.staffRef())});
            subjects.add(t.subject());
        }
        roster.replaceTeaching(school.id(), pairs, subjects);
        int retired = roster.retireClassesNotIn(school.id(), file.classes().stream().map(Roster.ClassRow::ref).toList());
        replacePatterns(school, file, classIds);
        // the staff as the import left them, asked again: should the forecast of check() have missed a case, nothing is kept
        List<RosterError> unkept = guarded(school, file, before, roster.staff(school.id()));
        if (!unkept.isEmpty()) {
            throw new RosterCsv.InvalidRosterException(unkept);
        }
        return new ImportSummary(file.classes().size(), file.staff().size(), file.teaching().size(), retired, deactivated, file.warnings());
    }

    /**
     * The names file's labels in force: a bundle's own names file replaces the school's (kept for the next bundle),
     * a bundle without one keeps them, a CSV roster (which names teachers as pupils see them) clears them. A label's
     * team is the person's team, whatever the bundle says.
     */
    private Roster withLabels(School school, Roster file) {
        if (file.patterns() == null) {
            roster.replaceLabels(school.id(), List.of());
            return file;
        }
        if (file.labels() != null) {
            roster.replaceLabels(school.id(), file.labels());
        }
        Map<String, Roster.Label> labels = new HashMap<>();
        roster.labels(school.id()).forEach(l -> labels.put(l.staffRef(), l));
        if (labels.isEmpty()) {
            return file;
        }
        List<Roster.StaffRow> staff = file.staff().stream().map(s -> {
            Roster.Label l = labels.get(s.ref());
            return l == null || l.team() == null ? s : new Roster.StaffRow(s.ref(), s.name(), s.email(), s.leader(), l.team(), true, s.file(), s.line());
        }).toList();
        return new Roster(file.classes(), staff, file.teaching(), file.staffListed(), file.patterns(), file.warnings(), file.labels());
    }

    /** The timetable's patterns of pupils become the school's (those no longer in it are kept inactive, for past codes); none for a CSV roster. */
    private void replacePatterns(School school, Roster file, Map<String, Long> classIds) {
        List<Long> kept = new ArrayList<>();
        if (file.patterns() != null) {
            for (Roster.Pattern p : file.patterns()) {
                long[] ids = p.classRefs().stream().mapToLong(classIds::get).sorted().toArray();
                kept.add(roster.upsertPattern(school.id(), classIds.get(p.homeRef()), ids, p.pupils()));
            }
        }
        roster.retirePatternsNotIn(school.id(), kept);
    }

    /**
     * What the upload would change, checked as an import checks it (every problem of the file, the import's own
     * refusals): nothing is written. Its {@code confirm} is what the import must be sent with to do exactly this.
     */
    @Transactional(readOnly = true)
    public RosterChanges.Preview preview(School school, Roster file, StaffUser uploader) {
        List<StaffMember> before = roster.staff(school.id());
        return changes.of(school, file, before, check(school, file, uploader, before));
    }

    /** Who each person of the file is, and every reason the import cannot be done (thrown, with nothing changed). */
    private AccountMatcher.Matches check(School school, Roster file, StaffUser uploader, List<StaffMember> before) {
        AccountMatcher.Matches matches = matcher.match(school, file, before);
        List<RosterError> errors = new ArrayList<>(matches.errors());
        checkEmailsKept(school, before, file, matches.refused(), errors);
        checkAdmins(before, file, matches.rowOfAccount(), uploader, school, errors);
        if (errors.isEmpty()) {
            errors.addAll(guarded(school, file, before, staffAfter(school, file, before, matches)));
        }
        if (!errors.isEmpty()) {
            throw new RosterCsv.InvalidRosterException(errors);
        }
        return matches;
    }

    /**
     * A roster never moves an account that may be in use to another address: its password, private report,
     * goals and replies would go with it to whoever reads the new mailbox (a reset link, an invitation) or signs
     * in with it by single sign-on. In use: it has a password, or an invitation or reset link is outstanding, or
     * single sign-on is on (which sign-ins it made is not recorded, so every account may have been used). Nor does it
     * move an account that holds results private to its person (pupils' answers or comments about them, their own
     * view, goals, ...: {@link PrivateResults}), even one nobody ever signed in to: its invitation would go to the new
     * mailbox, and whoever reads it would read that person's results. Only an account nobody can have signed in to and
     * that holds nothing private takes a corrected address. A change of case is no change.
     */
    private void checkEmailsKept(School school, List<StaffMember> before, Roster file, Set<String> taken, List<RosterError> errors) {
        Map<String, StaffMember> byRef = new HashMap<>();
        before.stream().filter(m -> m.ref() != null).forEach(m -> byRef.put(m.ref(), m));
        for (Roster.StaffRow s : file.staff()) {
            StaffMember m = byRef.get(s.ref());
            if (m == null || taken.contains(s.ref()) || m.email().equalsIgnoreCase(s.email())) {
                continue;
            }
            if (m.canLogIn() || singleSignOn.configured() || tokens.pending(m.id())) {
                errors.add(error(s, "the e-mail of " + m.name() + "'s account (staff id " + s.ref() + ") cannot be changed by a roster upload: "
                        + "it is " + m.email() + ", the file says " + s.email() + ". Keep " + m.email() + " for this staff id; "
                        + "to move the person to a new address, give them a new staff id with it (the old account is then removed)"));
            } else if (holdsPrivateResults(school, m)) {
                errors.add(error(s, "the e-mail of " + m.name() + "'s account (staff id " + s.ref() + ") cannot be changed by a roster upload: "
                        + "it is " + m.email() + ", the file says " + s.email() + ". The account holds results private to " + m.name()
                        + " (what pupils answered or wrote about them, or their own views or goals), which only whoever signs in at "
                        + m.email() + " may read. Keep " + m.email() + " for this staff id: " + m.name() + " signs in there (their invitation "
                        + "goes to that address). If " + m.email() + " was mistyped and never reaches them, give " + s.email() + " a new staff id: "
                        + "a new account, without the old one's results, which stay sealed to the old account"));
            }
        }
    }

    /** Whether the account holds anything private to its person (fails closed: with nothing to ask, it does). */
    private boolean holdsPrivateResults(School school, StaffMember m) {
        return PrivateResults.heldBy(privateResults, school.networkId(), m.id());
    }

    /** Why the features above the school refuse the staff changing from {@code before} to {@code after}, as errors of the staff list. */
    private List<RosterError> guarded(School school, Roster file, List<StaffMember> before, List<StaffMember> after) {
        StaffGuard.Change change = new StaffGuard.Change(before, after);
        return guards.orderedStream().map(g -> g.refusal(school, change)).flatMap(java.util.Optional::stream)
                .map(t -> new RosterError(staffListFile(file), 0, 0, null, t.english())).toList();
    }

    /**
     * The school's accounts as the import would leave them, as its statements do (RosterRepository.upsertStaff,
     * deactivateStaffNotIn, networkAdminsLeaveStaffNotIn): a listed account is active, with the role the staff list
     * gives (a network admin keeps theirs; without a staff list, an active account keeps its role); an account with a
     * staff id the staff list leaves out is inactive, or leaves the school if it is a network admin's; a network admin
     * found by e-mail joins; a new account comes after every existing one.
     */
    private static List<StaffMember> staffAfter(School school, Roster file, List<StaffMember> before, AccountMatcher.Matches matches) {
        Map<Long, Roster.StaffRow> rowOf = matches.rowOfAccount();
        List<StaffMember> after = new ArrayList<>();
        java.util.Set<Long> known = new java.util.HashSet<>();
        for (StaffMember m : before) {
            known.add(m.id());
            Roster.StaffRow row = rowOf.get(m.id());
            if (row != null) {
                after.add(listed(m, row, file.staffListed()));
            } else if (m.ref() != null && file.staffListed()) {
                if (!StaffUser.Role.NETWORK_ADMIN.name().equals(m.role())) {
                    after.add(new StaffMember(m.id(), m.schoolId(), m.ref(), m.email(), m.name(), m.role(), m.leader(), false, m.canLogIn(),
                            m.language()));
                }
            } else {
                after.add(m);
            }
        }
        long next = Long.MAX_VALUE - file.staff().size();
        for (AccountMatcher.Match m : matches.matches()) {
            if (m.account() == null) {
                boolean leader = file.staffListed() && m.row().leader();
                after.add(new StaffMember(next++, school.id(), m.row().ref(), m.row().email(), m.row().name(), leader ? ADMIN
                        : StaffUser.Role.TEACHER.name(), leader, true, false, null));
            } else if (!known.contains(m.account().id())) {
                StaffMember joining = m.account();
                after.add(listed(new StaffMember(joining.id(), school.id(), joining.ref(), joining.email(), joining.name(), joining.role(),
                        joining.leader(), joining.active(), joining.canLogIn(), joining.language()), m.row(), file.staffListed()));
            }
        }
        return after;
    }

    /** An account as its row of the upload leaves it. */
    private static StaffMember listed(StaffMember m, Roster.StaffRow row, boolean rolesListed) {
        String role = StaffUser.Role.NETWORK_ADMIN.name().equals(m.role()) ? m.role()
                : rolesListed ? (row.leader() ? ADMIN : StaffUser.Role.TEACHER.name()) : m.active() ? m.role() : StaffUser.Role.TEACHER.name();
        boolean leader = rolesListed ? row.leader() : m.active() && m.leader();
        return new StaffMember(m.id(), m.schoolId(), row.ref(), row.email(), row.name(), role, leader, true, m.canLogIn(), m.language());
    }

    /** What an account of the school is after the import. */
    private record After(StaffMember account, Roster.StaffRow row, boolean active, boolean admin) {
    }

    /**
     * The import may neither leave a school that has an active school admin without one, nor remove or demote
     * the school admin who uploads it (another admin or a network admin can).
     */
    private void checkAdmins(List<StaffMember> before, Roster file, Map<Long, Roster.StaffRow> rowOfAccount, StaffUser uploader, School school,
                             List<RosterError> errors) {
        List<After> after = new ArrayList<>();
        for (StaffMember m : before) {
            Roster.StaffRow row = rowOfAccount.get(m.id());
            boolean admin = m.active() && ADMIN.equals(m.role());
            if (row != null) {
                after.add(new After(m, row, true, file.staffListed() ? row.leader() : admin));
            } else if (m.ref() != null && file.staffListed()) {
                after.add(new After(m, null, false, false));
            } else {
                after.add(new After(m, null, m.active(), admin));
            }
        }
        boolean newAdmin = file.staffListed() && file.staff().stream().anyMatch(s -> s.leader() && after.stream().noneMatch(a -> a.row() == s));
        long adminsBefore = before.stream().filter(m -> m.active() && ADMIN.equals(m.role())).count();
        long adminsAfter = after.stream().filter(a -> a.active() && a.admin()).count() + (newAdmin ? 1 : 0);
        if (uploader != null && uploader.schoolId() != null && uploader.schoolId() == school.id()) {
            for (After a : after) {
                if (a.account().id() != uploader.id() || !ADMIN.equals(a.account().role())) {
                    continue;
                }
                if (!a.active()) {
                    errors.add(new RosterError(staffListFile(file), 0, 0, null, "your own account (" + a.account().name() + ", "
                            + a.account().email() + ", staff id " + a.account().ref() + ") is not in the staff list: it would be removed. "
                            + "Nobody can remove their own account; add yourself as a leader, or ask another school admin or a network admin"));
                } else if (!a.admin()) {
                    errors.add(error(a.row(), "role", "your own account (" + a.account().name() + ", " + a.account().email()
                            + ") would become a teacher's: nobody can take away their own admin rights; list yourself as a leader, "
                            + "or ask another school admin or a network admin"));
                }
            }
        }
        if (adminsBefore > 0 && adminsAfter == 0) {
            List<String> lost = new ArrayList<>();
            Roster.StaffRow first = null;
            for (After a : after) {
                if (a.account().active() && ADMIN.equals(a.account().role())) {
                    lost.add(a.account().name() + " (" + a.account().email() + ") would " + (a.active() ? "become a teacher" : "be removed"));
                    first = first == null ? a.row() : first;
                }
            }
            String message = "this upload would leave the school with no active school admin: " + String.join("; ", lost)
                    + ". Mark at least one person as a leader";
            errors.add(first != null ? error(first, "role", message) : new RosterError(staffListFile(file), 0, 0, null, message));
        }
    }

    static RosterError error(Roster.StaffRow s, String message) {
        return error(s, null, message);
    }

    /** An error on the person's line; {@code field} null: their e-mail's column. */
    private static RosterError error(Roster.StaffRow s, String field, String message) {
        String file = s.file() == null ? "roster" : s.file();
        return new RosterError(file, s.line(), 0, field != null ? field : file.equals("roster") ? "teacher_email" : "email", message);
    }

    /** The file that lists the school's staff: the staff file, or users.csv of a OneRoster bundle. */
    private static String staffListFile(Roster file) {
        return file.staff().stream().map(Roster.StaffRow::file).filter(f -> f != null && !f.equals("roster")).findFirst().orElse("staff");
    }
}

package org.rapport.app.school;

import java.util.List;
import java.util.Optional;
import org.rapport.app.security.OidcClients;
import org.springframework.stereotype.Service;

/**
 * A school's people changed one at a time, between roster uploads: a staff id changed, a person retired, two
 * records of one person merged. The checks and the rest of a merge are the caller's (people.People); this is what
 * the school's own tables keep.
 */
@Service
public class StaffRecords {
    private final RosterRepository roster;
    private final AccountTokens tokens;
    private final OidcClients singleSignOn;

    StaffRecords(RosterRepository roster, AccountTokens tokens, OidcClients singleSignOn) {
        this.roster = roster;
        this.tokens = tokens;
        this.singleSignOn = singleSignOn;
    }

    /** The school's accounts, locked until the transaction ends: one change of its people at a time, and none during an import. */
    public List<StaffMember> lock(long schoolId) {
        return roster.staffForUpdate(schoolId);
    }

    /** The person of the school with this staff id. */
    public Optional<StaffMember> byRef(long schoolId, String ref) {
        return roster.findByRef(schoolId, ref);
    }

    /** Whether a staff id is written as a roster's are: letters, digits, spaces and {@code . _ / -}, at most 40. */
    public static boolean validRef(String ref) {
        return ref != null && RosterCsv.validRef(ref);
    }

    /**
     * Whether someone may have signed in to the account: it has a password, an invitation or reset link of it is
     * out, or single sign-on is on (which accounts signed in with it is not recorded). What such an account holds
     * of its own (its pupils' feedback, goals, replies) is never handed to another account's mailbox.
     */
    public boolean mayBeInUse(StaffMember member) {
        return member.canLogIn() || singleSignOn.configured() || tokens.pending(member.id());
    }

    /** The current classes the person teaches, by name. */
    public List<String> classesTaught(long staffId) {
        return roster.classesTaught(staffId);
    }

    /** The names file's line of the person's staff id (the name pupils see, the team), if it has one. */
    public Optional<Roster.Label> label(long staffId) {
        return roster.labelOf(staffId);
    }

    /** The person's staff id becomes {@code ref}; their line of the names file goes with it. */
    public void changeRef(long staffId, String ref) {
        roster.setStaffRef(staffId, ref);
    }

    /** The person can no longer sign in, teaches no class and gets no code; everything of theirs is kept. */
    public void retire(long staffId) {
        roster.deactivate(staffId);
    }

    /**
     * The school's own record of {@code from} goes into {@code into}'s (classes, team, role) and {@code from}'s account
     * is deleted; {@code into} keeps staff id {@code ref}, with that id's line of the names file, or else the other id's.
     * Everything else that names {@code from} must have moved first.
     */
    public void merge(StaffMember from, StaffMember into, String ref) {
        roster.merge(from, into, ref);
    }

    /** The school's people as merging {@code from} into {@code into} (kept with staff id {@code ref}) would leave them. */
    public StaffGuard.Change mergeChange(List<StaffMember> staff, StaffMember from, StaffMember into, String ref) {
        StaffMember merged = RosterRepository.merged(from, into, ref);
        List<StaffMember> after = staff.stream().filter(m -> m.id() != from.id()).map(m -> m.id() == into.id() ? merged : m).toList();
        return new StaffGuard.Change(staff, after, java.util.Map.of(from.id(), into.id()));
    }

    /** The school's people as retiring {@code person} would leave them. */
    public StaffGuard.Change retireChange(List<StaffMember> staff, StaffMember person) {
        List<StaffMember> after = staff.stream().map(m -> m.id() != person.id() ? m : new StaffMember(m.id(), m.schoolId(), m.ref(), m.email(),
                m.name(), m.role(), m.leader(), false, m.canLogIn(), m.language())).toList();
        return new StaffGuard.Change(staff, after);
    }
}

package org.rapport.app.school;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rapport.app.security.StaffUser;
import org.springframework.stereotype.Component;

/**
 * Which existing account each person of an upload is, before anything changes. A person is matched by their
 * staff id first; a staff id the school does not know yet is matched by e-mail, since an e-mail is one account
 * across the server: an account of this school takes the new staff id (its first admin, who had none, or a
 * person whose id the school system numbers differently), and one of the network's admins joins the school's
 * staff. An e-mail of someone on another school's staff, or of another network, is refused on its line. Names
 * are never matched: two people may share one.
 */
@Component
class AccountMatcher {
    private static final String NETWORK_ADMIN = StaffUser.Role.NETWORK_ADMIN.name();
    private final RosterRepository roster;
    private final SchoolRepository schools;

    AccountMatcher(RosterRepository roster, SchoolRepository schools) {
        this.roster = roster;
        this.schools = schools;
    }

    enum Kind {
        /** The account of the row's staff id. */
        SAME_ID,
        /** An account of the school found by e-mail: it takes the row's staff id (from another one, or from none). */
        ADOPTED,
        /** One of the network's admins, found by e-mail, who joins the school's staff. */
        JOINS,
        /** Nobody yet: a new account. */
        NEW
    }

    /** A row of the upload and the account it is ({@code account} null for a new one). */
    record Match(Roster.StaffRow row, StaffMember account, Kind kind) {
    }

    /** Every row's match, in the file's order, and the rows that cannot be matched (each with its error). */
    record Matches(List<Match> matches, List<RosterError> errors, Set<String> refused) {
        /** The row each existing account of the school is matched to. */
        Map<Long, Roster.StaffRow> rowOfAccount() {
            Map<Long, Roster.StaffRow> out = new HashMap<>();
            matches.stream().filter(m -> m.account() != null).forEach(m -> out.put(m.account().id(), m.row()));
            return out;
        }
    }

    /** {@code before}: the school's accounts as they are now. */
    Matches match(School school, Roster file, List<StaffMember> before) {
        Map<String, StaffMember> byRef = new HashMap<>();
        before.stream().filter(m -> m.ref() != null).forEach(m -> byRef.put(m.ref(), m));
        Set<String> listed = new HashSet<>();
        file.staff().forEach(s -> listed.add(s.ref()));
        List<Match> matches = new ArrayList<>();
        List<RosterError> errors = new ArrayList<>();
        Set<String> refused = new HashSet<>();
        Map<Long, Roster.StaffRow> claimed = new LinkedHashMap<>();
        for (Roster.StaffRow s : file.staff()) {
            StaffMember mine = byRef.get(s.ref());
            Optional<StaffMember> holder = roster.findByEmail(s.email());
            String problem = null;
            Match match = null;
            if (mine != null) {
                if (holder.isEmpty() || holder.get().id() == mine.id()) {
                    match = new Match(s, mine, Kind.SAME_ID);
                } else {
                    problem = heldBy(school, s, holder.get(), listed) + "; staff id " + s.ref() + " is the account of " + mine.name()
                            + " (" + mine.email() + ")" + (sameSchool(school, holder.get())
                            ? ". If they are one person, merge them on the roster page first" : "");
                }
            } else if (holder.isEmpty()) {
                match = new Match(s, null, Kind.NEW);
            } else {
                StaffMember h = holder.get();
                boolean sameNetwork = roster.networkOf(h.id()) == school.networkId();
                if (sameSchool(school, h) && (h.ref() == null || !listed.contains(h.ref()))) {
                    match = new Match(s, h, Kind.ADOPTED);
                } else if (sameNetwork && h.schoolId() == null && NETWORK_ADMIN.equals(h.role())) {
                    match = new Match(s, h, Kind.JOINS);
                } else {
                    problem = heldBy(school, s, h, listed);
                }
            }
            if (match != null && match.account() != null) {
                Roster.StaffRow other = claimed.putIfAbsent(match.account().id(), s);
                if (other != null) {
                    // only when an e-mail differs in case from another row's: the parsers refuse equal ones
                    problem = "e-mail " + s.email() + " of staff id " + s.ref() + " is the account staff id " + other.ref() + " has too";
                    match = null;
                }
            }
            if (problem != null) {
                errors.add(RosterService.error(s, problem));
                refused.add(s.ref());
            } else {
                matches.add(match);
            }
        }
        return new Matches(matches, errors, refused);
    }

    private static boolean sameSchool(School school, StaffMember m) {
        return m.schoolId() != null && m.schoolId() == school.id();
    }

    /** Why the row's e-mail cannot be this account's, told as far as the uploader may know. */
    private String heldBy(School school, Roster.StaffRow s, StaffMember holder, Set<String> listed) {
        String mail = "e-mail " + s.email() + " of staff id " + s.ref();
        if (sameSchool(school, holder)) {
            return mail + " is the account of " + holder.name() + (holder.ref() == null ? "" : " (staff id " + holder.ref() + ")")
                    + (holder.ref() != null && listed.contains(holder.ref()) ? ", whom this file lists with another e-mail: one e-mail is one person" : "");
        }
        if (roster.networkOf(holder.id()) != school.networkId()) {
            return mail + " already belongs to another account";
        }
        if (holder.schoolId() == null) {
            return mail + " is the account of one of the network's admins";
        }
        String where = schools.find(holder.schoolId()).map(School::name).orElse("another school");
        return mail + " is the account of someone on the staff of " + where
                + ": an account is on one school's staff only. List this person here with another e-mail address";
    }
}

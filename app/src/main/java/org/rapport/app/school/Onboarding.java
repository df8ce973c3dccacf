package org.rapport.app.school;

import java.util.ArrayList;
import java.util.List;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.web.TypedText;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a network, its schools and their first administrators come to exist: a network with its first
 * network admin, then each school with its first school admin. Everyone else comes with the school's
 * roster. Accounts are made without a password; {@link StaffPasswords} sets it.
 */
@Service
public class Onboarding {
    private static final int MAX_NAME = 120;
    private final SchoolRepository schools;
    private final RosterRepository roster;

    Onboarding(SchoolRepository schools, RosterRepository roster) {
        this.schools = schools;
        this.roster = roster;
    }

    /** A person to give an account: their name as colleagues know it, and their e-mail address. */
    public record NewAccount(String name, String email) {
    }

    public record Started(long networkId, StaffMember admin) {
    }

    /** A new network (a trust, a district, or one school on its own) and its first network admin. */
    @Transactional
    public Started createNetwork(String name, NewAccount admin) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        String networkName = name(name, "name", errors);
        NewAccount account = account(admin, errors);
        throwIfAny(errors);
        long network = schools.createNetwork(networkName);
        long id = roster.createAccount(network, null, account.email(), account.name(), StaffUser.Role.NETWORK_ADMIN);
        return new Started(network, roster.findStaff(id).orElseThrow());
    }

    /** Another network admin of the same network. */
    @Transactional
    public StaffMember addNetworkAdmin(long networkId, NewAccount admin) {
        if (!schools.networkExists(networkId)) {
            throw new NotFoundException("network", networkId);
        }
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        NewAccount account = account(admin, errors);
        throwIfAny(errors);
        return roster.findStaff(roster.createAccount(networkId, null, account.email(), account.name(), StaffUser.Role.NETWORK_ADMIN))
                .orElseThrow();
    }

    public record NewSchool(School school, StaffMember admin) {
    }

    /** A school of the network with its first school admin (a leader), who then imports the roster. */
    @Transactional
    public NewSchool addSchool(long networkId, String name, NewAccount admin) {
        if (!schools.networkExists(networkId)) {
            throw new NotFoundException("network", networkId);
        }
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        String schoolName = name(name, "name", errors);
        if (schoolName != null && schools.schoolNameTaken(networkId, schoolName)) {
            errors.add(new InvalidInputException.FieldError("name", "the network already has a school called " + schoolName));
        }
        NewAccount account = account(admin, errors);
        throwIfAny(errors);
        School school = schools.find(schools.createSchool(networkId, schoolName)).orElseThrow();
        long id = roster.createAccount(networkId, school.id(), account.email(), account.name(), StaffUser.Role.SCHOOL_ADMIN);
        return new NewSchool(school, roster.findStaff(id).orElseThrow());
    }

    /**
     * The school of a network that is one school on its own, made at setup. Its head, the network's first
     * admin, is a person of the school too: a leader of it (a leader code, a safeguarding lead, the school's
     * goals) who still manages the network's settings. A roster row with their e-mail gives them a staff id.
     */
    @Transactional
    public School addSchoolOnItsOwn(long networkId, String name, StaffMember head) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        String schoolName = name(name, "school", errors);
        throwIfAny(errors);
        School school = schools.find(schools.createSchool(networkId, schoolName)).orElseThrow();
        roster.joinSchool(head.id(), school.id(), true);
        return school;
    }

    private static String name(String value, String field, List<InvalidInputException.FieldError> errors) {
        String clean = value == null ? "" : value.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl) || !TypedText.visible(clean)) {
            errors.add(new InvalidInputException.FieldError(field, "give a name of 1 to " + MAX_NAME + " characters"));
            return null;
        }
        // shown in sentences on every page of the network: an override in it would turn them around
        int hidden = TypedText.refusedInName(clean);
        if (hidden >= 0) {
            errors.add(new InvalidInputException.FieldError(field, TypedText.fault(field, clean, hidden).english()));
            return null;
        }
        return clean;
    }

    private NewAccount account(NewAccount admin, List<InvalidInputException.FieldError> errors) {
        if (admin == null) {
            errors.add(new InvalidInputException.FieldError("admin", "name the first administrator"));
            return null;
        }
        String name = name(admin.name(), "admin.name", errors);
        String email = admin.email() == null ? "" : admin.email().strip();
        if (!RosterCsv.isEmail(email) || email.length() > MAX_NAME) {
            errors.add(new InvalidInputException.FieldError("admin.email", "'" + email + "' is not an e-mail address"));
            return null;
        }
        if (roster.emailTaken(email)) {
            errors.add(new InvalidInputException.FieldError("admin.email", "e-mail " + email + " already belongs to an account"));
            return null;
        }
        return name == null ? null : new NewAccount(name, email);
    }

    private static void throwIfAny(List<InvalidInputException.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, errors);
        }
    }
}

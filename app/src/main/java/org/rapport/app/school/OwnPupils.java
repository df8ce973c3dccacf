package org.rapport.app.school;

import org.rapport.app.security.StaffUser;
import org.springframework.stereotype.Component;

/**
 * Who leads a school and who has pupils of their own to hear from, decided in one place for every page. A leader is a
 * school admin or a member of staff the roster marks as a leader. Pages offer "My pupils' feedback", a goal on how
 * one's pupils see one and an own view of it to everyone else, and to leaders only where the roster says they teach a
 * class (a head who teaches none was offered an empty report and a goal about pupils they do not have). Templates
 * reach it as {@code @ownPupils}.
 */
@Component("ownPupils")
public class OwnPupils {
    private final Schools schools;

    OwnPupils(Schools schools) {
        this.schools = schools;
    }

    /** Whether they lead their school: a school admin, or marked a leader in the roster. */
    public boolean leads(StaffUser user) {
        return user.isSchoolAdmin() || schools.findStaff(user.id())
                .map(m -> m.leader() || StaffUser.Role.SCHOOL_ADMIN.name().equals(m.role())).orElse(false);
    }

    /** Whether they have pupils of their own to hear from. */
    public boolean of(StaffUser user) {
        return !leads(user) || schools.teaches(user.id());
    }
}

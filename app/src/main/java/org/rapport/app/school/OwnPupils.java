package org.rapport.app.school;

import org.rapport.app.security.StaffUser;
import org.springframework.stereotype.Component;

/**
 * Whether a member of staff has pupils of their own to hear from: pages offer "My pupils' feedback" and a goal on how
 * one's pupils see one only to them. Teachers always (a roster may not yet list their classes); a school's leaders
 * only when the roster says they teach a class (a head who teaches none was offered an empty report and a goal about
 * pupils they do not have). Templates reach it as {@code @ownPupils}.
 */
@Component("ownPupils")
public class OwnPupils {
    private final Schools schools;

    OwnPupils(Schools schools) {
        this.schools = schools;
    }

    public boolean of(StaffUser user) {
        return !(user.isSchoolAdmin() || user.isNetworkAdmin()) || schools.teaches(user.id());
    }
}

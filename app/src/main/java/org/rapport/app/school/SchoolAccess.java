package org.rapport.app.school;

import org.rapport.app.security.StaffUser;
import org.rapport.app.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a member of staff may see a school: a network admin sees the
 * schools of their network, everyone else their own school only. Managing a school (roster, windows,
 * codes, school reports) needs a school admin of that school or a network admin.
 */
@Component
public class SchoolAccess {
    private final SchoolRepository schools;

    SchoolAccess(SchoolRepository schools) {
        this.schools = schools;
    }

    /** The school, if {@code user} may see it; 404 if it does not exist, 403 if it is not theirs. */
    public School view(StaffUser user, long schoolId) {
        School school = schools.find(schoolId).orElseThrow(() -> new NotFoundException("school", schoolId));
        boolean allowed = user.isNetworkAdmin() ? school.networkId() == user.networkId()
                : user.schoolId() != null && user.schoolId() == schoolId;
        if (!allowed) {
            throw new AccessDeniedException("not your school");
        }
        return school;
    }

    public School manage(StaffUser user, long schoolId) {
        School school = view(user, schoolId);
        if (!(user.isNetworkAdmin() || user.isSchoolAdmin())) {
            throw new AccessDeniedException("school admins only");
        }
        return school;
    }
}

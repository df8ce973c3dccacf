package org.rapport.app.window;

import org.rapport.app.school.School;
import org.rapport.app.school.SchoolRepository;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.Access;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a survey window. Viewing it and its school results: staff of the school and
 * network admins. Managing it: school admins and network admins. A teacher's pupil feedback: that
 * teacher alone (not their leaders, not a network admin).
 */
@Component
public class WindowAccess {
    private final WindowService windows;
    private final SchoolRepository schools;
    private final Access access;

    public WindowAccess(WindowService windows, SchoolRepository schools, Access access) {
        this.windows = windows;
        this.schools = schools;
        this.access = access;
    }

    public record Scope(SurveyWindow window, School school, StaffMember teacher) {
    }

    public Scope view(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        return new Scope(window, access.viewSchool(user, window.schoolId()), null);
    }

    public Scope manage(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        return new Scope(window, access.manageSchool(user, window.schoolId()), null);
    }

    public Scope teacher(StaffUser user, long windowId, long teacherId) {
        SurveyWindow window = windows.get(windowId);
        School school = access.viewSchool(user, window.schoolId());
        if (user.id() != teacherId) {
            throw new AccessDeniedException("a teacher's pupil feedback is theirs alone");
        }
        StaffMember teacher = schools.findStaff(teacherId).filter(t -> school.id() == (t.schoolId() == null ? -1 : t.schoolId()))
                .orElseThrow(() -> new NotFoundException("teacher", teacherId));
        return new Scope(window, school, teacher);
    }
}

package org.rapport.app.window;

import org.rapport.app.school.School;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.Access;
import org.rapport.app.security.StaffUser;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a survey window. Viewing it and its school results: staff of the school and
 * network admins. Managing it: school admins and network admins. A teacher's pupil feedback is
 * decided by {@code report.TeacherReports}.
 */
@Component
public class WindowAccess {
    private final WindowService windows;
    private final Access access;

    public WindowAccess(WindowService windows, Access access) {
        this.windows = windows;
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
}

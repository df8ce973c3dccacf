package org.rapport.app.window;

import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.security.StaffUser;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a survey window. Viewing it and its school results: staff of the school and
 * network admins. Managing it: school admins and network admins. A teacher's pupil feedback is
 * decided by {@code report.TeacherReports}.
 */
@Component
public class WindowAccess {
    private final Windows windows;
    private final SchoolAccess access;

    WindowAccess(Windows windows, SchoolAccess access) {
        this.windows = windows;
        this.access = access;
    }

    public record Scope(SurveyWindow window, School school) {
    }

    public Scope view(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        return new Scope(window, access.view(user, window.schoolId()));
    }

    public Scope manage(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        return new Scope(window, access.manage(user, window.schoolId()));
    }
}

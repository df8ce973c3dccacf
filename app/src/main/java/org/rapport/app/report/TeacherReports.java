package org.rapport.app.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.security.StaffUser;
import org.rapport.app.window.WindowAccess;
import org.rapport.app.window.WindowService;
import org.rapport.app.school.SchoolRepository;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.Access;
import org.rapport.app.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Who may read a teacher's pupil feedback: the teacher, and their school's leaders only once the
 * teacher has shared it. Every view that is allowed is written to the audit log the teacher reads;
 * a refused attempt shows nothing and logs nothing.
 */
@Service
public class TeacherReports {
    public enum Channel { PAGE, API, CSV }

    private final JdbcClient jdbc;
    private final WindowService windows;
    private final SchoolRepository schools;
    private final Access access;
    private final ReportViews reportViews;

    public TeacherReports(JdbcClient jdbc, WindowService windows, SchoolRepository schools, Access access, ReportViews reportViews) {
        this.jdbc = jdbc;
        this.windows = windows;
        this.schools = schools;
        this.access = access;
        this.reportViews = reportViews;
    }

    public record Read(SurveyWindow window, Views.TeacherView view) {
    }

    /** Opens (and logs) the report; the teacher alone also sees whether it is shared and who has viewed it. */
    public Read read(StaffUser user, long windowId, long teacherId, Channel channel, Locale locale) {
        WindowAccess.Scope scope = open(user, windowId, teacherId, channel);
        boolean own = user.id() == teacherId;
        return new Read(scope.window(), reportViews.teacher(scope.window(), scope.school(), scope.teacher(), own,
                shared(teacherId, windowId), own ? views(teacherId, windowId, user.id()) : List.of(), locale));
    }

    public boolean shared(long teacherId, long windowId) {
        return jdbc.sql("select count(*) from report_share where teacher_id = ? and window_id = ?").params(teacherId, windowId)
                .query(Integer.class).single() > 0;
    }

    /** The scope of a permitted view, already logged. */
    public WindowAccess.Scope open(StaffUser user, long windowId, long teacherId, Channel channel) {
        var window = windows.get(windowId);
        var school = access.viewSchool(user, window.schoolId());
        StaffMember teacher = schools.findStaff(teacherId)
                .filter(t -> t.schoolId() != null && t.schoolId() == school.id())
                .orElseThrow(() -> new NotFoundException("teacher", teacherId));
        boolean own = user.id() == teacherId;
        boolean leaderOfSchool = user.isSchoolAdmin() && user.schoolId() != null && user.schoolId() == school.id();
        if (!own && !(leaderOfSchool && shared(teacherId, windowId))) {
            throw new AccessDeniedException("a teacher's pupil feedback is theirs unless they share it");
        }
        jdbc.sql("insert into report_view (teacher_id, window_id, viewer_id, channel) values (?, ?, ?, ?)")
                .params(teacherId, windowId, user.id(), channel.name()).update();
        return new WindowAccess.Scope(window, school, teacher);
    }

    /** Only the teacher changes whether their report is shared. */
    public void share(StaffUser user, long windowId, long teacherId, boolean share) {
        var window = windows.get(windowId);
        access.viewSchool(user, window.schoolId());
        if (user.id() != teacherId) {
            throw new AccessDeniedException("only the teacher can share their own report");
        }
        if (share) {
            jdbc.sql("insert into report_share (teacher_id, window_id, shared_on) values (?, ?, ?) on conflict do nothing")
                    .params(teacherId, windowId, LocalDate.now()).update();
        } else {
            jdbc.sql("delete from report_share where teacher_id = ? and window_id = ?").params(teacherId, windowId).update();
        }
    }

    public List<Views.View> views(long teacherId, long windowId, long readerId) {
        return jdbc.sql("""
                select v.viewer_id, s.display_name, v.viewed_at, v.channel from report_view v join staff s on s.id = v.viewer_id
                where v.teacher_id = ? and v.window_id = ? order by v.viewed_at desc, v.id desc limit 200""")
                .params(teacherId, windowId)
                .query((rs, n) -> new Views.View(rs.getLong(1) == readerId ? null : rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class), rs.getString(4)))
                .list();
    }
}

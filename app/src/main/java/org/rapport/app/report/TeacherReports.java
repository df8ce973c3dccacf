package org.rapport.app.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may read a teacher's pupil feedback: the teacher, and their school's leaders only once the
 * teacher has shared it. Every view that is allowed is written to the audit log the teacher reads;
 * a refused attempt shows nothing and logs nothing.
 */
@Service
class TeacherReports {
    enum Channel { PAGE, API, CSV, PDF }

    private static final int VIEWS_SHOWN = 200;
    private final ReportShares shares;
    private final Windows windows;
    private final Schools schools;
    private final SchoolAccess access;
    private final TeacherViews teacherViews;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    TeacherReports(ReportShares shares, Windows windows, Schools schools, SchoolAccess access, TeacherViews teacherViews,
                   org.springframework.transaction.support.TransactionTemplate transaction) {
        this.transaction = transaction;
        this.shares = shares;
        this.windows = windows;
        this.schools = schools;
        this.access = access;
        this.teacherViews = teacherViews;
    }

    record Read(SurveyWindow window, School school, Views.TeacherView view) {
    }

    private record Opened(SurveyWindow window, School school, StaffMember teacher, long viewId) {
    }

    /**
     * Opens (and logs) the report; the teacher alone also sees whether it is shared and who has viewed it. The
     * check and the log are one transaction; the wave is read after it, outside (closing a wave's batch takes a
     * connection of its own, and a request holding one while waiting for another could starve the pool).
     */
    Read read(StaffUser user, long windowId, long teacherId, Channel channel, Locale locale) {
        Opened opened = transaction.execute(tx -> open(user, windowId, teacherId, channel));
        boolean own = user.id() == teacherId;
        Views.TeacherView view = teacherViews.teacher(opened.window(), opened.school(), opened.teacher(), own,
                own && user.readsTeamFigures(), shares.shared(teacherId, windowId), own ? views(teacherId, windowId, user.id()) : List.of(),
                locale);
        if (view.panels().stream().anyMatch(p -> p.measure().shown())) {
            // before the reader sees them: from now on the teacher's own view of this window is fixed (SelfViews)
            shares.showedResults(opened.viewId());
        }
        return new Read(opened.window(), opened.school(), view);
    }

    /** The scope of a permitted view, already logged. */
    private Opened open(StaffUser user, long windowId, long teacherId, Channel channel) {
        SurveyWindow window = windows.get(windowId);
        School school = access.view(user, window.schoolId());
        StaffMember teacher = schools.findStaff(teacherId)
                .filter(t -> t.schoolId() != null && t.schoolId() == school.id())
                .orElseThrow(() -> new NotFoundException("teacher", teacherId));
        boolean own = user.id() == teacherId;
        boolean leaderOfSchool = (user.isSchoolAdmin() || user.isNetworkAdmin()) && user.onStaffOf(school.id());
        if (!own && !(leaderOfSchool && shares.shared(teacherId, windowId))) {
            throw new AccessDeniedException("a teacher's pupil feedback is theirs unless they share it");
        }
        long viewId = shares.logView(teacherId, windowId, user.id(), channel);
        return new Opened(window, school, teacher, viewId);
    }

    /** Only the teacher changes whether their report is shared. */
    @Transactional
    void share(StaffUser user, long windowId, long teacherId, boolean share) {
        SurveyWindow window = windows.get(windowId);
        access.view(user, window.schoolId());
        if (user.id() != teacherId) {
            throw new AccessDeniedException("only the teacher can share their own report");
        }
        if (share) {
            shares.share(teacherId, windowId);
        } else {
            shares.unshare(teacherId, windowId);
        }
    }

    /** Who has viewed the report, newest first; the reader's own views say "you" (no name). */
    private List<Views.View> views(long teacherId, long windowId, long readerId) {
        List<ReportShares.Viewed> viewed = shares.views(teacherId, windowId, VIEWS_SHOWN);
        Map<Long, String> names = schools.names(viewed.stream().map(ReportShares.Viewed::viewerId).distinct().toList());
        return viewed.stream().map(v -> new Views.View(v.viewerId() == readerId ? null : names.get(v.viewerId()), v.at(), v.channel()))
                .toList();
    }
}

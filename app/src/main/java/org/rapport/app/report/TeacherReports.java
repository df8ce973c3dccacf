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
    private final Summaries summaries;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    TeacherReports(ReportShares shares, Windows windows, Schools schools, SchoolAccess access, TeacherViews teacherViews, Summaries summaries,
                   org.springframework.transaction.support.TransactionTemplate transaction) {
        this.transaction = transaction;
        this.summaries = summaries;
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

    /** One of the people a shared report is shown to: their name and role (a {@link StaffUser.Role} name). */
    public record Reader(String name, String role) {
    }

    /**
     * What sharing a teacher's report of a window would do, for the teacher to read before they share it: {@code readers},
     * who could open it (the school's leaders as {@link #open} lets them: its school admins and the network admins on its
     * staff, with an active account, the teacher left out); {@code parts}, the parts whose figure is shown, and
     * {@code partsHidden} how many are not (yet); {@code comments}, how many of their pupils' comments the report shows;
     * {@code previousWindow} (or null) and whether its report is shared too (then its changes since it are shown, not
     * otherwise: {@link Summaries#teacher}); {@code laterShared}, the later windows whose shared report reads its changes
     * since this one, so that sharing this one shows those changes too.
     */
    public record SharePreview(long windowId, long teacherId, String windowName, boolean shared, List<Reader> readers, List<String> parts,
                               int partsHidden, int comments, String previousWindow, boolean previousShared, List<String> laterShared) {
    }

    /** What sharing would show, and to whom; for the teacher alone, and changing nothing (no view is logged). */
    SharePreview preview(StaffUser user, long windowId, long teacherId, Locale locale) {
        SurveyWindow window = windows.get(windowId);
        School school = mayShare(user, windowId, teacherId);
        StaffMember teacher = schools.findStaff(teacherId).orElseThrow(() -> new NotFoundException("teacher", teacherId));
        // what a leader would read: the report as it is opened by someone other than the teacher, without the team
        Views.TeacherView view = teacherViews.teacher(window, school, teacher, false, false, true, List.of(), locale);
        List<String> parts = view.panels().stream().filter(p -> p.measure().shown()).map(Views.FacetPanel::label).toList();
        SurveyWindow previous = summaries.previousWindow(window, school).orElse(null);
        List<String> later = summaries.windowsAfter(window, school).stream().filter(w -> shares.shared(teacherId, w.id()))
                .map(SurveyWindow::name).toList();
        return new SharePreview(window.id(), teacherId, window.name(), shares.shared(teacherId, windowId), readers(school, teacherId), parts,
                view.panels().size() - parts.size(), view.comments().size(), previous == null ? null : previous.name(),
                previous != null && shares.shared(teacherId, previous.id()), later);
    }

    /**
     * Who may open a teacher's report once it is shared, as {@link #open} decides it: a school admin or a network admin
     * whose account is on the school's staff, and active (an inactive account cannot sign in); never the teacher.
     */
    private List<Reader> readers(School school, long teacherId) {
        return schools.staff(school.id()).stream()
                .filter(m -> m.active() && m.id() != teacherId)
                .filter(m -> StaffUser.Role.SCHOOL_ADMIN.name().equals(m.role()) || StaffUser.Role.NETWORK_ADMIN.name().equals(m.role()))
                .sorted(java.util.Comparator.comparing(StaffMember::name, String.CASE_INSENSITIVE_ORDER))
                .map(m -> new Reader(m.name(), m.role())).toList();
    }

    /** The later windows whose shared report no longer shows its changes since this one once this one is not shared. */
    List<String> laterShared(StaffUser user, long windowId, long teacherId) {
        SurveyWindow window = windows.get(windowId);
        School school = access.view(user, window.schoolId());
        return summaries.windowsAfter(window, school).stream().filter(w -> shares.shared(teacherId, w.id())).map(SurveyWindow::name).toList();
    }

    /** Only the teacher changes whether their report is shared. */
    @Transactional
    void share(StaffUser user, long windowId, long teacherId, boolean share) {
        mayShare(user, windowId, teacherId);
        if (share) {
            shares.share(teacherId, windowId);
        } else {
            shares.unshare(teacherId, windowId);
        }
    }

    /** The window's school, when {@code user} is the teacher and may change whether their report of it is shared; 403 otherwise. */
    School mayShare(StaffUser user, long windowId, long teacherId) {
        SurveyWindow window = windows.get(windowId);
        School school = access.view(user, window.schoolId());
        if (user.id() != teacherId) {
            throw new AccessDeniedException("only the teacher can share their own report");
        }
        return school;
    }

    /** Who has viewed the report, newest first; the reader's own views say "you" (no name). */
    private List<Views.View> views(long teacherId, long windowId, long readerId) {
        List<ReportShares.Viewed> viewed = shares.views(teacherId, windowId, VIEWS_SHOWN);
        Map<Long, String> names = schools.names(viewed.stream().map(ReportShares.Viewed::viewerId).distinct().toList());
        return viewed.stream().map(v -> new Views.View(v.viewerId() == readerId ? null : names.get(v.viewerId()), v.at(), v.channel()))
                .toList();
    }
}

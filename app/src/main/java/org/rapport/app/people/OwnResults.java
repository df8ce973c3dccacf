package org.rapport.app.people;

import java.util.List;
import java.util.Map;
import org.rapport.app.goal.StaffGoals;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.report.StaffReports;
import org.rapport.app.response.Responses;
import org.rapport.app.school.PrivateResults;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.window.Windows;
import org.rapport.app.yousaid.StaffReplies;
import org.springframework.stereotype.Component;

/**
 * Whether an account holds anything private to its person: answers or comments of pupils about them (stored; and, in a
 * timetable's school once any pupil has answered, every member of its staff, since which teachers the answers are about
 * is not asked: a yes that came with one pupil's survey would say which teachers that pupil has, and so who they are),
 * results kept of them when raw answers were deleted, their own views, own goals, replies to classes, shares of their
 * report. Such an account keeps its sign-in: the roster cannot change its
 * e-mail, and a merge never moves it into another account (docs/SECURITY.md, docs/ROSTER.md). Whether it was ever
 * signed in to does not matter: "never used" is not "holds nothing".
 */
@Component
class OwnResults implements PrivateResults {
    private final Responses responses;
    private final MeasureService measures;
    private final StaffReports reports;
    private final StaffGoals goals;
    private final StaffReplies replies;

    private final Schools schools;
    private final Windows windows;

    OwnResults(Responses responses, MeasureService measures, StaffReports reports, StaffGoals goals, StaffReplies replies, Schools schools,
               Windows windows) {
        this.schools = schools;
        this.windows = windows;
        this.responses = responses;
        this.measures = measures;
        this.reports = reports;
        this.goals = goals;
        this.replies = replies;
    }

    @Override
    public boolean held(long networkId, long staffId) {
        Responses.About about = responses.about(staffId);
        if (about.responses() + about.comments() > 0) {
            return true;
        }
        Map<String, Integer> kept = reports.of(staffId);
        if (kept.get("selfViews") > 0 || kept.get("shares") > 0 || goals.own(staffId) > 0 || replies.replies(staffId) > 0) {
            return true;
        }
        return !measures.frozenWavesAbout(networkId, staffId).isEmpty() || timetableAnsweredIn(staffId);
    }

    /**
     * Whether this member's school is a timetable's and any of its pupils has answered, in any window (parts waiting or
     * stored): then every member of its staff holds private results, whoever the answers are about. Asked teacher by
     * teacher, the yes of a few sets' teachers (or of fresh records an upload gave each set) would be a pupil's timetable.
     */
    private boolean timetableAnsweredIn(long staffId) {
        Long school = schools.findStaff(staffId).map(StaffMember::schoolId).orElse(null);
        if (school == null) {
            return false;
        }
        // the school's windows, once: none of them read one by one
        List<Long> ids = windows.forSchools(List.of(school)).stream().map(org.rapport.app.window.SurveyWindow::id).toList();
        if (ids.isEmpty()) {
            return false;
        }
        if (responses.windowsHolding().stream().anyMatch(ids::contains)) {
            return true;
        }
        return !schools.patterns(school).isEmpty() && responses.count(ids) > 0;
    }
}

package org.rapport.app.people;

import java.util.Map;
import org.rapport.app.goal.StaffGoals;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.report.StaffReports;
import org.rapport.app.response.Responses;
import org.rapport.app.school.PrivateResults;
import org.rapport.app.yousaid.StaffReplies;
import org.springframework.stereotype.Component;

/**
 * Whether an account holds anything private to its person: answers or comments of pupils about them (stored, or a
 * timetable pupil's parts still held), results kept of them when raw answers were deleted, their own views, own
 * goals, replies to classes, shares of their report. Such an account keeps its sign-in: the roster cannot change its
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

    OwnResults(Responses responses, MeasureService measures, StaffReports reports, StaffGoals goals, StaffReplies replies) {
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
        return !measures.frozenWavesAbout(networkId, staffId).isEmpty() || responses.heldAbout(staffId) > 0;
    }
}

package org.rapport.app.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.security.StaffUser;
import org.rapport.app.window.WindowAccess;
import org.rapport.app.web.ApiController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

@ApiController
@Tag(name = "Reports")
class ReportApi {
    private final WindowAccess windowAccess;
    private final TrustMaps trustMaps;
    private final RelationshipViews relationships;
    private final TeacherReports teacherReports;

    private final SelfViews selfViews;

    private final NetworkReports networkReports;
    private final Summaries summaries;

    ReportApi(WindowAccess windowAccess, TrustMaps trustMaps, RelationshipViews relationships, TeacherReports teacherReports,
              SelfViews selfViews, NetworkReports networkReports, Summaries summaries) {
        this.networkReports = networkReports;
        this.summaries = summaries;
        this.selfViews = selfViews;
        this.windowAccess = windowAccess;
        this.trustMaps = trustMaps;
        this.relationships = relationships;
        this.teacherReports = teacherReports;
    }

    @Operation(summary = "The school's trust map for a window",
            description = "Each relationship's measure in Rapport points with its 90% interval, n and response rate; groups the privacy engine holds back carry no numbers.")
    @GetMapping("/api/v1/windows/{windowId}/report")
    Views.TrustMap school(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Locale locale) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        return trustMaps.trustMap(scope.window(), scope.school(), locale);
    }

    /** The network's report and its summary. */
    public record NetworkReport(Summaries.Summary summary, Views.NetworkView report) {
    }

    @Operation(summary = "The network's report for a window name (network admins)",
            description = "Every school's window of that name together (the newest when none is named): the summary (strengths and priorities "
                    + "against the reference window's average, changes since the network's previous window with the interval of the difference, "
                    + "who answered, goals due), each relationship and part with its interval, how many schools stand clearly above the network, "
                    + "in line or clearly below (counts, no names), the schools' spread as quantiles, and the network over its windows.")
    @GetMapping("/api/v1/network/report")
    NetworkReport network(@AuthenticationPrincipal StaffUser user, @org.springframework.web.bind.annotation.RequestParam(required = false) String window,
                          Locale locale) {
        long networkId = NetworkReports.network(user);
        NetworkReports.Rounds rounds = networkReports.rounds(networkId, window);
        return new NetworkReport(rounds.shown() == null ? null : summaries.network(networkId, rounds, locale),
                networkReports.view(networkId, rounds, locale));
    }

    @Operation(summary = "One relationship's facets", description = "The school beside the network; the spread of unnamed classes, teachers, teams and schools as quantiles (no group of them, no size); trends.")
    @GetMapping("/api/v1/windows/{windowId}/relationships/{relationship}")
    Views.RelationshipView relationship(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                                               @PathVariable String relationship, Locale locale) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        return relationships.relationship(scope.window(), scope.school(), ReportController.relationship(relationship), locale);
    }

    @Operation(summary = "A teacher's own pupils' feedback",
            description = "The teacher, or their school's leaders once the teacher shares it. Every view is logged for the teacher.")
    @GetMapping("/api/v1/windows/{windowId}/teachers/{teacherId}/report")
    Views.TeacherView teacher(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable long teacherId,
                                     Locale locale) {
        return teacherReports.read(user, windowId, teacherId, TeacherReports.Channel.API, locale).view();
    }

    /**
     * {@code relationship}: the one these answers are about; {@code offered}: those I may give a view of; {@code lock}: why it can no
     * longer be changed (NONE while {@code open}; SEEN once I have read my results of the window; CLOSED once the window has).
     */
    public record SelfView(String relationship, List<String> offered, boolean open, String lock, Map<String, Integer> answers) {
    }

    @Operation(summary = "My own view of a window",
            description = "relationship (default: the first offered, PUPIL_TEACHER for a teacher): a teacher answers the pupil questions about "
                    + "them as they think their pupils will, until a view of their report first shows them a result of theirs in this window; a leader may also answer any other relationship's questions as "
                    + "they think the school's respondents will (TEACHER_LEADERS: how staff see the leaders), and PUPIL_TEACHER only where the roster "
                    + "says they teach a class. A leader's view of the school only while the window is open; a teacher's also after it has closed, "
                    + "until there are results of theirs to compare it with (lock NONE while open, SEEN or CLOSED once fixed). "
                    + "Private to me.")
    @GetMapping("/api/v1/windows/{windowId}/self")
    SelfView selfView(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                      @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String relationship, Locale locale) {
        SelfViews.Form form = selfViews.form(user, windowId, relationship, locale);
        Map<String, Integer> answers = new java.util.TreeMap<>();
        form.questions().stream().filter(q -> q.answer() != null).forEach(q -> answers.put(q.item(), q.answer()));
        return new SelfView(form.relationship().name(), form.offered().stream().map(Enum::name).toList(), form.open(), form.lock().name(), answers);
    }

    public record SelfAnswers(Map<String, Integer> answers) {
    }

    @Operation(summary = "Give my own view (item id → 0–4; null clears one)",
            description = "409 once a view of my report has shown me a result of mine in this window, or the window has closed (for my view of "
                    + "my pupils': closed with results of mine to compare it with).")
    @PutMapping("/api/v1/windows/{windowId}/self")
    SelfView saveSelfView(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                          @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String relationship,
                          @RequestBody SelfAnswers body, Locale locale) {
        selfViews.save(user, windowId, relationship, body.answers());
        return selfView(user, windowId, relationship, locale);
    }

    @Operation(summary = "The leadership team's views beside the school's results (the school's leaders)",
            description = "Per relationship and part, the mean of the own views the school's leaders gave and how many gave one, beside the "
                    + "school's result: only once the window is closed, and only where at least three leaders gave a view.")
    @GetMapping("/api/v1/windows/{windowId}/self/leadership-team")
    SelfViews.LeadershipTeam leadershipTeam(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Locale locale) {
        return selfViews.leadershipTeam(user, windowAccess.view(user, windowId).window(), locale);
    }

    @Operation(summary = "My own views of the school's relationships beside the school's results (leaders; private)")
    @GetMapping("/api/v1/windows/{windowId}/self/beside-school")
    Map<org.rapport.app.itembank.Relationship, List<SelfViews.Gap>> besideSchool(@AuthenticationPrincipal StaffUser user,
                                                                                  @PathVariable long windowId, Locale locale) {
        return selfViews.schoolGaps(user, windowAccess.view(user, windowId).window(), locale);
    }

    @Operation(summary = "My own view beside my pupils', part by part (teachers; private)",
            description = "Points on the anchored scale: my own view with its interval, my pupils' with theirs (null where not shown).")
    @GetMapping("/api/v1/windows/{windowId}/self/beside-pupils")
    List<SelfViews.Gap> besidePupils(@AuthenticationPrincipal StaffUser user,
                                     @PathVariable long windowId, Locale locale) {
        return selfViews.gaps(user, windowAccess.view(user, windowId).window(), locale);
    }
}

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

    ReportApi(WindowAccess windowAccess, TrustMaps trustMaps, RelationshipViews relationships, TeacherReports teacherReports,
              SelfViews selfViews) {
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

    public record SelfView(boolean open, Map<String, Integer> answers) {
    }

    @Operation(summary = "My own view of a window",
            description = "relationship (default PUPIL_TEACHER): a teacher answers the pupil questions about them as they think their pupils "
                    + "will, until they first open this window's results; a leader may also answer any other relationship's questions as "
                    + "they think the school's respondents will (TEACHER_LEADERS: how staff see the leaders). Only while the window is open. "
                    + "Private to me.")
    @GetMapping("/api/v1/windows/{windowId}/self")
    SelfView selfView(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                      @org.springframework.web.bind.annotation.RequestParam(defaultValue = "PUPIL_TEACHER") String relationship, Locale locale) {
        SelfViews.Form form = selfViews.form(user, windowId, relationship, locale);
        Map<String, Integer> answers = new java.util.TreeMap<>();
        form.questions().stream().filter(q -> q.answer() != null).forEach(q -> answers.put(q.item(), q.answer()));
        return new SelfView(form.open(), answers);
    }

    public record SelfAnswers(Map<String, Integer> answers) {
    }

    @Operation(summary = "Give my own view (item id → 0–4; null clears one)",
            description = "409 once I have opened this window's results or the window has closed.")
    @PutMapping("/api/v1/windows/{windowId}/self")
    SelfView saveSelfView(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                          @org.springframework.web.bind.annotation.RequestParam(defaultValue = "PUPIL_TEACHER") String relationship,
                          @RequestBody SelfAnswers body, Locale locale) {
        selfViews.save(user, windowId, relationship, body.answers());
        return selfView(user, windowId, relationship, locale);
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

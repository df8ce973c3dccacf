package org.rapport.app.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import org.rapport.app.security.StaffUser;
import org.rapport.app.window.WindowAccess;
import org.rapport.app.web.ApiController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@ApiController
@Tag(name = "Reports")
class ReportApi {
    private final WindowAccess windowAccess;
    private final TrustMaps trustMaps;
    private final RelationshipViews relationships;
    private final TeacherReports teacherReports;

    ReportApi(WindowAccess windowAccess, TrustMaps trustMaps, RelationshipViews relationships, TeacherReports teacherReports) {
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
}

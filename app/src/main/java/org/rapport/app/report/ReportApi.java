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
public class ReportApi {
    private final WindowAccess windowAccess;
    private final ReportService reports;

    public ReportApi(WindowAccess windowAccess, ReportService reports) {
        this.windowAccess = windowAccess;
        this.reports = reports;
    }

    @Operation(summary = "School results of a window", description = "Cells below the privacy threshold carry no counts.")
    @GetMapping("/api/v1/windows/{windowId}/report")
    public Report school(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Locale locale) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        return reports.school(scope.window(), scope.school(), locale);
    }

    @Operation(summary = "A teacher's own pupils' feedback", description = "Only the teacher themselves may read it.")
    @GetMapping("/api/v1/windows/{windowId}/teachers/{teacherId}/report")
    public Report teacher(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable long teacherId,
                          Locale locale) {
        WindowAccess.Scope scope = windowAccess.teacher(user, windowId, teacherId);
        return reports.teacher(scope.window(), scope.school(), scope.teacher(), locale);
    }
}

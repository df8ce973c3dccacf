package org.rapport.app.report;

import java.util.Locale;
import org.rapport.app.security.StaffUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@Controller
public class ReportController {
    private final ReportAccess reportAccess;
    private final ReportService reports;

    public ReportController(ReportAccess reportAccess, ReportService reports) {
        this.reportAccess = reportAccess;
        this.reports = reports;
    }

    @GetMapping("/staff/windows/{windowId}/report")
    String school(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model, Locale locale) {
        ReportAccess.Scope scope = reportAccess.school(user, windowId);
        model.addAttribute("report", reports.school(scope.window(), scope.school(), locale));
        model.addAttribute("window", scope.window());
        return "staff/report";
    }

    @GetMapping("/staff/windows/{windowId}/teachers/{teacherId}/report")
    String teacher(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable long teacherId,
                   Model model, Locale locale) {
        ReportAccess.Scope scope = reportAccess.teacher(user, windowId, teacherId);
        model.addAttribute("report", reports.teacher(scope.window(), scope.school(), scope.teacher(), locale));
        model.addAttribute("window", scope.window());
        return "staff/report";
    }
}

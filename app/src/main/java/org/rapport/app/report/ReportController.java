package org.rapport.app.report;

import java.util.Locale;
import org.rapport.app.security.StaffUser;
import org.rapport.app.window.WindowAccess;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@Controller
public class ReportController {
    private final WindowAccess windowAccess;
    private final ReportService reports;

    public ReportController(WindowAccess windowAccess, ReportService reports) {
        this.windowAccess = windowAccess;
        this.reports = reports;
    }

    @GetMapping("/staff/windows/{windowId}/report")
    String school(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model, Locale locale) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        model.addAttribute("report", reports.school(scope.window(), scope.school(), locale));
        model.addAttribute("window", scope.window());
        return "staff/report";
    }

    @GetMapping("/staff/windows/{windowId}/teachers/{teacherId}/report")
    String teacher(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable long teacherId,
                   Model model, Locale locale) {
        WindowAccess.Scope scope = windowAccess.teacher(user, windowId, teacherId);
        model.addAttribute("report", reports.teacher(scope.window(), scope.school(), scope.teacher(), locale));
        model.addAttribute("window", scope.window());
        return "staff/report";
    }
}

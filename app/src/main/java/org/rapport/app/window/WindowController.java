package org.rapport.app.window;

import java.util.List;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A window's page: its status, opening and closing, the forms that print codes, and response rates. */
@Controller
class WindowController {
    private final WindowService windows;
    private final ResponseCounts responses;
    private final Schools schools;
    private final SchoolAccess access;
    private final WindowAccess windowAccess;
    private final org.rapport.app.mail.Mailer mailer;

    WindowController(WindowService windows, ResponseCounts responses, Schools schools, SchoolAccess access, WindowAccess windowAccess,
                     org.rapport.app.mail.Mailer mailer) {
        this.mailer = mailer;
        this.windows = windows;
        this.responses = responses;
        this.schools = schools;
        this.access = access;
        this.windowAccess = windowAccess;
    }

    @PostMapping("/staff/schools/{schoolId}/windows")
    String create(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @RequestParam(defaultValue = "") String name) {
        School school = access.manage(user, schoolId);
        SurveyWindow window = windows.create(school, name);
        return "redirect:/staff/windows/" + window.id();
    }

    @GetMapping("/staff/windows/{windowId}")
    String show(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        SurveyWindow window = scope.window();
        School school = scope.school();
        model.addAttribute("window", window);
        model.addAttribute("school", school);
        model.addAttribute("canManage", user.isNetworkAdmin() || user.isSchoolAdmin());
        List<ResponseCounts.RateRow> rates = responses.rates(window);
        model.addAttribute("rates", rates);
        model.addAttribute("totals", ResponseCounts.RateRow.totals(rates));
        model.addAttribute("classes", schools.classes(school.id()));
        model.addAttribute("roles", RespondentRole.values());
        model.addAttribute("mails", mailer.configured());
        model.addAttribute("staffRoles", List.of(RespondentRole.TEACHER.name(), RespondentRole.LEADER.name()));
        model.addAttribute("user", user);
        model.addAttribute("blockers", window.status() == SurveyWindow.Status.DRAFT ? windows.blockers(school) : List.of());
        return "staff/window";
    }

    @PostMapping("/staff/windows/{windowId}/open")
    String open(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model,
                jakarta.servlet.http.HttpServletResponse response) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        SurveyWindow window = scope.window();
        if (window.status() == SurveyWindow.Status.DRAFT && !windows.blockers(scope.school()).isEmpty()) {
            // the page says what must be done first, with a link to it
            response.setStatus(409);
            model.addAttribute("openRefused", true);
            return show(user, windowId, model);
        }
        windows.open(window);
        return "redirect:/staff/windows/" + windowId;
    }

    @PostMapping("/staff/windows/{windowId}/close")
    String close(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        windows.close(windowAccess.manage(user, windowId).window());
        return "redirect:/staff/windows/" + windowId;
    }
}

package org.rapport.app.window;

import java.util.List;
import java.util.Locale;
import org.rapport.app.access.CodeService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolRepository;
import org.rapport.app.security.Access;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class WindowController {
    private final WindowService windows;
    private final CodeService codes;
    private final ResponseRates reports;
    private final SchoolRepository schools;
    private final Access access;
    private final WindowAccess windowAccess;

    public WindowController(WindowService windows, CodeService codes, ResponseRates reports, SchoolRepository schools,
                            Access access, WindowAccess windowAccess) {
        this.windows = windows;
        this.codes = codes;
        this.reports = reports;
        this.schools = schools;
        this.access = access;
        this.windowAccess = windowAccess;
    }

    @PostMapping("/staff/schools/{schoolId}/windows")
    String create(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @RequestParam(defaultValue = "") String name) {
        School school = access.manageSchool(user, schoolId);
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
        List<ResponseRates.RateRow> rates = reports.responseRates(window);
        model.addAttribute("rates", rates);
        model.addAttribute("totals", reports.responseTotals(rates));
        model.addAttribute("classes", schools.classes(school.id()));
        model.addAttribute("roles", RespondentRole.values());
        model.addAttribute("user", user);
        return "staff/window";
    }

    @PostMapping("/staff/windows/{windowId}/open")
    String open(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        windows.open(windowAccess.manage(user, windowId).window());
        return "redirect:/staff/windows/" + windowId;
    }

    @PostMapping("/staff/windows/{windowId}/close")
    String close(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        windows.close(windowAccess.manage(user, windowId).window());
        return "redirect:/staff/windows/" + windowId;
    }

    @PostMapping("/staff/windows/{windowId}/codes")
    String generate(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String role,
                    @RequestParam(name = "classes", required = false) List<Long> classIds, Model model, Locale locale) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        SurveyWindow window = scope.window();
        School school = scope.school();
        RespondentRole respondent;
        try {
            respondent = RespondentRole.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "choose pupil, parent, teacher or leader codes");
        }
        model.addAttribute("batch", codes.generate(window, respondent, classIds));
        model.addAttribute("school", school);
        model.addAttribute("window", window);
        model.addAttribute("surveyUrl", org.springframework.web.servlet.support.ServletUriComponentsBuilder
                .fromCurrentContextPath().build().toUriString());
        return "staff/codes";
    }
}

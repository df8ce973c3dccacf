package org.rapport.app.window;

import java.util.List;
import java.util.Locale;
import org.rapport.app.access.CodeService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.report.ReportService;
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
    private final ReportService reports;
    private final SchoolRepository schools;
    private final Access access;

    public WindowController(WindowService windows, CodeService codes, ReportService reports, SchoolRepository schools,
                            Access access) {
        this.windows = windows;
        this.codes = codes;
        this.reports = reports;
        this.schools = schools;
        this.access = access;
    }

    @PostMapping("/staff/schools/{schoolId}/windows")
    String create(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @RequestParam(defaultValue = "") String name) {
        School school = access.manageSchool(user, schoolId);
        SurveyWindow window = windows.create(school, name);
        return "redirect:/staff/windows/" + window.id();
    }

    @GetMapping("/staff/windows/{windowId}")
    String show(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model) {
        SurveyWindow window = windows.get(windowId);
        School school = access.viewSchool(user, window.schoolId());
        model.addAttribute("window", window);
        model.addAttribute("school", school);
        model.addAttribute("canManage", user.isNetworkAdmin() || user.isSchoolAdmin());
        List<ReportService.RateRow> rates = reports.responseRates(window);
        model.addAttribute("rates", rates);
        model.addAttribute("totals", reports.responseTotals(rates));
        model.addAttribute("classes", schools.classes(school.id()));
        model.addAttribute("roles", RespondentRole.values());
        model.addAttribute("user", user);
        return "staff/window";
    }

    @PostMapping("/staff/windows/{windowId}/open")
    String open(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        SurveyWindow window = windows.get(windowId);
        access.manageSchool(user, window.schoolId());
        windows.open(window);
        return "redirect:/staff/windows/" + windowId;
    }

    @PostMapping("/staff/windows/{windowId}/close")
    String close(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        SurveyWindow window = windows.get(windowId);
        access.manageSchool(user, window.schoolId());
        windows.close(window);
        return "redirect:/staff/windows/" + windowId;
    }

    @PostMapping("/staff/windows/{windowId}/codes")
    String generate(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String role,
                    @RequestParam(name = "classes", required = false) List<Long> classIds, Model model, Locale locale) {
        SurveyWindow window = windows.get(windowId);
        School school = access.manageSchool(user, window.schoolId());
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

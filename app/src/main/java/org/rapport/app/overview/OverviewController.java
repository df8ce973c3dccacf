package org.rapport.app.overview;

import java.util.ArrayList;
import java.util.List;
import org.rapport.app.calibration.DriftCheck;
import org.rapport.app.safeguarding.Safeguarding;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Text;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The staff overview: the schools a member of staff may see, each with its survey windows; the calibration notice for network admins. */
@Controller
class OverviewController {
    private final Schools schools;
    private final Windows windows;
    private final SchoolAccess access;
    private final DriftCheck driftCheck;
    private final Safeguarding safeguarding;

    private final WindowService windowService;
    private final MessageSource messages;

    OverviewController(Schools schools, Windows windows, SchoolAccess access, DriftCheck driftCheck, Safeguarding safeguarding,
                       WindowService windowService, MessageSource messages) {
        this.windowService = windowService;
        this.messages = messages;
        this.safeguarding = safeguarding;
        this.schools = schools;
        this.windows = windows;
        this.access = access;
        this.driftCheck = driftCheck;
    }

    public record SchoolCard(School school, List<SurveyWindow> windows) {
    }

    @GetMapping("/staff")
    String overview(@AuthenticationPrincipal StaffUser user, Model model) {
        List<School> visible = user.isNetworkAdmin() ? schools.inNetwork(user.networkId())
                : List.of(access.view(user, user.schoolId()));
        List<SchoolCard> cards = new ArrayList<>();
        for (School s : visible) {
            cards.add(new SchoolCard(s, windows.forSchool(s.id())));
        }
        model.addAttribute("cards", cards);
        model.addAttribute("user", user);
        model.addAttribute("safeguardingLead", safeguarding.isLead(user));
        model.addAttribute("concernsWaiting", safeguarding.waiting(user));
        model.addAttribute("safeguardingStates", safeguardingStates(user, visible));
        if (user.isNetworkAdmin()) {
            model.addAttribute("calibration", driftCheck.summary(user.networkId()).orElse(null));
        }
        return "staff/overview";
    }

    /**
     * A new draft window of the school, then its page; a name refused (one the school has already, an invisible character)
     * shows the school's page again with the reason at the form and the name as typed.
     */
    @PostMapping("/staff/schools/{schoolId}/windows")
    String createWindow(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @RequestParam(defaultValue = "") String name,
                        Model model, HttpServletResponse response, Locale locale) {
        School school = access.manage(user, schoolId);
        try {
            return "redirect:/staff/windows/" + windowService.create(school, name).id();
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("windowError", Text.of(e, messages, locale));
            model.addAttribute("typedWindow", name);
            return school(user, schoolId, model);
        }
    }

    @GetMapping("/staff/schools/{schoolId}")
    String school(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, Model model) {
        School school = access.view(user, schoolId);
        model.addAttribute("cards", List.of(new SchoolCard(school, windows.forSchool(school.id()))));
        model.addAttribute("user", user);
        model.addAttribute("safeguardingLead", safeguarding.isLead(user));
        model.addAttribute("concernsWaiting", safeguarding.waiting(user));
        model.addAttribute("safeguardingStates", safeguardingStates(user, List.of(school)));
        return "staff/overview";
    }

    /** For those who manage the schools: each school's lead and how many concerns wait (counts only). */
    private java.util.Map<Long, Safeguarding.SchoolState> safeguardingStates(StaffUser user, List<School> shown) {
        if (!(user.isNetworkAdmin() || user.isSchoolAdmin())) {
            return java.util.Map.of();
        }
        return safeguarding.states(user, shown.stream().map(School::id).toList());
    }
}

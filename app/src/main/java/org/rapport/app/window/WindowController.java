package org.rapport.app.window;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.mail.Mailer;
import org.rapport.app.school.School;
import org.rapport.app.security.StaffUser;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A window's page: its status, opening, closing (after a confirmation with the response rates) and
 * reopening, the forms that print codes, response rates, and once closed what comes next.
 */
@Controller
class WindowController {
    private final int minCellSize;
    private final WindowService windows;
    private final ResponseCounts responses;
    private final org.rapport.app.school.Schools schools;
    private final WindowAccess windowAccess;
    private final Mailer mailer;
    private final AfterClosing afterClosing;
    private final Clock clock;
    private final int purgeGraceDays;
    private final MessageSource messages;

    WindowController(WindowService windows, ResponseCounts responses, org.rapport.app.school.Schools schools,
                     WindowAccess windowAccess, Mailer mailer, AfterClosing afterClosing, Clock clock, RapportProperties properties,
                     MessageSource messages) {
        this.messages = messages;
        this.mailer = mailer;
        this.windows = windows;
        this.responses = responses;
        this.schools = schools;
        this.windowAccess = windowAccess;
        this.afterClosing = afterClosing;
        this.clock = clock;
        this.purgeGraceDays = properties.purgeGraceDays();
        this.minCellSize = properties.minCellSize();
    }

    @GetMapping("/staff/windows/{windowId}")
    String show(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model, Locale locale) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        SurveyWindow window = scope.window();
        School school = scope.school();
        boolean canManage = user.isNetworkAdmin() || user.isSchoolAdmin();
        model.addAttribute("window", window);
        model.addAttribute("school", school);
        model.addAttribute("canManage", canManage);
        List<ResponseCounts.RateRow> rates = responses.rates(window);
        model.addAttribute("rates", rates);
        model.addAttribute("minCellSize", minCellSize);
        model.addAttribute("totals", ResponseCounts.RateRow.totals(rates));
        // a timetable's pupil and family codes are its home groups': its teaching sets have none to replace
        java.util.Set<Long> homes = new java.util.HashSet<>();
        schools.patterns(school.id()).forEach(p -> homes.add(p.homeClassId()));
        model.addAttribute("classes", schools.classes(school.id()).stream().filter(c -> homes.isEmpty() || homes.contains(c.id())).toList());
        model.addAttribute("roles", RespondentRole.values());
        model.addAttribute("mails", mailer.configured());
        model.addAttribute("staffRoles", List.of(RespondentRole.TEACHER.name(), RespondentRole.LEADER.name()));
        model.addAttribute("user", user);
        model.addAttribute("blockers", window.status() == SurveyWindow.Status.DRAFT ? windows.blockers(school) : List.of());
        if (window.isClosed()) {
            model.addAttribute("next", afterClosing.of(window, school.networkId(),
                    ResponseCounts.RateRow.totals(rates).stream().mapToInt(ResponseCounts.RateRow::used).sum(), minCellSize));
            if (canManage) {
                WindowService.Reopening reopening = windows.reopening(window);
                model.addAttribute("reopening", reopening);
                model.addAttribute("reopeningText", reopening.text(locale).in(messages, locale));
                model.addAttribute("purgeGraceDays", purgeGraceDays);
            }
        }
        return "staff/window";
    }

    @PostMapping("/staff/windows/{windowId}/open")
    String open(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model,
                jakarta.servlet.http.HttpServletResponse response, java.util.Locale locale) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        SurveyWindow window = scope.window();
        if (window.status() == SurveyWindow.Status.DRAFT && !windows.blockers(scope.school()).isEmpty()) {
            // the page says what must be done first, with a link to it
            response.setStatus(409);
            model.addAttribute("openRefused", true);
            return show(user, windowId, model, locale);
        }
        windows.open(window);
        return "redirect:/staff/windows/" + windowId;
    }

    /** Before closing: who has answered, what closing deletes, until when it could be reopened. */
    @GetMapping("/staff/windows/{windowId}/close")
    String confirmClose(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        if (!scope.window().isOpen()) {
            return "redirect:/staff/windows/" + windowId;
        }
        model.addAttribute("window", scope.window());
        model.addAttribute("school", scope.school());
        model.addAttribute("preview", ClosePreview.of(responses.rates(scope.window()), purgeGraceDays, clock.instant(), windows.reopenPeriod()));
        model.addAttribute("zone", ZoneId.systemDefault());
        model.addAttribute("user", user);
        return "staff/window-close";
    }

    /** Closes only with {@code confirm=true}, which the confirmation page sends; without it, that page. */
    @PostMapping("/staff/windows/{windowId}/close")
    String close(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "false") String confirm) {
        SurveyWindow window = windowAccess.manage(user, windowId).window();
        if (!"true".equals(confirm)) {
            return "redirect:/staff/windows/" + windowId + "/close";
        }
        windows.close(window);
        return "redirect:/staff/windows/" + windowId;
    }

    @PostMapping("/staff/windows/{windowId}/reopen")
    String reopen(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        windows.reopen(windowAccess.manage(user, windowId).window());
        return "redirect:/staff/windows/" + windowId + "?reopened";
    }
}

package org.rapport.app.calibration;

import java.util.Locale;
import org.rapport.app.security.StaffUser;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The network admin's calibration page: what the scales are anchored on, re-calibration, and item drift. */
@Controller
class CalibrationController {
    private final CalibrationViews views;
    private final MessageSource messages;

    CalibrationController(CalibrationViews views, MessageSource messages) {
        this.views = views;
        this.messages = messages;
    }

    static long networkOf(StaffUser user) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("calibration is the network admin's");
        }
        return user.networkId();
    }

    @GetMapping("/staff/calibration")
    String show(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String drift, Model model, Locale locale) {
        long network = networkOf(user);
        CalibrationViews.Overview overview = views.overview(network, locale);
        model.addAttribute("calibration", overview);
        if (!overview.checkableWindows().isEmpty()) {
            String wave = overview.checkableWindows().contains(drift) ? drift : overview.defaultDriftWindow();
            if (drift != null && !drift.equals(wave)) {
                model.addAttribute("driftProblem", messages.getMessage("calibration.drift.unknown", new Object[] {drift}, locale));
            }
            CalibrationViews.Drift d = views.drift(network, wave, locale);
            model.addAttribute("drift", d);
            model.addAttribute("drifted", d.items().stream().filter(CalibrationViews.DriftRow::flagged).toList());
            model.addAttribute("stable", d.items().stream().filter(r -> !r.flagged()).toList());
        }
        views.dif(network, locale).ifPresent(d -> model.addAttribute("dif", d));
        model.addAttribute("tolerance", CalibrationService.DRIFT_TOLERANCE);
        model.addAttribute("shownFrom", org.rapport.measure.GroupReliability.SHOWN_FROM);
        return "staff/calibration";
    }

    @PostMapping("/staff/calibration")
    String calibrate(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String window,
                     RedirectAttributes redirect) {
        views.calibrate(networkOf(user), window);
        redirect.addFlashAttribute("calibrated", window.strip());
        return "redirect:/staff/calibration";
    }
}

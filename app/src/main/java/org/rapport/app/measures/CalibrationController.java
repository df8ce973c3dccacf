package org.rapport.app.measures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
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
public class CalibrationController {
    private final CalibrationService calibrations;
    private final CalibrationStore store;
    private final DriftCheck driftCheck;
    private final Answers answers;
    private final ItemBank bank;
    private final MessageSource messages;

    public CalibrationController(CalibrationService calibrations, CalibrationStore store, DriftCheck driftCheck, Answers answers,
                                 ItemBank bank, MessageSource messages) {
        this.calibrations = calibrations;
        this.store = store;
        this.driftCheck = driftCheck;
        this.answers = answers;
        this.bank = bank;
        this.messages = messages;
    }

    public record ScaleRow(String label, boolean facet, String status, boolean calibrated, int rows, String reliability) {
    }

    public record DriftRow(String item, String scale, double reference, double now, double difference, double standardError,
                           boolean flagged) {
    }

    static StaffUser networkAdmin(StaffUser user) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("calibration is the network admin's");
        }
        return user;
    }

    @GetMapping("/staff/calibration")
    String show(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String drift, Model model, Locale locale) {
        long network = networkAdmin(user).networkId();
        Calibrated active = store.active(network).orElse(null);
        model.addAttribute("history", store.history(network));
        model.addAttribute("active", active);
        model.addAttribute("closedWaves", answers.waveNames(network).stream().filter(Answers.WaveName::closed)
                .map(Answers.WaveName::name).toList());
        if (active != null) {
            model.addAttribute("scales", scaleRows(active, locale));
            List<String> checkable = driftCheck.checkable(network, active);
            String wave = drift != null && checkable.contains(drift) ? drift : checkable.isEmpty() ? null : checkable.get(0);
            model.addAttribute("driftWaves", checkable);
            model.addAttribute("driftWave", wave);
            if (drift != null && !checkable.contains(drift)) {
                model.addAttribute("driftProblem", msg(locale, "calibration.drift.unknown", drift));
            }
            if (wave != null) {
                List<DriftRow> rows = driftCheck.drift(network, active, wave).stream()
                        .map(d -> new DriftRow(msg(locale, "item." + d.item(), msg(locale, "calibration.someTeacher")), scaleLabel(Scale.of(d.scale()), locale),
                                d.reference(), d.now(), d.difference(), d.standardError(), d.flagged()))
                        .toList();
                model.addAttribute("drift", rows);
                model.addAttribute("drifted", rows.stream().filter(DriftRow::flagged).toList());
                model.addAttribute("stable", rows.stream().filter(r -> !r.flagged()).toList());
                model.addAttribute("flagged", rows.stream().filter(DriftRow::flagged).count());
            }
        }
        model.addAttribute("tolerance", CalibrationService.DRIFT_TOLERANCE);
        return "staff/calibration";
    }

    @PostMapping("/staff/calibration")
    String calibrate(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String window,
                     RedirectAttributes redirect) {
        long network = networkAdmin(user).networkId();
        String name = window.strip();
        if (answers.waveNames(network).stream().noneMatch(w -> w.closed() && w.name().equals(name))) {
            throw new InvalidInputException("window", "there is no closed window called \"" + name
                    + "\" in this network: calibrate on a window once it has closed");
        }
        calibrations.calibrate(network, name);
        redirect.addFlashAttribute("calibrated", name);
        return "redirect:/staff/calibration";
    }

    private List<ScaleRow> scaleRows(Calibrated c, Locale locale) {
        List<ScaleRow> rows = new ArrayList<>();
        for (Scale scale : Scale.all(bank)) {
            ScaleFit f = c.scales().get(scale.key());
            if (f == null) {
                continue;
            }
            String status = !f.calibrated() ? msg(locale, "calibration.status.failed", f.problem())
                    : f.problem() != null ? msg(locale, "calibration.status.within")
                    : msg(locale, "calibration.status.calibrated");
            String label = scale.isRelationship() ? scaleLabel(scale, locale) : msg(locale, ItemBank.facetKey(scale.facet()));
            rows.add(new ScaleRow(label, !scale.isRelationship(), status, f.calibrated(), f.persons(),
                    f.calibrated() ? String.format(locale, "%.2f", f.reliability()) : "–"));
        }
        return rows;
    }

    private String scaleLabel(Scale scale, Locale locale) {
        String relationship = msg(locale, "relationship." + scale.relationship().name());
        return scale.isRelationship() ? relationship : relationship + ": " + msg(locale, ItemBank.facetKey(scale.facet()));
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}

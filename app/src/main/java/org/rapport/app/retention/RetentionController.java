package org.rapport.app.retention;

import org.rapport.app.school.SchoolSettings;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Deleting a window's raw answers from its page; the deletion log and the network's retention period. */
@Controller
class RetentionController {
    private final Retention retention;
    private final SchoolSettings settings;

    RetentionController(Retention retention, SchoolSettings settings) {
        this.retention = retention;
        this.settings = settings;
    }

    /**
     * Before deleting a window's raw answers: how many responses go, what stays (the round's results, kept first), and what
     * the network's research export then no longer contains. Nothing is deleted here; the page's tick box and button do it.
     */
    @GetMapping("/staff/windows/{windowId}/raw/delete")
    String confirmDelete(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model) {
        Retention.RawPreview preview = retention.preview(user, windowId);
        if (preview.deleted()) {
            return "redirect:/staff/windows/" + windowId;
        }
        model.addAttribute("preview", preview);
        return "staff/raw-delete";
    }

    /** Deletes only with the box ticked; without it the confirmation again, saying so (400), and nothing is deleted. */
    @PostMapping("/staff/windows/{windowId}/raw/delete")
    String deleteRaw(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                     @RequestParam(defaultValue = "false") boolean confirm, Model model, jakarta.servlet.http.HttpServletResponse response) {
        retention.requireManage(user, windowId);
        if (!confirm) {
            Retention.RawPreview preview = retention.preview(user, windowId);
            if (preview.deleted()) {
                return "redirect:/staff/windows/" + windowId;
            }
            response.setStatus(400);
            model.addAttribute("preview", preview);
            model.addAttribute("unconfirmed", true);
            return "staff/raw-delete";
        }
        retention.deleteRaw(user, windowId);
        return "redirect:/staff/windows/" + windowId;
    }

    @GetMapping("/staff/retention")
    String page(@AuthenticationPrincipal StaffUser user, Model model) {
        fill(user, model);
        return "staff/retention";
    }

    @PostMapping("/staff/retention")
    String setPeriod(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String retentionDays, Model model,
                     jakarta.servlet.http.HttpServletResponse response) {
        settings.mayChangeRetention(user);
        try {
            // the form always sends the field (empty: keep); a request without it must not switch deletion off
            if (retentionDays == null) {
                throw new InvalidInputException("retentionDays", "give a whole number of days, or leave it empty to keep raw answers");
            }
            Integer days = retentionDays.isBlank() ? null : parse(retentionDays);
            settings.setRetentionDays(user, days);
            model.addAttribute("saved", true);
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("errors", e.errors());
        }
        fill(user, model);
        return "staff/retention";
    }

    private static Integer parse(String days) {
        try {
            return Integer.valueOf(days.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("retentionDays", "give a whole number of days, or leave it empty to keep raw answers");
        }
    }

    private void fill(StaffUser user, Model model) {
        if (!(user.isNetworkAdmin() || user.isSchoolAdmin())) {
            throw new AccessDeniedException("admins only");
        }
        model.addAttribute("user", user);
        model.addAttribute("deletions", retention.deletions(user));
        model.addAttribute("retentionDays", settings.retentionDays(user.networkId()).orElse(null));
        model.addAttribute("minDays", SchoolSettings.MIN_RETENTION_DAYS);
        model.addAttribute("maxDays", SchoolSettings.MAX_RETENTION_DAYS);
    }
}

package org.rapport.app.yousaid;

import java.util.List;
import java.util.Locale;
import org.rapport.app.security.StaffUser;
import org.rapport.app.window.Windows;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The leaders' page to publish "you said, we did" for a window, and the school's public page anyone may read. */
@Controller
class YouSaidController {
    private final YouSaidWeDid youSaid;
    private final Windows windows;
    private final org.springframework.context.MessageSource messages;

    YouSaidController(YouSaidWeDid youSaid, Windows windows, org.springframework.context.MessageSource messages) {
        this.youSaid = youSaid;
        this.windows = windows;
        this.messages = messages;
    }

    /** What a leader typed in the form that was refused, shown again with the reason. */
    record Typed(List<String> heard, String weWill, String byWhen, String problem) {
    }

    @GetMapping("/staff/windows/{windowId}/you-said")
    String form(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model, Locale locale) {
        model.addAttribute("options", youSaid.options(user, windowId, locale));
        model.addAttribute("window", windows.get(windowId));
        YouSaidWeDid.Current current = youSaid.current(user, windowId).orElse(null);
        model.addAttribute("current", current);
        model.addAttribute("publicKey", current == null ? null : youSaid.keyOfWindow(windowId));
        return "staff/you-said";
    }

    /** Takes the window's page off the public address (kept; put back below). */
    @PostMapping("/staff/windows/{windowId}/you-said/withdraw")
    String withdraw(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        youSaid.withdraw(user, windowId);
        return "redirect:/staff/windows/" + windowId + "/you-said?withdrawn";
    }

    @PostMapping("/staff/windows/{windowId}/you-said/restore")
    String restore(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        youSaid.restore(user, windowId);
        return "redirect:/staff/windows/" + windowId + "/you-said?restored";
    }

    @PostMapping("/staff/windows/{windowId}/you-said")
    String publish(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                   @RequestParam(name = "heard", required = false) List<String> heard, @RequestParam(defaultValue = "") String weWill,
                   @RequestParam(defaultValue = "") String byWhen, Locale locale, Model model,
                   jakarta.servlet.http.HttpServletResponse response) {
        try {
            String key = youSaid.publish(user, windowId, heard, weWill, byWhen, locale);
            return "redirect:/you-said/" + key;
        } catch (org.rapport.app.web.InvalidInputException | org.rapport.app.web.ConflictException e) {
            // the form again, with what was typed and why it was refused (it once went to an error page, the text lost)
            response.setStatus(e instanceof org.rapport.app.web.InvalidInputException i ? i.status() : 409);
            model.addAttribute("typed", new Typed(heard == null ? List.of() : heard, weWill, byWhen,
                    org.rapport.app.web.Text.of(e, messages, locale)));
            return form(user, windowId, model, locale);
        }
    }

    /** Public: no sign-in, no code. */
    @GetMapping("/you-said/{key}")
    String page(@PathVariable String key, Model model, Locale locale) {
        model.addAttribute("published", youSaid.published(key, locale));
        return "you-said";
    }

    @GetMapping("/staff/windows/{windowId}/reply")
    String replyForm(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model) {
        model.addAttribute("reply", youSaid.reply(user, windowId).orElse(""));
        model.addAttribute("window", windows.get(windowId));
        model.addAttribute("maxReply", YouSaidWeDid.MAX_REPLY);
        model.addAttribute("user", user);
        return "staff/reply";
    }

    /** Saves the reply, or shows the form again with the reply as typed and what is wrong with it beside it (400); nothing is saved. */
    @PostMapping("/staff/windows/{windowId}/reply")
    String reply(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String text,
                 Model model, Locale locale, jakarta.servlet.http.HttpServletResponse response) {
        try {
            youSaid.reply(user, windowId, text);
        } catch (org.rapport.app.web.InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("errors", e.errorsIn(messages, locale));
            model.addAttribute("reply", text);
            model.addAttribute("window", windows.get(windowId));
            model.addAttribute("maxReply", YouSaidWeDid.MAX_REPLY);
            model.addAttribute("user", user);
            return "staff/reply";
        }
        return "redirect:/staff/windows/" + windowId + "/reply?saved";
    }
}

package org.rapport.app.access;

import java.util.List;
import java.util.Locale;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.WindowAccess;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The printable sheet of a group's codes, made from the window's page. */
@Controller
class CodeController {
    private final CodeService codes;
    private final WindowAccess windowAccess;
    private final CodeMail mail;

    CodeController(CodeService codes, WindowAccess windowAccess, CodeMail mail) {
        this.codes = codes;
        this.windowAccess = windowAccess;
        this.mail = mail;
    }

    /** Teacher or leader codes, one e-mail each; back to the window page with how many went. */
    @PostMapping("/staff/windows/{windowId}/codes/mail")
    String mail(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String role) {
        windowAccess.manage(user, windowId);
        int sent = mail.mail(user, windowId, role(role), base());
        return "redirect:/staff/windows/" + windowId + "?mailed=" + sent;
    }

    /** A reminder to each teacher (or leader) whose e-mailed code is unused; back to the window page with how many went. */
    @PostMapping("/staff/windows/{windowId}/codes/remind")
    String remind(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String role) {
        windowAccess.manage(user, windowId);
        int sent = mail.remind(user, windowId, role(role), base());
        return "redirect:/staff/windows/" + windowId + "?reminded=" + sent;
    }

    /** Family letters to take home, each with its code and a QR code that opens the survey with the code filled in. */
    @PostMapping("/staff/windows/{windowId}/letters")
    String letters(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                   @RequestParam(name = "classes", required = false) List<Long> classIds, Model model) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        CodeService.Batch batch = codes.generate(scope.window(), RespondentRole.PARENT, classIds);
        String base = base();
        List<Letter> letters = new java.util.ArrayList<>();
        batch.groups().forEach(g -> g.slips().forEach(s -> letters.add(new Letter(g.name(), s.formatted(),
                QrCode.svg(base + "/#code=" + s.formatted(), "QR code of the survey link with code " + s.formatted())))));
        model.addAttribute("letters", letters);
        model.addAttribute("school", scope.school());
        model.addAttribute("window", scope.window());
        model.addAttribute("surveyUrl", base);
        return "staff/letters";
    }

    public record Letter(String group, String code, String qr) {
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    static RespondentRole role(String role) {
        try {
            return RespondentRole.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "choose pupil, parent, teacher or leader codes");
        }
    }

    @PostMapping("/staff/windows/{windowId}/codes")
    String generate(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String role,
                    @RequestParam(name = "classes", required = false) List<Long> classIds, Model model) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        RespondentRole respondent;
        try {
            respondent = RespondentRole.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "choose pupil, parent, teacher or leader codes");
        }
        model.addAttribute("batch", codes.generate(scope.window(), respondent, classIds));
        model.addAttribute("school", scope.school());
        model.addAttribute("window", scope.window());
        model.addAttribute("surveyUrl", ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
        return "staff/codes";
    }
}

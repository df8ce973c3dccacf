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

    CodeController(CodeService codes, WindowAccess windowAccess) {
        this.codes = codes;
        this.windowAccess = windowAccess;
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

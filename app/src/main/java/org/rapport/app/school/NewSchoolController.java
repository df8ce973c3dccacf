package org.rapport.app.school;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A network admin adds a school and its first school admin, who is invited to choose a password. */
@Controller
class NewSchoolController {
    private final Onboarding onboarding;
    private final AccountLinks links;

    NewSchoolController(Onboarding onboarding, AccountLinks links) {
        this.onboarding = onboarding;
        this.links = links;
    }

    @GetMapping("/staff/schools/new")
    String form(@AuthenticationPrincipal StaffUser user) {
        requireNetworkAdmin(user);
        return "staff/school-new";
    }

    @PostMapping("/staff/schools/new")
    String add(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String name,
               @RequestParam(defaultValue = "") String adminName, @RequestParam(defaultValue = "") String adminEmail, Model model,
               HttpServletResponse response) {
        requireNetworkAdmin(user);
        try {
            Onboarding.NewSchool added = onboarding.addSchool(user.networkId(), name, new Onboarding.NewAccount(adminName, adminEmail));
            model.addAttribute("added", added);
            model.addAttribute("invitation", links.invite(user, added.admin().id()));
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("errors", e.errors());
            model.addAttribute("typedName", name);
            model.addAttribute("typedAdminName", adminName);
            model.addAttribute("typedAdminEmail", adminEmail);
        }
        return "staff/school-new";
    }

    private static void requireNetworkAdmin(StaffUser user) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("network admins only");
        }
    }
}

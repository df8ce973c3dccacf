package org.rapport.app.school;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signed-out pages: the first-run setup, choosing a password from a link, asking for a reset link. */
@Controller
class AccountController {
    private final AccountLinks links;

    AccountController(AccountLinks links) {
        this.links = links;
    }

    @GetMapping("/setup")
    String setup(@RequestParam(defaultValue = "") String token, Model model) {
        if (!links.validSetup(token)) {
            throw new NotFoundException("this setup link is not valid: it may have been used already");
        }
        model.addAttribute("token", token);
        return "account/setup";
    }

    @PostMapping("/setup")
    String setUp(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String network,
                 @RequestParam(defaultValue = "") String school, @RequestParam(defaultValue = "") String name,
                 @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password, Model model,
                 HttpServletResponse response) {
        try {
            links.setUp(token, new AccountLinks.Setup(network, school, name, email, password));
            return "redirect:/login?setUp";
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("errors", e.errors());
            model.addAttribute("token", token);
            model.addAttribute("typed", new AccountLinks.Setup(network, school, name, email, null));
            return "account/setup";
        }
    }

    @GetMapping("/account/password")
    String password(@RequestParam(defaultValue = "") String token, Model model) {
        StaffMember member = links.passwordLink(token).orElseThrow(() -> new NotFoundException(
                "this link is not valid: it may have expired or been used already. Ask for a new one"));
        model.addAttribute("token", token);
        model.addAttribute("member", member);
        return "account/password";
    }

    @PostMapping("/account/password")
    String choose(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password, Model model,
                  HttpServletResponse response) {
        try {
            links.choosePassword(token, password);
            return "redirect:/login?passwordSet";
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("errors", e.errors());
            return password(token, model);
        }
    }

    @GetMapping("/account/forgot")
    String forgot(Model model) {
        model.addAttribute("mails", links.mails());
        return "account/forgot";
    }

    @PostMapping("/account/forgot")
    String requestReset(@RequestParam(defaultValue = "") String email, Model model, HttpServletResponse response) {
        model.addAttribute("mails", links.mails());
        try {
            links.requestReset(email);
            model.addAttribute("sent", true);
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("errors", e.errors());
        }
        return "account/forgot";
    }
}

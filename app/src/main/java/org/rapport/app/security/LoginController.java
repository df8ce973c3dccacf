package org.rapport.app.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {
    private final OidcClients oidc;

    LoginController(OidcClients oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("singleSignOn", oidc.configured() ? oidc.name() : null);
        return "login";
    }
}

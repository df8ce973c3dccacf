package org.rapport.app.language;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.app.school.StaffPreferences;
import org.rapport.app.security.StaffUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Choosing a language: kept on this browser, and for a signed-in member of staff on their account
 * too; then back to the page it was chosen on. A language not on offer changes nothing.
 */
@Controller
class LanguageController {
    private final Languages languages;
    private final LanguageResolver resolver;
    private final StaffPreferences preferences;

    LanguageController(Languages languages, LanguageResolver resolver, StaffPreferences preferences) {
        this.languages = languages;
        this.resolver = resolver;
        this.preferences = preferences;
    }

    @GetMapping("/language")
    String choose(@RequestParam(defaultValue = "") String lang, @RequestParam(defaultValue = "/") String back,
                  @AuthenticationPrincipal StaffUser user, HttpServletRequest request, HttpServletResponse response) {
        languages.find(lang).ifPresent(l -> {
            resolver.setLocale(request, response, l.locale());
            if (user != null) {
                preferences.setLanguage(user.id(), l.tag());
            }
        });
        return "redirect:" + safe(back);
    }

    /** Only a path of this site: never another host, so the link cannot send anyone elsewhere. */
    static String safe(String back) {
        boolean local = back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\")
                && back.chars().noneMatch(c -> c < 32 || c == '\\');
        return local ? back : "/";
    }
}

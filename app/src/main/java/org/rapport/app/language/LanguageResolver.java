package org.rapport.app.language;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.rapport.app.security.StaffUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.WebUtils;

/**
 * Which language a page is in: the one chosen on this browser (a cookie), else the signed-in staff
 * member's choice, else the best the browser asks for, else English. A choice of a language not on
 * offer is ignored.
 */
@Component("localeResolver")
public class LanguageResolver implements LocaleResolver {
    static final String COOKIE = "rapport_lang";
    private static final String CHOSEN = LanguageResolver.class.getName() + ".chosen";

    private final Languages languages;

    LanguageResolver(Languages languages) {
        this.languages = languages;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return resolve(request).locale();
    }

    /** The language of this request. */
    public Language resolve(HttpServletRequest request) {
        Object chosen = request.getAttribute(CHOSEN);
        if (chosen instanceof Language l) {
            return l;
        }
        return cookie(request).or(this::staffChoice).or(() -> languages.best(request.getHeader("Accept-Language")))
                .orElseGet(() -> languages.of(Locale.ENGLISH));
    }

    /** Whether this browser has chosen a language itself (not merely sent its preference). */
    public boolean chosenHere(HttpServletRequest request) {
        return request.getAttribute(CHOSEN) != null || cookie(request).isPresent();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Optional<Language> language = languages.find(locale == null ? null : locale.toLanguageTag());
        if (language.isEmpty()) {
            return;
        }
        request.setAttribute(CHOSEN, language.get());
        if (response != null) {
            Cookie c = new Cookie(COOKIE, language.get().tag());
            c.setPath("/");
            c.setMaxAge(60 * 60 * 24 * 365);
            c.setHttpOnly(true);
            c.setSecure(request.isSecure());
            c.setAttribute("SameSite", "Lax");
            response.addCookie(c);
        }
    }

    private Optional<Language> cookie(HttpServletRequest request) {
        return Optional.ofNullable(WebUtils.getCookie(request, COOKIE)).flatMap(c -> languages.find(c.getValue()));
    }

    private Optional<Language> staffChoice() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof StaffUser user) {
            return languages.find(user.language());
        }
        return Optional.empty();
    }
}

package org.rapport.app.language;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page needs to show itself in its language: the language (for {@code lang} and
 * {@code dir}), the languages on offer, and where a choice of language comes back to.
 */
@ControllerAdvice
class LanguageAdvice {
    private final Languages languages;
    private final LanguageResolver resolver;

    LanguageAdvice(Languages languages, LanguageResolver resolver) {
        this.languages = languages;
        this.resolver = resolver;
    }

    @ModelAttribute("pageLanguage")
    Language language(HttpServletRequest request) {
        return resolver.resolve(request);
    }

    @ModelAttribute("languages")
    List<Language> languages() {
        return languages.all();
    }

    /** The page itself when it can be fetched again (a GET), else the start of its part of the site. */
    @ModelAttribute("languageBack")
    String back(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!"GET".equals(request.getMethod())) {
            return uri.startsWith(request.getContextPath() + "/staff") ? "/staff" : "/";
        }
        String query = request.getQueryString();
        return UriComponentsBuilder.fromPath(uri.substring(request.getContextPath().length())).query(query)
                .replaceQueryParam("lang").build().toUriString();
    }
}

package org.rapport.app.survey;

import java.util.Optional;
import org.rapport.app.language.Language;
import org.rapport.app.language.Languages;
import org.rapport.app.school.SchoolSettings;
import org.springframework.stereotype.Component;

/**
 * Whom a pupil can talk to about a worry, as their survey's last page and the page after sending show it: the school's
 * text of the survey's language, with that language and its direction; else the school's one text for every language,
 * with neither (its language is unknown: the page marks it so and lets the browser find its direction, so that an
 * English text inside an Arabic survey keeps its full stop and brackets where they belong).
 */
@Component
public class SupportShown {
    private final SchoolSettings settings;
    private final Languages languages;

    SupportShown(SchoolSettings settings, Languages languages) {
        this.settings = settings;
        this.languages = languages;
    }

    /** {@code language} and {@code direction} are null for the school's one text, whose language nobody said. */
    public record Shown(String text, String language, String direction) {
    }

    /** What a pupil of the school taking the survey in {@code languageTag} (null: English) reads, if the school wrote anything. */
    Optional<Shown> of(long schoolId, String languageTag) {
        String tag = languageTag == null ? Languages.SOURCE : languageTag;
        return settings.supportFor(schoolId, tag).map(s -> s.language() == null ? new Shown(s.text(), null, null)
                : new Shown(s.text(), s.language(), languages.find(s.language()).map(Language::direction).orElse(null)));
    }
}

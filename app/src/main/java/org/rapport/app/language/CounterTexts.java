package org.rapport.app.language;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The character counter's text in each plural form of a language ({@link PluralTemplates}), for fragments/counter.html. */
@Component("counterTexts")
public class CounterTexts {
    private final MessageSource messages;

    CounterTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** As JSON for the counter's data-templates. */
    public String of(Locale locale) {
        return PluralTemplates.of(messages, "field.left", locale, "{1}");
    }
}

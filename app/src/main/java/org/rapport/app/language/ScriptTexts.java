package org.rapport.app.language;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The texts a page's script says with a count it learns only in the browser, in each plural form of the reader's language
 * ({@link PluralTemplates}), as JSON for a data attribute: the character counter (fragments/counter.html, js/counter.js)
 * and the notice of hidden characters taken out of a field (fragments/layout.html, js/typed.js).
 */
@Component("scriptTexts")
public class ScriptTexts {
    private final MessageSource messages;

    ScriptTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The counter: {0} characters left, {1} the limit. */
    public String counter(Locale locale) {
        return PluralTemplates.of(messages, "field.left", locale, "{1}");
    }

    /** The notice: {0} hidden characters taken out, {1} which ones. */
    public String removed(Locale locale) {
        return PluralTemplates.of(messages, "form.removed", locale, "{1}");
    }
}

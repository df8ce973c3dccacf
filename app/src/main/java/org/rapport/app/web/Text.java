package org.rapport.app.web;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A text of the message bundles, by key and arguments, carried by an error that people read (a
 * respondent's code refused, a survey closed), so that each sees it in their own language.
 */
public record Text(String key, Object... args) {
    private static final IcuMessageSource ENGLISH = IcuMessageSource.of("messages");

    /** In English, the language every text is written in first (for logs and for clients that ask for none). */
    public String english() {
        return ENGLISH.getMessage(key, args, Locale.ENGLISH);
    }

    public String in(MessageSource messages, Locale locale) {
        return messages.getMessage(key, args, english(), locale);
    }

    /** What a person reads of an error: its text in their language where it has one, else its message. */
    public static String of(RuntimeException e, MessageSource messages, Locale locale) {
        Text text = e instanceof InvalidInputException i ? i.text() : e instanceof ConflictException c ? c.text() : null;
        return text == null ? e.getMessage() : text.in(messages, locale);
    }
}

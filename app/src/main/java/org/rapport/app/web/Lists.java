package org.rapport.app.web;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.util.ULocale;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A list said in the reader's language, by its CLDR rules ("Ms Patel, Mr Byrne, and Ms Nowak"; "A, B y C"; "A, B i C";
 * "A وB وC"), never joined with a comma of one language. In code, an argument of a text: {@code new Text("key",
 * Lists.and(names))} is said in the language the text is read in. In a template, the bean {@code lists}: as an
 * argument, {@code #{key(${@lists.and(names)})}}; on its own, {@code ${@lists.and(names, #locale)}}.
 */
@Component("lists")
public final class Lists {
    /** Items joined with "and" (a list of what there is). */
    public static Said and(Collection<?> items) {
        return new Said(items.stream().map(String::valueOf).toList(), ListFormatter.Type.AND);
    }

    /** Items joined with "or" (a choice of one). */
    public static Said or(Collection<?> items) {
        return new Said(items.stream().map(String::valueOf).toList(), ListFormatter.Type.OR);
    }

    /** For a template: these items joined with "and" in this language. */
    public String and(Collection<?> items, Locale locale) {
        return and(items).in(locale);
    }

    /** For a template: these items joined with "or" in this language. */
    public String or(Collection<?> items, Locale locale) {
        return or(items).in(locale);
    }

    /** A list to be said in the language its text is read in; an argument of a message, resolved where it is formatted. */
    public record Said(List<String> items, ListFormatter.Type type) {
        public Said {
            items = List.copyOf(items);
        }

        public String in(Locale locale) {
            return ListFormatter.getInstance(ULocale.forLocale(locale == null ? Locale.ENGLISH : locale), type, ListFormatter.Width.WIDE)
                    .format(items);
        }

        /** In English, the language every text is written in first (a log line, a client that asks for none). */
        @Override
        public String toString() {
            return in(Locale.ENGLISH);
        }
    }
}

package org.rapport.app.language;

import java.util.Locale;

/**
 * A language Rapport's pages and survey are offered in: its tag ({@code pl}), its own name
 * ({@code Polski}), its direction, and whether its texts are a draft that no native speaker has
 * reviewed yet.
 */
public record Language(String tag, String name, boolean rightToLeft, boolean draft) {

    /**
     * The locale pages and messages are formatted in: numbers in Western digits in every language, as
     * the codes people type and the charts' axes are.
     */
    public Locale locale() {
        return locale(tag);
    }

    /** The locale of a stored language tag, as {@link #locale()} makes it; English where none was kept. */
    public static Locale locale(String tag) {
        return tag == null ? Locale.ENGLISH : Locale.forLanguageTag(tag + "-u-nu-latn");
    }

    /** The value of an HTML {@code dir} attribute. */
    public String direction() {
        return rightToLeft ? "rtl" : "ltr";
    }
}

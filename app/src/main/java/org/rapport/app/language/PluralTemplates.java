package org.rapport.app.language;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.text.PluralRules;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * A text whose first argument is a count that changes in the browser (the comment counter), as one template per plural
 * category of the reader's language, for a script to choose with {@code Intl.PluralRules}: {@code {"one": "{0} character
 * left of {1}", "other": "{0} characters left of {1}"}} in English, six in Arabic. Each is the text said with a sample
 * count of its category, the count then written back as {@code {0}}; the other arguments are given as they are to stay.
 * A page gets it from its controller, as JSON for a data attribute.
 */
public final class PluralTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first of Unicode's private-use characters. */
    private static final char STAND_IN = '\uE000';
    private PluralTemplates() {
    }

    /** Each plural category of the language with its template, as JSON for a data attribute. */
    public static String of(MessageSource messages, String key, Locale locale, Object... rest) {
        Map<String, String> templates = new LinkedHashMap<>();
        PluralRules rules = PluralRules.forLocale(locale);
        NumberFormat numbers = NumberFormat.getInstance(locale);
        for (String category : rules.getKeywords()) {
            Long sample = sample(rules.getSamples(category));
            if (sample == null) {
                continue;
            }
            // the other arguments stand in as characters no text has, so that the count's digits are found only as the count
            Object[] args = new Object[rest.length + 1];
            args[0] = sample;
            for (int i = 0; i < rest.length; i++) {
                args[i + 1] = String.valueOf((char) (STAND_IN + i));
            }
            String template = messages.getMessage(key, args, locale).replace(numbers.format(sample), "{0}");
            for (int i = 0; i < rest.length; i++) {
                template = template.replace(String.valueOf((char) (STAND_IN + i)), String.valueOf(rest[i]));
            }
            templates.put(category, template);
        }
        try {
            return JSON.writeValueAsString(templates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A whole sample of the category, from 2 up where it has one (a 0 or 1 is easily found elsewhere in a text), or null. */
    private static Long sample(Collection<Double> samples) {
        Long small = null;
        for (Double d : samples == null ? List.<Double>of() : samples) {
            if (d == Math.rint(d)) {
                if (d >= 2) {
                    return d.longValue();
                }
                small = small == null ? d.longValue() : small;
            }
        }
        return small;
    }
}

package org.rapport.app.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.ibm.icu.text.MessageFormat;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.util.ObjectUtils;

/**
 * The message bundles, each text formatted with ICU's MessageFormat in the reader's language, so that a text can say a
 * count in that language's plural forms ({@code {0, plural, one {# school} other {# schools}}}, '#' the count) and
 * numbers are written by the language's CLDR rules. Otherwise a text reads as Java's MessageFormat wrote it: two
 * apostrophes are one, {@code {0}} is the first argument. Subclasses may put texts of their own in front ({@link #pattern}).
 */
public class IcuMessageSource extends ResourceBundleMessageSource {
    private record Key(String pattern, Locale locale) {
    }

    /** A text's format, and which of its arguments it says in plural forms. */
    private record Format(MessageFormat format, java.util.Set<Integer> counts) {
    }

    private final Cache<Key, Format> formats = Caffeine.newBuilder().maximumSize(20_000).build();

    /** A source of the bundles of these basenames, read as UTF-8, every text formatted, English where a language lacks one. */
    public static IcuMessageSource of(String... basenames) {
        IcuMessageSource source = new IcuMessageSource();
        source.setBasenames(basenames);
        source.setDefaultEncoding("UTF-8");
        source.setAlwaysUseMessageFormat(true);
        source.setFallbackToSystemLocale(false);
        return source;
    }

    /** The text of this code in this language, unformatted, or null if there is none. */
    protected String pattern(String code, Locale locale) {
        return super.resolveCodeWithoutArguments(code, locale);
    }

    @Override
    protected String getMessageInternal(String code, Object[] args, Locale locale) {
        if (code == null) {
            return null;
        }
        Locale language = locale != null ? locale : Locale.getDefault();
        String pattern = pattern(code, language);
        // no text of this code: Spring's own fallbacks (common messages, a parent source), formatted here too
        return pattern != null ? formatMessage(pattern, args, language) : super.getMessageInternal(code, args, language);
    }

    @Override
    protected String formatMessage(String msg, Object[] args, Locale locale) {
        if (!isAlwaysUseMessageFormat() && ObjectUtils.isEmpty(args)) {
            return msg;
        }
        Format format;
        try {
            format = formats.get(new Key(msg, locale), k -> new Format(new MessageFormat(k.pattern(), k.locale()), counts(k.pattern())));
        } catch (IllegalArgumentException e) {
            if (isAlwaysUseMessageFormat()) {
                throw e;
            }
            return msg;
        }
        Object[] resolved = resolveArguments(args, locale);
        resolved = resolved == null ? new Object[0] : resolved.clone();
        for (int i = 0; i < resolved.length; i++) {
            // a day or time reads as Java's MessageFormat wrote it, "2026-12-07" (ICU would write "12/7/26, 12:00 AM")
            if (resolved[i] instanceof TemporalAccessor t) {
                resolved[i] = t.toString();
            }
            // a list is joined in the reader's language ("A, B and C", "A وB وC"), as the text around it is
            if (resolved[i] instanceof Lists.Said list) {
                resolved[i] = list.in(locale);
            }
            // a count that comes as its digits (a request parameter, a number already written out) is that number: said in
            // plural forms, a string would fail the whole page
            if (format.counts().contains(i) && resolved[i] instanceof CharSequence digits && DIGITS.matcher(digits).matches()) {
                resolved[i] = new java.math.BigDecimal(digits.toString());
            }
        }
        synchronized (format.format()) {
            return format.format().format(resolved);
        }
    }

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("-?\\d{1,18}(\\.\\d{1,9})?");

    /** The arguments a text says in plural forms ({@code {0, plural, one {…} other {…}}}). */
    static java.util.Set<Integer> counts(String pattern) {
        com.ibm.icu.text.MessagePattern parsed = new com.ibm.icu.text.MessagePattern(pattern);
        java.util.Set<Integer> counts = new java.util.HashSet<>();
        for (int i = 0; i < parsed.countParts() - 1; i++) {
            com.ibm.icu.text.MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() == com.ibm.icu.text.MessagePattern.Part.Type.ARG_START && part.getArgType().hasPluralStyle()
                    && parsed.getPart(i + 1).getType() == com.ibm.icu.text.MessagePattern.Part.Type.ARG_NUMBER) {
                counts.add(parsed.getPart(i + 1).getValue());
            }
        }
        return java.util.Set.copyOf(counts);
    }
}

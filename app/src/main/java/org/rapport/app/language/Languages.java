package org.rapport.app.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The languages on offer: English, in which every text is written first, and each language with
 * bundles of its own ({@code messages_pl.properties}, {@code itembank/items_pl.properties}); a bundle names its language
 * ({@code language.name}), its direction ({@code language.direction}) and whether it is a draft
 * ({@code language.status}).
 */
@Component
public class Languages implements org.rapport.app.school.OfferedLanguages {
    public static final String SOURCE = "en";
    private static final Pattern BUNDLE = Pattern.compile("items_([a-z]{2,3})\\.properties$");

    private final MessageSource messages;
    private final List<String> tags;
    private final TranslationRepository translations;
    private final com.github.benmanes.caffeine.cache.LoadingCache<String, List<TranslationRepository.Imported>> imported;

    Languages(MessageSource messages, TranslationRepository translations) {
        this.messages = messages;
        this.translations = translations;
        this.imported = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(10))
                .build(k -> translations.imported());
        List<String> found = new ArrayList<>(List.of(SOURCE));
        try {
            // the item bundles: their folder makes the pattern reliable inside a jar (the tests check that
            // every language has both bundles)
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:itembank/items_*.properties")) {
                Matcher m = BUNDLE.matcher(r.getFilename() == null ? "" : r.getFilename());
                if (m.find() && !found.contains(m.group(1))) {
                    found.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.tags = List.copyOf(found);
    }

    /** Every language on offer, English first, then by tag: those Rapport ships and those a network imported. */
    public List<Language> all() {
        java.util.Set<String> all = new java.util.TreeSet<>(tags);
        importedLanguages().forEach(i -> all.add(i.language()));
        return all.stream().map(this::describe).sorted(Comparator.comparing((Language l) -> !l.tag().equals(SOURCE))
                .thenComparing(Language::tag)).toList();
    }

    @Override
    public List<String> offeredTags() {
        return all().stream().map(Language::tag).toList();
    }

    @Override
    public String nameOf(String tag) {
        return all().stream().filter(l -> l.tag().equals(tag)).map(Language::name).findFirst().orElse(tag);
    }

    /** Reads the imported languages again at once (after an import on this instance). */
    void refresh() {
        imported.invalidateAll();
    }

    private List<TranslationRepository.Imported> importedLanguages() {
        return imported.get("all");
    }

    /** The language of a tag ({@code pl}, {@code pl-PL}, any case), if offered. */
    public Optional<Language> find(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        boolean offered = tags.contains(language) || importedLanguages().stream().anyMatch(i -> i.language().equals(language));
        return offered ? Optional.of(describe(language)) : Optional.empty();
    }

    /** The language of a locale, English when it is not offered. */
    public Language of(Locale locale) {
        return find(locale == null ? null : locale.toLanguageTag()).orElseGet(() -> describe(SOURCE));
    }

    /** The best offered language for a browser's Accept-Language header, if any fits. */
    public Optional<Language> best(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Optional.empty();
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            for (Locale.LanguageRange range : ranges) {
                if (range.getWeight() > 0 && !range.getRange().equals("*")) {
                    Optional<Language> l = find(range.getRange());
                    if (l.isPresent()) {
                        return l;
                    }
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException badHeader) {
            return Optional.empty();
        }
    }

    private Language describe(String tag) {
        if (!tags.contains(tag)) {
            // a language only a network's translators have: as its first import describes it
            TranslationRepository.Imported i = importedLanguages().stream().filter(x -> x.language().equals(tag)).findFirst().orElseThrow();
            return new Language(tag, Translations.readable(i.name()), "rtl".equals(i.direction()), !"reviewed".equals(i.status()));
        }
        Locale locale = Locale.forLanguageTag(tag);
        return new Language(tag, messages.getMessage("language.name", null, tag, locale),
                "rtl".equals(messages.getMessage("language.direction", null, "ltr", locale)),
                "draft".equals(messages.getMessage("language.status", null, "draft", locale)));
    }
}

package org.rapport.app.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every language's bundles are complete: each key English has, with the same placeholders, and
 * nothing else; each text renders without formatting debris; each language says its name,
 * direction and status. The test fails when any bundle misses a key that English has.
 */
class BundlesTest {
    static final Path RESOURCES = Path.of("src/main/resources");
    static final List<String> BASENAMES = List.of("messages", "itembank/items");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    /** A lone apostrophe: MessageFormat would swallow it and the text after it. */
    static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The language tags that have a bundle of this basename. */
    static Set<String> languages(String basename) throws IOException {
        Path dir = RESOURCES.resolve(basename).getParent();
        String prefix = RESOURCES.resolve(basename).getFileName() + "_";
        Set<String> tags = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".properties"))
                    .forEach(n -> tags.add(n.substring(prefix.length(), n.length() - ".properties".length())));
        }
        return tags;
    }

    @Test
    void atLeastThreeLanguagesBesideEnglishOneOfThemRightToLeftEachWithBothBundles() throws IOException {
        Set<String> messages = languages("messages");
        assertThat(messages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(languages("itembank/items")).as("every language has its item texts too").isEqualTo(messages);
        List<String> rightToLeft = new ArrayList<>();
        for (String tag : messages) {
            Properties p = load(RESOURCES.resolve("messages_" + tag + ".properties"));
            assertThat(p.getProperty("language.direction")).as(tag).isIn("ltr", "rtl");
            assertThat(p.getProperty("language.status")).as(tag + ": draft until a native speaker has reviewed it").isIn("draft", "reviewed");
            assertThat(p.getProperty("language.name")).as(tag).isNotBlank().isNotEqualTo("English");
            if (p.getProperty("language.direction").equals("rtl")) {
                rightToLeft.add(tag);
            }
        }
        assertThat(rightToLeft).isNotEmpty();
    }

    @Test
    void everyBundleHasEveryKeyEnglishHasWithTheSamePlaceholdersAndNoOther() throws IOException {
        List<String> faults = new ArrayList<>();
        for (String basename : BASENAMES) {
            Properties english = load(RESOURCES.resolve(basename + ".properties"));
            for (String tag : languages(basename)) {
                String file = basename + "_" + tag + ".properties";
                Properties translated = load(RESOURCES.resolve(file));
                for (String key : new TreeSet<>(english.stringPropertyNames())) {
                    String text = translated.getProperty(key);
                    if (text == null || text.isBlank()) {
                        faults.add(file + ": missing " + key);
                    } else if (!placeholders(text).equals(placeholders(english.getProperty(key)))) {
                        faults.add(file + ": " + key + " has placeholders " + placeholders(text) + ", English " + placeholders(english.getProperty(key)));
                    }
                }
                for (String key : translated.stringPropertyNames()) {
                    if (!english.containsKey(key)) {
                        faults.add(file + ": " + key + " is not an English key");
                    }
                }
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void everyTextRendersWithoutDebrisInEveryLanguage() throws IOException {
        List<String> faults = new ArrayList<>();
        for (String basename : BASENAMES) {
            Set<String> tags = new TreeSet<>(languages(basename));
            tags.add("");
            for (String tag : tags) {
                String file = basename + (tag.isEmpty() ? "" : "_" + tag) + ".properties";
                Properties p = load(RESOURCES.resolve(file));
                for (String key : p.stringPropertyNames()) {
                    String raw = p.getProperty(key);
                    if (LONE_APOSTROPHE.matcher(raw).find()) {
                        faults.add(file + ": " + key + " has a lone ' (write '' or a typographic ’)");
                        continue;
                    }
                    Object[] args = {"A", "B", "C", "D", "E", "F"};
                    plurals(raw).keySet().forEach(n -> args[n] = 3);
                    String text = new MessageFormat(raw, tag.isEmpty() ? Locale.ENGLISH : Locale.forLanguageTag(tag)).format(args);
                    if (text.contains("{") || text.contains("''") || text.isBlank()) {
                        faults.add(file + ": " + key + " renders as " + text);
                    }
                    if (key.startsWith("item.") && !(text.endsWith("?") || text.endsWith("؟"))) {
                        faults.add(file + ": " + key + " is not a question");
                    }
                }
            }
        }
        assertThat(faults).isEmpty();
    }

    /** Each argument a text says in plural forms, with the forms it gives (one, few, other…). */
    static Map<Integer, Set<String>> plurals(String text) {
        MessagePattern pattern = new MessagePattern(text);
        Map<Integer, Set<String>> found = new TreeMap<>();
        for (int i = 0; i < pattern.countParts(); i++) {
            MessagePattern.Part part = pattern.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_START && part.getArgType().hasPluralStyle()) {
                Set<String> forms = found.computeIfAbsent(pattern.getPart(i + 1).getValue(), n -> new TreeSet<>());
                for (int j = i + 1; j < pattern.getLimitPartIndex(i); j++) {
                    MessagePattern.Part inner = pattern.getPart(j);
                    if (inner.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
                        forms.add(pattern.getSubstring(inner));
                    }
                    if (inner.getType() == MessagePattern.Part.Type.MSG_START) {
                        j = pattern.getLimitPartIndex(j);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void everyTextIsOneIcuCanReadInEveryLanguage() throws IOException {
        List<String> faults = new ArrayList<>();
        for (String basename : BASENAMES) {
            Set<String> tags = new TreeSet<>(languages(basename));
            tags.add("");
            for (String tag : tags) {
                String file = basename + (tag.isEmpty() ? "" : "_" + tag) + ".properties";
                Properties p = load(RESOURCES.resolve(file));
                for (String key : p.stringPropertyNames()) {
                    try {
                        new MessageFormat(p.getProperty(key), Locale.forLanguageTag(tag.isEmpty() ? "en" : tag));
                    } catch (IllegalArgumentException e) {
                        faults.add(file + ": " + key + ": " + e.getMessage());
                    }
                }
            }
        }
        assertThat(faults).isEmpty();
    }

    /**
     * A count said in plural forms in English is said so in every language, with every form that language's CLDR rules
     * have (Polish one, few, many and other; Arabic zero, one, two, few, many and other): a form missing would say some
     * counts with another's words.
     */
    @Test
    void everyCountHasEveryPluralFormItsLanguageNeeds() throws IOException {
        List<String> faults = new ArrayList<>();
        Properties english = load(RESOURCES.resolve("messages.properties"));
        Set<String> tags = new TreeSet<>(languages("messages"));
        tags.add("");
        int counted = 0;
        for (String tag : tags) {
            String file = "messages" + (tag.isEmpty() ? "" : "_" + tag) + ".properties";
            Set<String> needed = PluralRules.forLocale(Locale.forLanguageTag(tag.isEmpty() ? "en" : tag)).getKeywords();
            Properties p = load(RESOURCES.resolve(file));
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                Map<Integer, Set<String>> forms = plurals(p.getProperty(key));
                Map<Integer, Set<String>> inEnglish = english.containsKey(key) ? plurals(english.getProperty(key)) : Map.of();
                if (!forms.keySet().containsAll(inEnglish.keySet())) {
                    faults.add(file + ": " + key + " says counts " + inEnglish.keySet() + " in plural forms in English, here only " + forms.keySet());
                }
                forms.forEach((argument, given) -> {
                    if (!given.containsAll(needed)) {
                        faults.add(file + ": " + key + " {" + argument + "} has forms " + given + ", the language needs " + needed);
                    }
                });
                counted += forms.size();
            }
        }
        assertThat(counted).as("texts that say a count in plural forms").isGreaterThan(40);
        assertThat(faults).isEmpty();
    }
}

package org.rapport.app.language;

import static java.util.Map.entry;
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

    /**
     * Every text's arguments that are counts, as their callers pass them (a template's {@code items().size()}, a number of
     * days, hours or minutes, a minimum number of people): each is said in plural forms in every language, so that no
     * page says "1 items" or, in Polish, "5 pytania". A text that comes to carry a count joins this list.
     */
    static final Map<String, Set<Integer>> COUNTS = Map.ofEntries(
            entry("survey.comment.left", Set.of(0)),
            entry("field.left", Set.of(0)),
            entry("survey.comment.tooLong", Set.of(0, 1)),
            entry("survey.finish.answered", Set.of(1)),
            entry("survey.classes.tooMany", Set.of(0)),
            entry("roster.imported", Set.of(0, 1, 2)),
            entry("codes.used", Set.of(0)),
            entry("team.tooFew", Set.of(0)),
            entry("calibration.drift.flagged", Set.of(1)),
            entry("calibration.drift.clear", Set.of(0)),
            entry("calibration.drift.showStable", Set.of(0)),
            entry("calibration.overview.drift", Set.of(0)),
            entry("comments.teacher.intro", Set.of(0)),
            entry("comments.school.intro", Set.of(0)),
            entry("safeguarding.school.escalationHelp", Set.of(0)),
            entry("safeguarding.state.escalated", Set.of(1)),
            entry("safeguarding.alerts", Set.of(0)),
            entry("mail.concern.body", Set.of(4)),
            entry("mail.concernEscalated.subject", Set.of(4)),
            entry("mail.concernEscalated.body", Set.of(4)),
            entry("retention.period.days", Set.of(0)),
            entry("mail.invite.body", Set.of(3)),
            entry("mail.reset.body", Set.of(3)),
            entry("translations.imported", Set.of(1)),
            entry("translations.faults", Set.of(0)),
            entry("calibration.dif.help", Set.of(1)),
            entry("calibration.dif.clear", Set.of(0, 1)),
            entry("calibration.dif.flagged", Set.of(0, 1)),
            entry("calibration.dif.unchecked", Set.of(2)),
            entry("goals.teachers.count", Set.of(0, 1, 2)),
            entry("yousaid.plain", Set.of(1)),
            entry("reply.hint", Set.of(0)),
            entry("summary.answered", Set.of(1)),
            entry("summary.answered.perClass", Set.of(1)),
            entry("summary.goalsDue", Set.of(0)),
            entry("summary.teacher.goalsDue", Set.of(0)),
            entry("summary.teacher.answered", Set.of(0)),
            entry("self.intro.team", Set.of(0)),
            entry("network.context", Set.of(1)),
            entry("self.team.help", Set.of(0)),
            entry("self.team.none", Set.of(0)),
            entry("self.team.points", Set.of(1)),
            entry("roster.preview.teaching", Set.of(0)),
            entry("roster.preview.namesDropped", Set.of(0)),
            entry("window.rates.sets.help", Set.of(0)),
            entry("window.close.purge", Set.of(0)),
            entry("window.close.started", Set.of(0)),
            entry("window.next.tooFew", Set.of(0, 1)),
            entry("window.close.reopen", Set.of(1)),
            entry("window.reopen.kept", Set.of(0)),
            entry("window.next.calibrate.waiting", Set.of(1)),
            entry("firstday.invitations.waiting", Set.of(0)),
            entry("firstday.school.progress", Set.of(1)),
            entry("codes.group.unshown", Set.of(0)),
            entry("codes.mail.unshown", Set.of(0)),
            entry("codes.replace.submit", Set.of(0)),
            entry("codes.mail.started", Set.of(0)),
            entry("share.who", Set.of(0)),
            entry("share.what.figures", Set.of(0)),
            entry("share.what.hidden", Set.of(0)),
            entry("share.what.comments", Set.of(0)),
            entry("goals.share.who", Set.of(0)),
            entry("retention.confirm.responses", Set.of(0)),
            entry("retention.confirm.research", Set.of(0)),
            entry("retention.confirm.roundOpen", Set.of(0)));

    @Test
    void everyCountingTextSaysItsCountInPluralFormsInEveryLanguage() throws IOException {
        List<String> faults = new ArrayList<>();
        Set<String> tags = new TreeSet<>(languages("messages"));
        tags.add("");
        for (String tag : tags) {
            String file = "messages" + (tag.isEmpty() ? "" : "_" + tag) + ".properties";
            Properties p = load(RESOURCES.resolve(file));
            COUNTS.forEach((key, counts) -> {
                String text = p.getProperty(key);
                if (text == null || !plurals(text).keySet().containsAll(counts)) {
                    faults.add(file + ": " + key + " says " + counts + " as counts, in plural forms only " + (text == null ? "none" : plurals(text).keySet()));
                }
            });
        }
        assertThat(faults).isEmpty();
    }

    /** What a count counts, in English, when a text names it after the number. */
    static final String COUNTED = "(?:days?|hours?|minutes?|items?|codes?|comments?|schools?|pupils?|teachers?|leaders?|answers?|texts?"
            + "|languages?|comparisons?|links?|goals?|sets?|people|persons?|class(?:es)?|questions?|characters?|steps?|members?|problems?"
            + "|respondents?|replies|reply|views?)";
    /** A plain argument followed, within two words ("unused", "of your"), by what it counts: "{0} items", "{1} answer sets". */
    static final Pattern COUNT_WITH_ITS_NOUN = Pattern.compile("\\{(\\d+)}\\s+(?:(?!(?:with|is|are|was|were|has|have|and|or|on|at|to|for|by|from|in)\\b)[a-z-]+\\s+){0,2}"
            + COUNTED + "\\b(?!')");

    @Test
    void anEnglishTextThatNamesWhatItCountsSaysTheCountInPluralForms() throws IOException {
        Properties english = load(RESOURCES.resolve("messages.properties"));
        List<String> faults = new ArrayList<>();
        for (String key : new TreeSet<>(english.stringPropertyNames())) {
            Matcher m = COUNT_WITH_ITS_NOUN.matcher(english.getProperty(key));
            while (m.find()) {
                faults.add(key + ": '" + m.group() + "' says a count in one form only");
            }
        }
        assertThat(faults).isEmpty();
        assertThat(COUNT_WITH_ITS_NOUN.matcher("None of {0} items drifted in {1}.").find()).as("the rule sees a bare count").isTrue();
        assertThat(COUNT_WITH_ITS_NOUN.matcher("{0} unused codes were made").find()).isTrue();
        assertThat(COUNT_WITH_ITS_NOUN.matcher("{0} of your pupils answered").find()).isTrue();
        assertThat(COUNT_WITH_ITS_NOUN.matcher("Version {0}, calibrated on {1} with item bank {2}").find()).isFalse();
    }

    /** An argument a template passes that is a count: a size, or a number of days, hours, leaders, answers… */
    static final Pattern COUNT_EXPRESSION = Pattern.compile("\\.size\\(\\)|(?i:count)|(?:Days|Hours|Minutes|Leaders|Used|unshown|answered|goalsDue|flagged|compared"
            + "|inProgress|reprinted|withoutPassword|MinCellSize|minimumAnswerSets)\\(?\\)?}?$");

    /**
     * The rule from the callers: each argument a template passes that is a count (a list's size, a number of days or
     * leaders…) is said in plural forms in English, unless it stands as a figure after a label ("Invitations sent: {0}.",
     * "({0})", "{0} of {1, plural…}", "Schools with steps left: {0} of {1}"), which reads right for any number.
     */
    @Test
    void everyCountATemplatePassesIsInPluralFormsOrAFigureAfterALabel() throws IOException {
        Properties english = load(RESOURCES.resolve("messages.properties"));
        List<String> faults = new ArrayList<>();
        int counts = 0;
        List<Path> templates;
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            templates = files.filter(f -> f.toString().endsWith(".html")).toList();
        }
        for (Path template : templates) {
            String html = Files.readString(template);
            Matcher call = Pattern.compile("#\\{([A-Za-z0-9_.]+)\\(").matcher(html);
            while (call.find()) {
                String key = call.group(1);
                List<String> args = arguments(html, call.end() - 1);
                for (int n = 0; n < args.size(); n++) {
                    if (!COUNT_EXPRESSION.matcher(args.get(n)).find() || english.getProperty(key) == null) {
                        continue;
                    }
                    counts++;
                    String text = english.getProperty(key);
                    if (!plurals(text).containsKey(n) && !Pattern.compile("(?:(?:: |\\(|\\bto |} of )\\{" + n + "}(?=[.,;)]| \\(|$))|\\{" + n
                            + "}(?= of \\{| to \\{)").matcher(text).find()) {
                        faults.add(template.getFileName() + ": " + key + " {" + n + "} is the count " + args.get(n) + ", said in one form: " + text);
                    }
                }
            }
        }
        assertThat(counts).as("counts passed by templates").isGreaterThan(30);
        assertThat(faults).isEmpty();
    }

    /** The arguments of a message call in a template, from its opening parenthesis: split at commas outside brackets. */
    static List<String> arguments(String html, int open) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = open; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                if (depth++ == 0) {
                    continue;
                }
            } else if (c == ')' || c == '}' || c == ']') {
                if (--depth == 0) {
                    args.add(current.toString().trim());
                    return args;
                }
            } else if (c == ',' && depth == 1) {
                args.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        return args;
    }
}

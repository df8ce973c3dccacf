package org.rapport.app.safeguarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Concern phrases and how a comment is matched against them. A phrase is one or more words; a
 * trailing {@code *} matches any ending ({@code suicid*}: suicide, suicidal). Matching ignores case,
 * curly quotes and runs of spaces, and needs whole words: "hit me" matches "he hit me" but not
 * "white mess". The shipped lists are {@code safeguarding/concern-phrases.csv}.
 */
final class ConcernPhrases {
    static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
    static final Pattern PHRASE = Pattern.compile("^[\\p{L}\\p{N}'’ -]{2,79}\\*?$");
    private static final String WORD = "[\\p{L}\\p{N}]";

    private ConcernPhrases() {
    }

    /** The shipped lists, by language: read once. */
    static Map<String, List<String>> shipped() {
        return Shipped.LISTS;
    }

    private static final class Shipped {
        static final Map<String, List<String>> LISTS = read();
    }

    private static Map<String, List<String>> read() {
        Map<String, List<String>> out = new TreeMap<>();
        try (InputStream in = ConcernPhrases.class.getResourceAsStream("/safeguarding/concern-phrases.csv")) {
            if (in == null) {
                throw new IllegalStateException("safeguarding/concern-phrases.csv is missing");
            }
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get();
            for (CSVRecord r : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                out.computeIfAbsent(r.get("language"), l -> new ArrayList<>()).add(normalise(r.get("phrase")));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        out.replaceAll((language, list) -> List.copyOf(list));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Lower case, straight quotes, hyphens as spaces, one space between words: the form both phrases and comments are matched in. */
    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'')
                .replace('-', ' ').replaceAll("\\s+", " ").strip();
    }

    static Pattern compile(String phrase) {
        boolean prefix = phrase.endsWith("*");
        String words = prefix ? phrase.substring(0, phrase.length() - 1) : phrase;
        StringBuilder regex = new StringBuilder("(?<!" + WORD + ")");
        String[] parts = words.strip().split(" ");
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : " ").append(Pattern.quote(parts[i]));
        }
        regex.append(prefix ? WORD + "*" : "(?!" + WORD + ")");
        return Pattern.compile(regex.toString());
    }

    /** The phrases of {@code phrases} that {@code comment} contains. */
    static Set<String> matches(String comment, List<String> phrases) {
        String text = normalise(comment);
        Set<String> out = new LinkedHashSet<>();
        for (String p : phrases) {
            if (compile(p).matcher(text).find()) {
                out.add(p);
            }
        }
        return out;
    }
}

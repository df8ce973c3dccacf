package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.Readability;

/**
 * What pupils and parents read is written for a reading age of about nine (a US grade of four): every English text of
 * the survey, the start page, the public "you said" page and the family letter, found from the pages that show them and
 * the keys the code words letters with. An outside test measured the comment box's hint at grade 6.7 (a reading age of
 * eleven or twelve), shown to every pupil from the youngest. Flesch-Kincaid says little of a short label, so each text of
 * {@value #WORDS} words or more is held to {@value #EACH}, and all of them together to {@value #ALL}.
 */
class PlainWordsTest {
    static final int WORDS = 12;
    static final double EACH = 5.0;
    static final double ALL = 4.0;
    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final List<String> PREFIXES = List.of("survey.", "letters.", "home.");

    static Properties english() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/messages.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** The keys of the pages pupils and parents see, and of the texts the code words for them. */
    static TreeSet<String> respondentKeys(Properties messages) throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        List<Path> pages = new ArrayList<>(List.of(TEMPLATES.resolve("you-said.html"), TEMPLATES.resolve("index.html"),
                TEMPLATES.resolve("fragments/support.html")));
        try (Stream<Path> survey = Files.list(TEMPLATES.resolve("survey"))) {
            survey.forEach(pages::add);
        }
        Pattern key = Pattern.compile("#\\{([\\w.]+)");
        for (Path page : pages) {
            Matcher m = key.matcher(Files.readString(page));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        for (String k : messages.stringPropertyNames()) {
            if (PREFIXES.stream().anyMatch(k::startsWith)) {
                keys.add(k);
            }
        }
        keys.retainAll(messages.stringPropertyNames());
        return keys;
    }

    /** A message as read: each argument (and each plural's choice) a short word, quotes as written. */
    static String read(String message) {
        String text = message.replace("''", "'");
        String before;
        do {
            before = text;
            text = text.replaceAll("\\{[^{}]*\\}", "3");
        } while (!text.equals(before));
        return text;
    }

    static int words(String text) {
        return (int) Pattern.compile("[\\p{L}\\p{N}']+").matcher(text).results().count();
    }

    @Test
    void whatPupilsAndParentsReadSuitsAReadingAgeOfNine() throws IOException {
        Properties messages = english();
        TreeSet<String> keys = respondentKeys(messages);
        assertThat(keys).as("the survey's own texts are found").contains("survey.comment.hint", "letters.body", "home.lead");
        List<String> hard = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (String k : keys) {
            String text = read(messages.getProperty(k)).strip();
            if (text.isEmpty()) {
                continue;
            }
            all.append(text).append(text.matches(".*[.!?]$") ? " " : ". ");
            if (words(text) >= WORDS) {
                double grade = Readability.grade(text);
                System.out.printf("%5.1f %s%n", grade, k);
                if (grade > EACH) {
                    hard.add(k + " (grade " + String.format("%.1f", grade) + "): " + text);
                }
            }
        }
        assertThat(hard).as("texts for pupils and parents above grade %s", EACH).isEmpty();
        double together = Readability.grade(all.toString());
        System.out.printf("All %d texts together: grade %.1f%n", keys.size(), together);
        assertThat(together).isLessThanOrEqualTo(ALL);
    }
}

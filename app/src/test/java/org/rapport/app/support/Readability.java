package org.rapport.app.support;

import java.util.Arrays;
import java.util.Locale;

/**
 * How hard English text is to read: the Flesch-Kincaid grade level (Kincaid et al. 1975), 0.39 · words per sentence +
 * 11.8 · syllables per word − 15.59, a US school grade; a reading age is about the grade plus five. Syllables are counted
 * by the usual rule of thumb (groups of vowels, a final silent "e" not counted, at least one a word), which is what
 * readability checkers do; names and numbers count as words.
 */
public final class Readability {
    private Readability() {
    }

    public static double grade(String text) {
        String[] sentences = Arrays.stream(text.split("[.!?:;]+(\\s|$)")).filter(s -> !s.isBlank()).toArray(String[]::new);
        String[] words = Arrays.stream(text.split("[^\\p{L}\\p{N}']+")).filter(w -> !w.isBlank()).toArray(String[]::new);
        if (sentences.length == 0 || words.length == 0) {
            throw new IllegalArgumentException("no sentence to read in '" + text + "'");
        }
        int syllables = Arrays.stream(words).mapToInt(Readability::syllables).sum();
        return 0.39 * words.length / sentences.length + 11.8 * syllables / words.length - 15.59;
    }

    static int syllables(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (w.isEmpty()) {
            return 1;
        }
        if (w.length() > 2 && w.endsWith("e") && !w.endsWith("le")) {
            w = w.substring(0, w.length() - 1);
        }
        int groups = w.replaceAll("[^aeiouy]+", " ").trim().isEmpty() ? 0 : w.replaceAll("[^aeiouy]+", " ").trim().split(" ").length;
        return Math.max(1, groups);
    }
}

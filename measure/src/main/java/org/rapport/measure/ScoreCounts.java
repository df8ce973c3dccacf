package org.rapport.measure;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A group's answers on one scale as counts of raw scores by the items answered. Given the items'
 * thresholds this is all the answers say about the group's level (the raw score is sufficient for a
 * person's measure in a Rasch model), and counts of parts of a group add up to the group's.
 */
public final class ScoreCounts {
    private final Map<AnswerPattern, int[]> counts = new HashMap<>();
    private int respondents;

    /** One respondent who scored {@code score} on the items of {@code pattern}. */
    public void add(AnswerPattern pattern, int score) {
        add(pattern, score, 1);
    }

    /** {@code times} respondents who scored {@code score} on the items of {@code pattern}. */
    public void add(AnswerPattern pattern, int score, int times) {
        if (pattern.size() == 0) {
            throw new IllegalArgumentException("a respondent who answered no item has no score to count");
        }
        if (score < 0 || score > pattern.maxScore()) {
            throw new IllegalArgumentException("score " + score + " is outside 0.." + pattern.maxScore());
        }
        if (times < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + times);
        }
        counts.computeIfAbsent(pattern, p -> new int[p.maxScore() + 1])[score] += times;
        respondents += times;
    }

    /** Adds another group's counts (a part of this group). */
    public void addAll(ScoreCounts other) {
        other.counts.forEach((pattern, byScore) -> {
            int[] mine = counts.computeIfAbsent(pattern, p -> new int[p.maxScore() + 1]);
            for (int r = 0; r < byScore.length; r++) {
                mine[r] += byScore[r];
            }
        });
        respondents += other.respondents;
    }

    public int respondents() {
        return respondents;
    }

    /** Respondents by score, for each set of answered items (read only). */
    Map<AnswerPattern, int[]> byPattern() {
        return Collections.unmodifiableMap(counts);
    }
}

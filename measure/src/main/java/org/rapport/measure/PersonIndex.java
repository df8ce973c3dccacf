package org.rapport.measure;

/** Each person's answer pattern (as an index into {@link SufficientStatistics#patterns()}) and raw score. */
public final class PersonIndex {
    private final int[] pattern;
    private final int[] score;

    public PersonIndex(int persons) {
        this.pattern = new int[persons];
        this.score = new int[persons];
    }

    void set(int person, int patternIndex, int rawScore) {
        pattern[person] = patternIndex;
        score[person] = rawScore;
    }

    public int persons() {
        return pattern.length;
    }

    public int pattern(int person) {
        return pattern[person];
    }

    public int score(int person) {
        return score[person];
    }
}

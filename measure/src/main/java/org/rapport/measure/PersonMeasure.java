package org.rapport.measure;

/** A person's raw score on the items they answered and their measure in logits with its standard error. */
public record PersonMeasure(int score, int maxScore, double measure, double standardError) {

    /** True when the person answered nothing, so no measure exists. */
    public boolean isEmpty() {
        return maxScore == 0;
    }

    public boolean isExtreme() {
        return score == 0 || score == maxScore;
    }
}

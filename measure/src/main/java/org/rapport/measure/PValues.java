package org.rapport.measure;

import java.util.Arrays;
import java.util.Comparator;

/** What the procedures for many tests at once share: checked p-values in ascending order. */
final class PValues {
    private PValues() {
    }

    /** The indices of {@code pValues}, smallest p-value first; each must be a probability. */
    static Integer[] ascending(double[] pValues) {
        Integer[] order = new Integer[pValues.length];
        for (int i = 0; i < pValues.length; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " is " + pValues[i] + ", not a probability");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        return order;
    }
}

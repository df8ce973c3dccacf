package org.rapport.app.measures;

import org.rapport.measure.ItemParameters;

/** A scale's stored calibration: anchored PCM thresholds and the reference mean and SD that fix Rapport points. */
public record ScaleFit(Scale scale, boolean calibrated, String problem, int persons, double referenceMean,
                       double referenceSd, double reliability, ItemParameters items, double[][] standardErrors,
                       int[][] categories) {

    /** The model category of answer {@code value} to item {@code item}. */
    public int category(int item, int value) {
        return categories[item][value];
    }

    /** An item's location: the mean of its thresholds. */
    public double location(int item) {
        double sum = 0;
        for (int k = 1; k <= items.maxCategory(item); k++) {
            sum += items.threshold(item, k);
        }
        return sum / items.maxCategory(item);
    }

    /** Standard error of {@link #location}, taking the thresholds' errors as independent. */
    public double locationError(int item) {
        double sum = 0;
        for (double se : standardErrors[item]) {
            sum += se * se;
        }
        return Math.sqrt(sum) / standardErrors[item].length;
    }
}

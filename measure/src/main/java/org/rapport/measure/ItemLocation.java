package org.rapport.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * An item's location on the latent scale: the mean of its step thresholds, with the standard error of
 * that mean, from the calibration's covariance matrix or, where only the thresholds' errors are known,
 * taking them as independent (which overstates it: adjacent thresholds are correlated).
 */
public record ItemLocation(String item, double location, double standardError) {

    /** The location of every item of a calibration, with the standard error its thresholds' covariances give. */
    public static List<ItemLocation> of(Calibration calibration) {
        return of(calibration.items(), calibration.locationStandardErrors());
    }

    /** The location of every item, with each location's standard error as given. */
    public static List<ItemLocation> of(ItemParameters items, double[] standardErrors) {
        List<ItemLocation> out = new ArrayList<>(items.items());
        for (int i = 0; i < items.items(); i++) {
            out.add(new ItemLocation(items.itemNames().get(i), mean(items, i), standardErrors[i]));
        }
        return out;
    }

    /** The location of every item, from its thresholds and their errors alone. */
    public static List<ItemLocation> of(ItemParameters items, double[][] standardErrors) {
        List<ItemLocation> out = new ArrayList<>(items.items());
        for (int i = 0; i < items.items(); i++) {
            int steps = items.maxCategory(i);
            double variance = 0;
            for (int k = 1; k <= steps; k++) {
                variance += standardErrors[i][k - 1] * standardErrors[i][k - 1];
            }
            out.add(new ItemLocation(items.itemNames().get(i), mean(items, i), Math.sqrt(variance) / steps));
        }
        return out;
    }

    private static double mean(ItemParameters items, int item) {
        double sum = 0;
        for (int k = 1; k <= items.maxCategory(item); k++) {
            sum += items.threshold(item, k);
        }
        return sum / items.maxCategory(item);
    }
}

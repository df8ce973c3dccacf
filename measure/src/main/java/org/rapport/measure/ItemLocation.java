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
        ItemParameters items = calibration.items();
        List<ItemLocation> out = new ArrayList<>(items.items());
        for (int i = 0; i < items.items(); i++) {
            int steps = items.maxCategory(i);
            double sum = 0;
            for (int k = 1; k <= steps; k++) {
                sum += items.threshold(i, k);
            }
            out.add(new ItemLocation(items.itemNames().get(i), sum / steps, calibration.locationStandardErrors()[i]));
        }
        return out;
    }

    /** The location of every item, from its thresholds and their errors alone. */
    public static List<ItemLocation> of(ItemParameters items, double[][] standardErrors) {
        List<ItemLocation> out = new ArrayList<>(items.items());
        for (int i = 0; i < items.items(); i++) {
            int steps = items.maxCategory(i);
            double sum = 0;
            double variance = 0;
            for (int k = 1; k <= steps; k++) {
                sum += items.threshold(i, k);
                variance += standardErrors[i][k - 1] * standardErrors[i][k - 1];
            }
            out.add(new ItemLocation(items.itemNames().get(i), sum / steps, Math.sqrt(variance) / steps));
        }
        return out;
    }
}

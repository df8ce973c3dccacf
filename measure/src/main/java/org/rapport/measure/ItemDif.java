package org.rapport.measure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How large an item's differential functioning is, in the terms ETS classifies polytomous items by (Zwick,
 * Thayer and Mazzeo 1997; Zwick 2012): the standardised mean difference SMD/SD, the focal group's expected
 * answer minus the reference group's at the same measures, averaged over the focal group's members and divided
 * by the item's standard deviation over both groups. ETS's category C ("moderate to large") is an SMD/SD beyond
 * 0.25 in either direction with the difference beyond chance. A difference of locations in logits is no size:
 * the same shift moves an item whose answers sit at the top of its scale far less than one in the middle.
 *
 * <p>Here the expectations come from the two groups' own calibrations (model-based, where ETS matches on raw
 * scores), on the scale the comparison centres: the reference calibration's thresholds moved by the
 * difference of the two calibrations' mean locations over the items both share.
 */
public final class ItemDif {
    /** ETS's boundary of category C for polytomous items: |SMD/SD| above it. */
    public static final double CATEGORY_C = 0.25;

    private ItemDif() {
    }

    /**
     * SMD/SD of each item both calibrations share, by name: {@code focalMeasures} are the focal group's person
     * measures on the focal calibration, {@code reference} and {@code focal} the two groups' answers (for the SD).
     */
    public static Map<String, Double> standardisedMeanDifferences(Calibration reference, Calibration focal, double[] focalMeasures,
                                                                  ResponseMatrix referenceAnswers, ResponseMatrix focalAnswers) {
        ItemParameters ref = reference.items();
        ItemParameters foc = focal.items();
        Map<String, Integer> refIndex = new HashMap<>();
        for (int i = 0; i < ref.items(); i++) {
            refIndex.put(ref.itemNames().get(i), i);
        }
        List<ItemLocation> refLocations = ItemLocation.of(reference);
        List<ItemLocation> focLocations = ItemLocation.of(focal);
        double refMean = 0, focMean = 0;
        int shared = 0;
        for (int j = 0; j < foc.items(); j++) {
            Integer i = refIndex.get(foc.itemNames().get(j));
            if (i != null) {
                refMean += refLocations.get(i).location();
                focMean += focLocations.get(j).location();
                shared++;
            }
        }
        Map<String, Double> out = new HashMap<>();
        if (shared == 0) {
            return out;
        }
        // a focal measure θ is θ + shift on the reference calibration's scale
        double shift = (refMean - focMean) / shared;
        double[] p = new double[Math.max(ref.largestMaxCategory(), foc.largestMaxCategory()) + 1];
        for (int j = 0; j < foc.items(); j++) {
            Integer i = refIndex.get(foc.itemNames().get(j));
            if (i == null) {
                continue;
            }
            double difference = 0;
            for (double theta : focalMeasures) {
                difference += expected(foc, j, theta, p) - expected(ref, i, theta + shift, p);
            }
            difference /= focalMeasures.length;
            double sd = standardDeviation(referenceAnswers, referenceAnswers.itemNames().indexOf(foc.itemNames().get(j)),
                    focalAnswers, j);
            out.put(foc.itemNames().get(j), sd > 0 ? difference / sd : 0.0);
        }
        return out;
    }

    static double expected(ItemParameters items, int item, double theta, double[] p) {
        items.categoryProbabilities(item, theta, p);
        double mean = 0;
        for (int h = 1; h <= items.maxCategory(item); h++) {
            mean += h * p[h];
        }
        return mean;
    }

    /** The standard deviation of an item's answers over both groups together. */
    static double standardDeviation(ResponseMatrix a, int itemA, ResponseMatrix b, int itemB) {
        double n = 0, sum = 0, squares = 0;
        for (ResponseMatrix m : new ResponseMatrix[] {a, b}) {
            int item = m == a ? itemA : itemB;
            if (item < 0) {
                continue;
            }
            for (int v = 0; v < m.persons(); v++) {
                int x = m.get(v, item);
                if (x != ResponseMatrix.MISSING) {
                    n++;
                    sum += x;
                    squares += (double) x * x;
                }
            }
        }
        return n < 2 ? 0 : Math.sqrt(Math.max(0, (squares - sum * sum / n) / (n - 1)));
    }
}

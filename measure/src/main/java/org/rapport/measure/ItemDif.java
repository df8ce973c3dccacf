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
 * difference of the two calibrations' centres over the items judged free of DIF ({@link ItemDrift}).
 */
public final class ItemDif {
    /** ETS's boundary of category C for polytomous items: |SMD/SD| above it. */
    public static final double CATEGORY_C = 0.25;

    private ItemDif() {
    }

    /**
     * The sizes of one comparison of two groups: both groups' calibrations and answers, and the focal group's person
     * measures on its own calibration. A size is taken on the scale the comparison centres ({@link #of}), so that it
     * is the size of the same difference the test of chance judges: centred on the items judged free of DIF, not on
     * every shared item (an item with DIF in the centre moves every other item's size the other way by its DIF over
     * the number of items: on three items, a clean item read 0.36 where a planted one was 1.5 logits).
     */
    public static final class Sizes {
        private final ItemParameters reference;
        private final ItemParameters focal;
        private final double[] focalMeasures;
        private final ResponseMatrix referenceAnswers;
        private final ResponseMatrix focalAnswers;
        private final Map<String, Integer> referenceIndex = new HashMap<>();
        private final Map<String, Integer> focalIndex = new HashMap<>();
        private final Map<String, Double> referenceLocation = new HashMap<>();
        private final Map<String, Double> focalLocation = new HashMap<>();
        private final Map<String, Double> deviations = new java.util.concurrent.ConcurrentHashMap<>();

        public Sizes(Calibration reference, Calibration focal, double[] focalMeasures, ResponseMatrix referenceAnswers,
                     ResponseMatrix focalAnswers) {
            this.reference = reference.items();
            this.focal = focal.items();
            this.focalMeasures = focalMeasures.clone();
            this.referenceAnswers = referenceAnswers;
            this.focalAnswers = focalAnswers;
            for (int i = 0; i < this.reference.items(); i++) {
                referenceIndex.put(this.reference.itemNames().get(i), i);
            }
            for (int j = 0; j < this.focal.items(); j++) {
                focalIndex.put(this.focal.itemNames().get(j), j);
            }
            ItemLocation.of(reference).forEach(l -> referenceLocation.put(l.item(), l.location()));
            ItemLocation.of(focal).forEach(l -> focalLocation.put(l.item(), l.location()));
        }

        /**
         * SMD/SD of the compared item, on the comparison's own centring: a focal measure θ is θ + shift on the reference
         * calibration's scale, the shift being the difference of the two centres the comparison used. 0 for an item
         * either group lacks.
         */
        public double of(ItemDrift.Comparison comparison) {
            String item = comparison.item();
            Integer i = referenceIndex.get(item);
            Integer j = focalIndex.get(item);
            if (i == null || j == null || focalMeasures.length == 0) {
                return 0;
            }
            // reference() = location − reference centre, now() = location − focal centre
            double shift = (referenceLocation.get(item) - comparison.reference()) - (focalLocation.get(item) - comparison.now());
            double[] p = new double[Math.max(reference.largestMaxCategory(), focal.largestMaxCategory()) + 1];
            double difference = 0;
            for (double theta : focalMeasures) {
                difference += expected(focal, j, theta, p) - expected(reference, i, theta + shift, p);
            }
            difference /= focalMeasures.length;
            // the same item is sized again in each round of the comparison's purification: its SD is counted once
            double sd = deviations.computeIfAbsent(item, x -> standardDeviation(referenceAnswers, referenceAnswers.itemNames().indexOf(x),
                    focalAnswers, focalAnswers.itemNames().indexOf(x)));
            return sd > 0 ? difference / sd : 0;
        }
    }

    /** Both groups' items compared and judged (Holm at {@code familywiseAlpha}), flagged where beyond chance and of category C. */
    public static List<ItemDrift.Comparison> judge(List<ItemLocation> reference, List<ItemLocation> focal, Sizes sizes, double familywiseAlpha) {
        return ItemDrift.compare(List.of(new ItemDrift.Pair(reference, focal)),
                (pair, c) -> Math.abs(sizes.of(c)) > CATEGORY_C, familywiseAlpha).get(0);
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

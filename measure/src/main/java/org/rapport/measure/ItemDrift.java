package org.rapport.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Whether items moved between two calibrations of the same scale. Both sets of locations are centred
 * on the mean of the items they share, so a general rise or fall of the persons (or a shift of origin)
 * is not drift. An item is flagged when its centred location moved by more than {@code tolerance}
 * logits and the move is beyond chance across all the items compared at once ({@link Holm}, two-sided
 * normal p-values of difference / standard error).
 */
public final class ItemDrift {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ItemDrift() {
    }

    /** One item compared: centred locations then and now, their difference and its standard error. */
    public record Comparison(String item, double reference, double now, double difference, double standardError, boolean flagged) {

        /** Two-sided p-value of the difference under no drift. */
        public double pValue() {
            return standardError > 0 ? 2 * STANDARD_NORMAL.survivalProbability(Math.abs(difference) / standardError)
                    : difference == 0 ? 1 : 0;
        }
    }

    /** Items of both calibrations, in the order of {@code now}, each flagged or not. */
    public static List<Comparison> compare(List<ItemLocation> reference, List<ItemLocation> now, double tolerance,
                                           double familywiseAlpha) {
        return flag(centred(reference, now), tolerance, familywiseAlpha);
    }

    /** Items shared by both, centred on their own set's mean over the shared items; none flagged yet. */
    public static List<Comparison> centred(List<ItemLocation> reference, List<ItemLocation> now) {
        Map<String, ItemLocation> before = new HashMap<>();
        reference.forEach(l -> before.put(l.item(), l));
        List<ItemLocation[]> shared = new ArrayList<>();
        for (ItemLocation l : now) {
            ItemLocation b = before.get(l.item());
            if (b != null) {
                shared.add(new ItemLocation[] {b, l});
            }
        }
        double referenceMean = shared.stream().mapToDouble(p -> p[0].location()).average().orElse(0);
        double nowMean = shared.stream().mapToDouble(p -> p[1].location()).average().orElse(0);
        List<Comparison> out = new ArrayList<>(shared.size());
        for (ItemLocation[] p : shared) {
            double a = p[0].location() - referenceMean;
            double b = p[1].location() - nowMean;
            out.add(new Comparison(p[1].item(), a, b, b - a, Math.hypot(p[0].standardError(), p[1].standardError()), false));
        }
        return out;
    }

    /** Flags, across every comparison given (of one scale or of many), the moves beyond the tolerance and beyond chance. */
    public static List<Comparison> flag(List<Comparison> comparisons, double tolerance, double familywiseAlpha) {
        double[] p = comparisons.stream().mapToDouble(Comparison::pValue).toArray();
        boolean[] beyondChance = Holm.rejected(p, familywiseAlpha);
        List<Comparison> out = new ArrayList<>(comparisons.size());
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison c = comparisons.get(i);
            out.add(new Comparison(c.item(), c.reference(), c.now(), c.difference(), c.standardError(),
                    beyondChance[i] && Math.abs(c.difference()) > tolerance));
        }
        return out;
    }
}

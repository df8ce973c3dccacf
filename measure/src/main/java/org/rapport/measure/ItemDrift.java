package org.rapport.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Whether items moved between two calibrations of the same scale. Both sets of locations are centred
 * on the mean of the items they share, so a general rise or fall of the persons (or a shift of origin)
 * is not drift. An item is flagged when its centred location moved by more than {@code tolerance}
 * logits and the move is beyond chance across all the items compared at once ({@link Holm}, two-sided
 * normal p-values of difference / standard error). The centre is purified: items flagged leave it, so
 * that one item that moved far does not drag every other item's difference with it.
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

    /** Two calibrations' locations of one set of items (one scale), centred together. */
    public record Pair(List<ItemLocation> reference, List<ItemLocation> now) {
    }

    /** Items of both calibrations, in the order of {@code now}, each flagged or not. */
    public static List<Comparison> compare(List<ItemLocation> reference, List<ItemLocation> now, double tolerance,
                                           double familywiseAlpha) {
        return compare(List.of(new Pair(reference, now)), tolerance, familywiseAlpha).get(0);
    }

    /**
     * Each pair's shared items (a list per pair, in the order of its {@code now}), judged across all pairs
     * at once. Purified one item at a time: while a pair's centre still includes a flagged item, the one
     * furthest beyond chance leaves it and everything is judged again. One at a time, because a single
     * item far off can drag every other item over the line, and leaving them all out would leave no centre.
     */
    public static List<List<Comparison>> compare(List<Pair> pairs, double tolerance, double familywiseAlpha) {
        return compare(pairs, (pair, c) -> Math.abs(c.difference()) > tolerance, familywiseAlpha);
    }

    /** Whether a comparison (of pair {@code pair}, counted from 0) is large enough to flag, once beyond chance. */
    @FunctionalInterface
    public interface Size {
        boolean large(int pair, Comparison comparison);
    }

    /** As {@link #compare(List, double, double)}, with what counts as large given by {@code large}. */
    public static List<List<Comparison>> compare(List<Pair> pairs, Size large, double familywiseAlpha) {
        List<Set<String>> leftOut = pairs.stream().map(p -> (Set<String>) new HashSet<String>()).toList();
        while (true) {
            List<Comparison> all = new ArrayList<>();
            int[] sizes = new int[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                List<Comparison> centred = centred(pairs.get(i).reference(), pairs.get(i).now(), leftOut.get(i));
                sizes[i] = centred.size();
                all.addAll(centred);
            }
            int[] pairOf = new int[all.size()];
            for (int i = 0, k = 0; i < pairs.size(); i++) {
                for (int j = 0; j < sizes[i]; j++) {
                    pairOf[k++] = i;
                }
            }
            List<Comparison> flat = flag(all, (k, c) -> large.large(pairOf[k], c), familywiseAlpha);
            List<List<Comparison>> judged = new ArrayList<>();
            boolean purer = false;
            for (int i = 0, from = 0; i < pairs.size(); i++) {
                List<Comparison> own = flat.subList(from, from + sizes[i]);
                judged.add(own);
                from += sizes[i];
                Set<String> out = leftOut.get(i);
                Optional<Comparison> worst = own.stream().filter(c -> c.flagged() && !out.contains(c.item()))
                        .max(Comparator.comparingDouble(c -> Math.abs(c.difference()) / c.standardError()));
                // a centre needs at least two items
                if (worst.isPresent() && own.size() - out.size() > 2) {
                    out.add(worst.get().item());
                    purer = true;
                }
            }
            if (!purer) {
                return judged;
            }
        }
    }

    /** Items shared by both, centred on their own set's mean over the shared items; none flagged yet. */
    public static List<Comparison> centred(List<ItemLocation> reference, List<ItemLocation> now) {
        return centred(reference, now, Set.of());
    }

    /**
     * Items shared by both, centred on their own set's mean over the shared items not {@code leftOut}
     * (over all shared items where that leaves none); none flagged yet.
     */
    static List<Comparison> centred(List<ItemLocation> reference, List<ItemLocation> now, Set<String> leftOut) {
        Map<String, ItemLocation> before = new HashMap<>();
        reference.forEach(l -> before.put(l.item(), l));
        List<ItemLocation[]> shared = new ArrayList<>();
        for (ItemLocation l : now) {
            ItemLocation b = before.get(l.item());
            if (b != null) {
                shared.add(new ItemLocation[] {b, l});
            }
        }
        List<ItemLocation[]> anchors = shared.stream().filter(p -> !leftOut.contains(p[1].item())).toList();
        if (anchors.isEmpty()) {
            anchors = shared;
        }
        double referenceMean = anchors.stream().mapToDouble(p -> p[0].location()).average().orElse(0);
        double nowMean = anchors.stream().mapToDouble(p -> p[1].location()).average().orElse(0);
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
        return flag(comparisons, (k, c) -> Math.abs(c.difference()) > tolerance, familywiseAlpha);
    }

    /** As {@link #flag(List, double, double)}, with what counts as large given by {@code large} (called with each comparison's index). */
    static List<Comparison> flag(List<Comparison> comparisons, Size large, double familywiseAlpha) {
        double[] p = comparisons.stream().mapToDouble(Comparison::pValue).toArray();
        boolean[] beyondChance = Holm.rejected(p, familywiseAlpha);
        List<Comparison> out = new ArrayList<>(comparisons.size());
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison c = comparisons.get(i);
            out.add(new Comparison(c.item(), c.reference(), c.now(), c.difference(), c.standardError(),
                    beyondChance[i] && large.large(i, c)));
        }
        return out;
    }
}

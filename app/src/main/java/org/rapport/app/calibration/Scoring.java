package org.rapport.app.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.response.AnswerRow;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.PersonEstimator;
import org.rapport.measure.PersonMeasure;
import org.rapport.measure.ResponseMatrix;

/** Turns stored answers into Rasch data: calibration matrices and anchored person measures. */
public final class Scoring {
    private Scoring() {
    }

    /** A respondent's block: their response, about one teacher or (target null) about no one in particular. */
    private record Block(UUID response, Long target) {
    }

    /**
     * The matrix a scale is calibrated on. A row is one block (a pupil about one teacher, a teacher
     * about colleagues) when the block holds two or more of the scale's items. A pupil's blocks hold
     * one item of each facet per teacher, which carries nothing for conditional ML; facet rows then
     * pool a pupil's blocks (their items differ by rotation), starting a new row where an item
     * repeats. Conditioning on each row's score removes the pupil's level; the teachers' differences
     * within a row are what remains, spread evenly over the items by the rotation.
     */
    public static ResponseMatrix calibrationMatrix(List<AnswerRow> answers, Scale scale, ItemBank bank) {
        List<Item> items = scale.items(bank);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            column.put(items.get(i).id(), i);
        }
        boolean pooled = scale.relationship().perTarget() && !scale.isRelationship()
                && scale.relationship().itemsPerFacet() < 2;
        Map<Block, List<int[]>> rowsByUnit = new LinkedHashMap<>();
        for (AnswerRow a : answers) {
            Integer j = column.get(a.item());
            if (j == null) {
                continue;
            }
            Block unit = new Block(a.response(), pooled ? null : a.target());
            List<int[]> rows = rowsByUnit.computeIfAbsent(unit, u -> new ArrayList<>());
            int[] target = null;
            for (int[] row : rows) {
                if (row[j] == ResponseMatrix.MISSING) {
                    target = row;
                    break;
                }
            }
            if (target == null) {
                target = new int[items.size()];
                Arrays.fill(target, ResponseMatrix.MISSING);
                rows.add(target);
            }
            target[j] = a.value();
        }
        List<int[]> rows = rowsByUnit.values().stream().flatMap(List::stream).toList();
        return ResponseMatrix.of(items.stream().map(Item::id).toList(), rows.toArray(int[][]::new));
    }

    /**
     * WLE of every block on anchored parameters, in Rapport points (50 + 10·(θ − mean)/sd of the
     * reference), answers mapped to the calibration's categories.
     */
    public static List<UnitMeasure> score(List<AnswerRow> answers, Scale scale, ItemBank bank, ItemParameters anchors,
                                          int[][] categories, double referenceMean, double referenceSd) {
        Map<Block, List<AnswerRow>> byUnit = new LinkedHashMap<>();
        for (AnswerRow a : answers) {
            byUnit.computeIfAbsent(new Block(a.response(), a.target()), u -> new ArrayList<>()).add(a);
        }
        Anchored anchored = new Anchored(scale, anchors, categories, referenceMean, referenceSd, bank);
        List<UnitMeasure> out = new ArrayList<>(byUnit.size());
        for (List<AnswerRow> unit : byUnit.values()) {
            UnitMeasure m = anchored.score(unit);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * A scale's anchored scoring, made once per calibration and scale: one block's answers to its measure. Shared by every
     * response scored at once (submissions, a calibration's rescoring): a block's WLE depends only on which items it
     * answered and its raw score, so each pair is estimated once and then looked up; the estimator, which keeps scratch
     * arrays, is used by one thread at a time (shared unguarded, concurrent submissions got one another's measures).
     */
    public static final class Anchored {
        private final Scale scale;
        private final ItemBank bank;
        private final Map<String, Integer> column = new HashMap<>();
        private final PersonEstimator wle;
        private final ItemParameters anchors;
        /** Measure and standard error in logits, by the answered items (a bit per item) and the raw score. */
        private final java.util.concurrent.ConcurrentHashMap<PatternScore, double[]> measures = new java.util.concurrent.ConcurrentHashMap<>();

        private record PatternScore(long items, int score) {
        }
        private final int[][] categories;
        private final double referenceMean;
        private final double referenceSd;

        public Anchored(Scale scale, ScaleFit fit, ItemBank bank) {
            this(scale, fit.items(), fit.categories(), fit.referenceMean(), fit.referenceSd(), bank);
        }

        Anchored(Scale scale, ItemParameters anchors, int[][] categories, double referenceMean, double referenceSd, ItemBank bank) {
            this.scale = scale;
            this.bank = bank;
            this.categories = categories;
            this.referenceMean = referenceMean;
            this.referenceSd = referenceSd;
            this.anchors = anchors;
            for (int i = 0; i < anchors.items(); i++) {
                column.put(anchors.itemNames().get(i), i);
            }
            this.wle = PersonEstimator.wle(anchors);
        }

        /** The block's measure on the scale, or null when it answered none of the scale's calibrated items. */
        public UnitMeasure score(List<AnswerRow> block) {
            List<AnswerRow> unit = new ArrayList<>();
            for (AnswerRow a : block) {
                if (column.containsKey(a.item()) && bank.item(a.item()).map(scale::contains).orElse(false)) {
                    unit.add(a);
                }
            }
            if (unit.isEmpty()) {
                return null;
            }
            int[] answered = unit.stream().mapToInt(a -> column.get(a.item())).sorted().distinct().toArray();
            int score = 0;
            int[] counts = new int[Item.MAX_VALUE + 1];
            for (AnswerRow a : unit) {
                score += categories[column.get(a.item())][a.value()];
                counts[a.value()]++;
            }
            double[] m = measure(answered, score);
            AnswerRow first = unit.get(0);
            return new UnitMeasure(first.response(), first.target(), first.windowId(), first.classId(),
                    toPoints(m[0], referenceMean, referenceSd), 10 * m[1] / referenceSd, counts, mask(answered), score);
        }

        /**
         * Each of these item ids' column on the scale, -1 for an item the scale does not count (not among its calibrated
         * items): what {@link #score(UUID, Long, long, Long, int[], int[], int[], int, int)} takes.
         */
        public int[] columns(List<String> itemIds) {
            int[] out = new int[itemIds.size()];
            for (int i = 0; i < out.length; i++) {
                String item = itemIds.get(i);
                Integer c = column.get(item);
                out[i] = c != null && bank.item(item).map(scale::contains).orElse(false) ? c : -1;
            }
            return out;
        }

        /**
         * The same measure as {@link #score(List)} of a block given as numbers: its answers are {@code items[k]} (numbers
         * whose columns {@link #columns} gave as {@code columns}) with {@code values[k]}, for k from {@code from} to
         * {@code to} (exclusive). Null when the block answered none of the scale's calibrated items.
         */
        public UnitMeasure score(UUID response, Long target, long windowId, Long classId, int[] columns, int[] items, int[] values,
                                 int from, int to) {
            boolean wide = column.size() > Long.SIZE;
            boolean[] seen = wide ? new boolean[column.size()] : null;
            long bits = 0;
            boolean any = false;
            int score = 0;
            int[] counts = new int[Item.MAX_VALUE + 1];
            for (int k = from; k < to; k++) {
                int c = columns[items[k]];
                if (c < 0) {
                    continue;
                }
                any = true;
                score += categories[c][values[k]];
                counts[values[k]]++;
                if (wide) {
                    seen[c] = true;
                } else {
                    bits |= 1L << c;
                }
            }
            if (!any) {
                return null;
            }
            double[] m;
            if (wide) {
                m = estimate(java.util.stream.IntStream.range(0, seen.length).filter(c -> seen[c]).toArray(), score);
            } else {
                int finalScore = score;
                long finalBits = bits;
                m = measures.computeIfAbsent(new PatternScore(bits, score), k -> estimate(columnsOf(finalBits), finalScore));
            }
            return new UnitMeasure(response, target, windowId, classId, toPoints(m[0], referenceMean, referenceSd),
                    10 * m[1] / referenceSd, counts, bits, score);
        }

        private static int[] columnsOf(long bits) {
            int[] out = new int[Long.bitCount(bits)];
            for (int i = 0, c = 0; c < out.length; i++) {
                if ((bits & (1L << i)) != 0) {
                    out[c++] = i;
                }
            }
            return out;
        }

        /** A bit per answered item, by its order in the calibration; 0 where the scale has more items than bits. */
        private long mask(int[] answered) {
            if (column.size() > Long.SIZE) {
                return 0;
            }
            long items = 0;
            for (int i : answered) {
                items |= 1L << i;
            }
            return items;
        }

        private double[] measure(int[] answered, int score) {
            if (column.size() > Long.SIZE) {
                return estimate(answered, score);
            }
            return measures.computeIfAbsent(new PatternScore(mask(answered), score), k -> estimate(answered, score));
        }

        /**
         * The scale's ends in logits: the measures of a respondent who gave every item's lowest answer and of one who
         * gave every highest (beyond them the scale tells nothing).
         */
        public double[] ends() {
            int[] all = new int[column.size()];
            int top = 0;
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
                top += anchors.maxCategory(i);
            }
            return new double[] {estimate(all, 0)[0], estimate(all, top)[0]};
        }

        /** The anchored items' parameters, in the order of the blocks' item bits. */
        public ItemParameters anchors() {
            return anchors;
        }

        /** Rapport points at 0 logits and per logit: points = offset + unit · logits. */
        public double[] points() {
            return new double[] {toPoints(0, referenceMean, referenceSd), 10 / referenceSd};
        }

        private double[] estimate(int[] answered, int score) {
            synchronized (wle) {
                PersonMeasure m = wle.estimate(answered, score);
                return new double[] {m.measure(), m.standardError()};
            }
        }
    }

    static double toPoints(double logits, double referenceMean, double referenceSd) {
        return 50 + 10 * (logits - referenceMean) / referenceSd;
    }
}

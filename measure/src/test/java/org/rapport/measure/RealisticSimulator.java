package org.rapport.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Answers as trust surveys have them, not as a textbook Rasch example: a scale of parts (facets) each with a person
 * effect of its own around the person's general level; item-specific steps, unequal and some narrow; a population
 * near the top of the scale (a ceiling); some respondents with an extreme response style (answers pushed to the ends);
 * and, planted on purpose and only where asked, drift of an item between windows, DIF of an item in a second group,
 * and an item answered half at random (misfit). Every check must find what is planted and only that.
 */
final class RealisticSimulator {
    static final int PARTS = 3;
    static final int ITEMS_PER_PART = 4;
    static final int CATEGORIES = 5;

    /** What is planted: an item moved (drift), an item harder in a group (DIF), an item answered half at random (misfit). */
    record Plant(int item, double shift) {
        static final Plant NONE = new Plant(-1, 0);
    }

    final ItemParameters items;
    private final SplittableRandom random;

    RealisticSimulator(long seed) {
        this.random = new SplittableRandom(seed);
        int count = PARTS * ITEMS_PER_PART;
        double[][] tau = new double[count][CATEGORIES - 1];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("p" + (i / ITEMS_PER_PART + 1) + "_" + (i % ITEMS_PER_PART + 1));
            double location = -0.8 + 1.6 * random.nextDouble();
            // steps of unequal width, item by item: some categories narrow, rarely chosen
            double[] gaps = new double[CATEGORIES - 1];
            double sum = 0;
            for (int k = 0; k < gaps.length; k++) {
                gaps[k] = 0.3 + 1.2 * random.nextDouble();
                sum += gaps[k];
            }
            double at = location - sum / 2;
            for (int k = 0; k < gaps.length; k++) {
                at += gaps[k];
                tau[i][k] = at - gaps[k] / 2;
            }
            Arrays.sort(tau[i]);
        }
        this.items = new ItemParameters(names, tau);
    }

    /**
     * {@code persons} respondents: general level N(mean, 1) (mean 1.5 puts most near the top), each part ± N(0, 0.5),
     * 15% with an extreme style; {@code drift} and {@code dif} move an item's thresholds, {@code misfit} answers an
     * item at random half the time; each answer missing with probability 5%.
     */
    ResponseMatrix answers(int persons, double mean, Plant drift, Plant dif, int misfit) {
        int count = items.items();
        int[][] rows = new int[persons][count];
        double[] p = new double[CATEGORIES];
        double[] shifted = new double[CATEGORIES - 1];
        for (int v = 0; v < persons; v++) {
            double general = mean + random.nextGaussian();
            double[] part = new double[PARTS];
            for (int q = 0; q < PARTS; q++) {
                part[q] = general + 0.5 * random.nextGaussian();
            }
            boolean extreme = random.nextDouble() < 0.15;
            for (int i = 0; i < count; i++) {
                if (random.nextDouble() < 0.05) {
                    rows[v][i] = ResponseMatrix.MISSING;
                    continue;
                }
                double move = (i == drift.item() ? drift.shift() : 0) + (i == dif.item() ? dif.shift() : 0);
                for (int k = 0; k < shifted.length; k++) {
                    shifted[k] = items.threshold(i, k + 1) + move;
                }
                ItemParameters one = new ItemParameters(List.of("x"), new double[][] {shifted});
                one.categoryProbabilities(0, part[i / ITEMS_PER_PART], p);
                int x = draw(p);
                if (i == misfit && random.nextDouble() < 0.5) {
                    x = random.nextInt(CATEGORIES);
                } else if (extreme && x != 2) {
                    x = x < 2 ? 0 : CATEGORIES - 1;
                }
                rows[v][i] = x;
            }
        }
        return ResponseMatrix.of(items.itemNames(), rows);
    }

    /**
     * One group's answers on one part: {@code respondents} of a group at general level {@code level}, each answering
     * {@code itemsEach} of the part's items (drawn at random); returns the answers and, in {@code truth[0]}, the mean of
     * the respondents' true measures on the part.
     */
    ResponseMatrix group(int part, int respondents, double level, int itemsEach, boolean styles, double[] truth) {
        int count = items.items();
        int[][] rows = new int[respondents][count];
        double[] p = new double[CATEGORIES];
        double sum = 0;
        for (int v = 0; v < respondents; v++) {
            Arrays.fill(rows[v], ResponseMatrix.MISSING);
            double theta = level + random.nextGaussian() + 0.5 * random.nextGaussian();
            sum += theta;
            boolean extreme = styles && random.nextDouble() < 0.15;
            List<Integer> pool = new ArrayList<>();
            for (int j = 0; j < ITEMS_PER_PART; j++) {
                pool.add(part * ITEMS_PER_PART + j);
            }
            for (int j = 0; j < itemsEach; j++) {
                int i = pool.remove(random.nextInt(pool.size()));
                items.categoryProbabilities(i, theta, p);
                int x = draw(p);
                if (extreme && x != 2) {
                    x = x < 2 ? 0 : CATEGORIES - 1;
                }
                rows[v][i] = x;
            }
        }
        truth[0] = sum / respondents;
        return ResponseMatrix.of(items.itemNames(), rows);
    }

    private int draw(double[] p) {
        double u = random.nextDouble();
        int h = 0;
        double cumulative = p[0];
        while (u > cumulative && h < p.length - 1) {
            h++;
            cumulative += p[h];
        }
        return h;
    }
}

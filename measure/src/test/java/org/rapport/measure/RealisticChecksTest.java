package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks on data as trust surveys have them ({@link RealisticSimulator}: parts with their own person effects,
 * unequal steps, a ceiling, extreme responders), each with one thing planted: drift of one item between windows, DIF
 * of one item in a second group, one item answered half at random. Each check must find what is planted and nothing
 * else, over several simulated networks (seeds printed).
 */
class RealisticChecksTest {
    static final int NETWORKS = 10;

    static Analysis fit(ResponseMatrix m) {
        int[][] categories = CategoryMerge.unusedCategories(m, RealisticSimulator.CATEGORIES - 1);
        return Analysis.run(CategoryMerge.recode(m, categories), Model.PCM);
    }

    @Test
    void driftOfOneItemIsFoundAndNoOther() {
        int found = 0;
        int falseFlags = 0;
        for (int n = 0; n < NETWORKS; n++) {
            long seed = 2400 + n;
            RealisticSimulator sim = new RealisticSimulator(seed);
            Analysis before = fit(sim.answers(3000, 1.5, RealisticSimulator.Plant.NONE, RealisticSimulator.Plant.NONE, -1));
            // the next window: everyone trusts a little more (not drift), and item 5 became a logit harder to agree with
            Analysis after = fit(sim.answers(3000, 1.8, new RealisticSimulator.Plant(5, 1.0), RealisticSimulator.Plant.NONE, -1));
            List<ItemDrift.Comparison> c = ItemDrift.compare(ItemLocation.of(before.calibration()), ItemLocation.of(after.calibration()),
                    0.5, 0.05);
            for (ItemDrift.Comparison x : c) {
                boolean planted = x.item().equals(sim.items.itemNames().get(5));
                found += planted && x.flagged() ? 1 : 0;
                falseFlags += !planted && x.flagged() ? 1 : 0;
            }
        }
        System.out.printf("realistic drift: planted found in %d of %d networks, %d other items flagged%n", found, NETWORKS, falseFlags);
        assertThat(found).isEqualTo(NETWORKS);
        assertThat(falseFlags).isLessThanOrEqualTo(NETWORKS / 20);
    }

    @Test
    void difOfOneItemIsFoundAndNoOther() {
        int found = 0;
        int falseFlags = 0;
        for (int n = 0; n < NETWORKS; n++) {
            long seed = 2500 + n;
            RealisticSimulator sim = new RealisticSimulator(seed);
            ResponseMatrix reference = sim.answers(2000, 1.5, RealisticSimulator.Plant.NONE, RealisticSimulator.Plant.NONE, -1);
            // a second language's families: trusting less overall (not DIF), item 2 a logit harder in translation
            ResponseMatrix focal = sim.answers(600, 1.0, RealisticSimulator.Plant.NONE, new RealisticSimulator.Plant(2, 1.0), -1);
            int[][] categories = CategoryMerge.unusedCategories(reference, 4);
            ResponseMatrix a = CategoryMerge.recode(reference, categories);
            ResponseMatrix b = CategoryMerge.recode(focal, categories);
            Analysis ofA = Analysis.run(a, Model.PCM);
            Analysis ofB = Analysis.run(b, Model.PCM);
            double[] measures = java.util.Arrays.stream(ofB.persons()).mapToDouble(PersonMeasure::measure).toArray();
            ItemDif.Sizes sizes = new ItemDif.Sizes(ofA.calibration(), ofB.calibration(), measures, a, b);
            for (ItemDrift.Comparison x : ItemDif.judge(ItemLocation.of(ofA.calibration()), ItemLocation.of(ofB.calibration()), sizes, 0.05)) {
                boolean planted = x.item().equals(sim.items.itemNames().get(2));
                found += planted && x.flagged() ? 1 : 0;
                falseFlags += !planted && x.flagged() ? 1 : 0;
            }
        }
        System.out.printf("realistic DIF: planted found in %d of %d networks, %d other items flagged%n", found, NETWORKS, falseFlags);
        assertThat(found).isGreaterThanOrEqualTo(NETWORKS - 1);
        assertThat(falseFlags).isLessThanOrEqualTo(NETWORKS / 20);
    }

    @Test
    void anItemAnsweredHalfAtRandomMisfitsAndTheOthersDoNot() {
        int found = 0;
        List<String> others = new ArrayList<>();
        for (int n = 0; n < NETWORKS; n++) {
            long seed = 2600 + n;
            RealisticSimulator sim = new RealisticSimulator(seed);
            Analysis a = fit(sim.answers(2000, 1.5, RealisticSimulator.Plant.NONE, RealisticSimulator.Plant.NONE, 7));
            FitStatistic[] fit = a.itemFit();
            for (int i = 0; i < fit.length; i++) {
                // an item's answers are noise where its infit mean-square is beyond 1.3 (Wright and Linacre's bound for surveys)
                boolean flagged = fit[i].infitMeanSquare() > 1.3;
                if (i == 7) {
                    found += flagged ? 1 : 0;
                } else if (flagged) {
                    others.add(seed + ":" + sim.items.itemNames().get(i) + "=" + fit[i].infitMeanSquare());
                }
            }
        }
        System.out.printf("realistic misfit: planted found in %d of %d networks; others beyond 1.3: %s%n", found, NETWORKS, others);
        assertThat(found).isEqualTo(NETWORKS);
        assertThat(others).isEmpty();
    }

    /** Coverage of a group's true mean on one part by the model's 90% interval, with and without response styles. */
    static double coverage(long seed, double level, int itemsEach, boolean styles, int groups) {
        RealisticSimulator sim = new RealisticSimulator(seed);
        ItemParameters part = sim.items;
        GroupLevelEstimator estimator = new GroupLevelEstimator(part, 0.90);
        int[] max = part.maxCategories();
        List<ScoreCounts> network = new ArrayList<>();
        double[] truth = new double[1];
        for (int g = 0; g < 40; g++) {
            network.add(counts(sim.group(0, 25, level, itemsEach, styles, truth), max));
        }
        double typical = estimator.typicalSpread(network);
        int covered = 0;
        for (int g = 0; g < groups; g++) {
            ScoreCounts c = counts(sim.group(0, 25, level, itemsEach, styles, truth), max);
            covered += estimator.estimate(c, 25, typical).covers(truth[0]) ? 1 : 0;
        }
        return (double) covered / groups;
    }

    static ScoreCounts counts(ResponseMatrix m, int[] max) {
        ScoreCounts c = new ScoreCounts();
        for (int v = 0; v < m.persons(); v++) {
            int[] row = new int[m.items()];
            int score = 0;
            for (int i = 0; i < m.items(); i++) {
                row[i] = m.get(v, i);
                score += Math.max(0, row[i]);
            }
            c.add(AnswerPattern.of(row, max), score);
        }
        return c;
    }

    /**
     * The model's 90% interval for a group of 25 on one part, on realistic data: unequal steps and part effects the
     * model allows for; extreme responders (15%) it does not, and its intervals then cover less. Both measured, the
     * first held to within three points of 90% (and Monte Carlo error, 1,000 groups a cell), the second recorded in
     * docs/REPORTS.md as a known limit and held to what was measured.
     */
    @Test
    void coverageOnAPartHoldsWhereTheModelHoldsAndIsRecordedWhereResponseStylesBreakIt() {
        List<String> table = new ArrayList<>();
        for (boolean styles : new boolean[] {false, true}) {
            for (double level : new double[] {0, 1.5, 3}) {
                for (int k : new int[] {1, 4}) {
                    double c = coverage(77, level, k, styles, 1000);
                    table.add(String.format("styles %s level %.1f items %d: %.3f", styles, level, k, c));
                    assertThat(c).as("styles %s level %s items %d", styles, level, k).isBetween(styles ? 0.78 : 0.87, styles ? 0.93 : 0.94);
                }
            }
        }
        System.out.println("realistic coverage (seed 77): " + table);
    }
}

package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A school's result on a part about teachers, as the reports measure it: each of 60 pupils answers one item of six
 * about each of their 5 teachers, every part a member of the school's group, and a pupil's parts share the pupil's own
 * trust (pupil effect SD 0.8 logit, each part's own 0.6 around it). With no true change and every pupil's trust drawn
 * afresh in the second window, the model that counts the 300 parts as independent members says "likely better" or
 * "likely worse" far more often than 5% each way; widened by the design effect of the pupils' parts
 * ({@link DesignEffect}, from the parts' WLEs), at most 5% each way. Seed printed; {@value #SCHOOLS} schools a case.
 */
class ClusteredPartsChangeTest {
    static final long SEED = 2413;
    static final int SCHOOLS = 2000;
    static final int PUPILS = 60;
    static final int PARTS = 5;

    record Rates(double better, double worse, double meanDesignEffect) {
    }

    static Rates simulate(boolean widened, double level, long seed) {
        ItemParameters items = Simulator.items(6, 5, 31);
        Simulator answers = new Simulator(items, seed);
        SplittableRandom random = new SplittableRandom(seed);
        GroupLevelEstimator estimator = new GroupLevelEstimator(items, 0.90);
        PersonEstimator wle = PersonEstimator.wle(items);
        double[] p = new double[items.largestMaxCategory() + 1];
        int better = 0;
        int worse = 0;
        double effects = 0;
        for (int c = 0; c < SCHOOLS; c++) {
            GroupMeasure[] windows = new GroupMeasure[2];
            for (int w = 0; w < 2; w++) {
                ScoreCounts counts = new ScoreCounts();
                ClusterSums clusters = new ClusterSums();
                double[] measures = new double[PARTS];
                for (int v = 0; v < PUPILS; v++) {
                    double pupil = level + 0.8 * random.nextGaussian();
                    for (int t = 0; t < PARTS; t++) {
                        double theta = pupil + 0.6 * random.nextGaussian();
                        int[] row = new int[items.items()];
                        Arrays.fill(row, -1);
                        int item = random.nextInt(items.items());
                        row[item] = answers.answer(item, theta, p);
                        AnswerPattern pattern = AnswerPattern.of(row, items.maxCategories());
                        counts.add(pattern, row[item]);
                        measures[t] = wle.estimate(pattern, row[item]).measure();
                    }
                    clusters.add(measures, PARTS);
                }
                GroupMeasure m = GroupMeasure.ofLevel(estimator.estimate(counts, PUPILS * PARTS, 1.0), 0, 1, -6, 6);
                double effect = clusters.designEffect().value();
                effects += effect;
                windows[w] = widened ? m.widened(effect) : m;
            }
            GroupChange.Verdict verdict = GroupChange.between(windows[0], windows[1]).verdict();
            better += verdict == GroupChange.Verdict.LIKELY_BETTER ? 1 : 0;
            worse += verdict == GroupChange.Verdict.LIKELY_WORSE ? 1 : 0;
        }
        return new Rates((double) better / SCHOOLS, (double) worse / SCHOOLS, effects / (2 * SCHOOLS));
    }

    @Test
    void aPupilsPartsCountedAsIndependentMembersMakeFalseVerdictsTheDesignEffectRemovesThem() {
        System.out.println("ClusteredPartsChangeTest seed " + SEED);
        for (double level : new double[] {0, 2}) {
            Rates independent = simulate(false, level, SEED);
            Rates widened = simulate(true, level, SEED);
            System.out.printf("level %+.0f: parts as independent members: likely better %.3f, worse %.3f; widened by the design "
                    + "effect (mean %.2f): %.3f, %.3f%n", level, independent.better(), independent.worse(), widened.meanDesignEffect(),
                    widened.better(), widened.worse());
            // Monte Carlo error of a rate near 10% over 2,000 schools: 0.0067
            assertThat(independent.better() + independent.worse()).as("level %s: counted as independent, too sure", level)
                    .isGreaterThan(0.10 + 3 * 0.0067);
            // Monte Carlo error of a rate near 5% over 2,000 schools: 0.0049
            assertThat(widened.better()).as("level %s: likely better", level).isLessThanOrEqualTo(0.05 + 3 * 0.0049);
            assertThat(widened.worse()).as("level %s: likely worse", level).isLessThanOrEqualTo(0.05 + 3 * 0.0049);
        }
    }

    @Test
    void oneBlockARespondentHasNoDesignEffect() {
        assertThat(new DesignEffect(10, 10, 5, 30, 30, 5, 10, 1).value()).isEqualTo(1.0);
        // two clusters of two identical blocks each (1, 1 and 0, 0): all the blocks' variance is between clusters. Clustered:
        // Σ(S − m·x̄)² · n/(n − 1) / B² = 2 · 2 / 16 = 0.25; independent: Σ(x − x̄)² / (B(B − 1)) = 1 / 12; ratio 3
        // (the most two clusters of two can reach: m · n/(n − 1) · (B − 1)/B = 2 · 2 · 3/4 = 3)
        assertThat(new DesignEffect(2, 4, 2, 2, 4, 4, 8, 2).value()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-12));
        // every block alike (all at the top): both variances are rounding, and the effect is 1, not their ratio
        double x = 63.37f;
        SplittableRandom random = new SplittableRandom(SEED);
        for (int trial = 0; trial < 200; trial++) {
            int pupils = 2 + random.nextInt(100);
            int parts = 2 + random.nextInt(6);
            ClusterSums clusters = new ClusterSums();
            double[] alike = new double[parts];
            Arrays.fill(alike, x);
            for (int v = 0; v < pupils; v++) {
                clusters.add(alike, parts);
            }
            assertThat(clusters.designEffect().value())
                    .as("%d pupils × %d parts, all alike", pupils, parts).isEqualTo(1.0);
        }
    }
}

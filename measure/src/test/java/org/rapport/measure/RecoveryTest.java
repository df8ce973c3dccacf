package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known parameters are recovered within their standard errors at the nominal rate. */
class RecoveryTest {

    @ParameterizedTest(name = "{0}, {1} items x {2} categories, {3} persons")
    @CsvSource({
        "RM,  20, 2, 300",
        "RM,  20, 2, 2000",
        "PCM, 10, 4, 400",
        "PCM, 10, 4, 3000",
        "RSM, 10, 5, 500",
        "RSM, 10, 5, 3000",
    })
    void estimatesFallWithinTheirStandardErrors(Model model, int items, int categories, int persons) {
        int replications = 12;
        int inside = 0, total = 0;
        double sumSquaredZ = 0;
        for (int rep = 0; rep < replications; rep++) {
            ItemParameters truth = model == Model.RSM ? ratingScale(items, categories, rep) : Simulator.items(items, categories, rep);
            ResponseMatrix data = new Simulator(truth, 1000 + rep).matrix(persons, 1.0, 0.05);
            Calibration c = CmlEstimator.calibrate(SufficientStatistics.of(data, truth.maxCategories()), model);
            assertThat(c.converged()).isTrue();
            for (int i = 0; i < items; i++) {
                for (int k = 1; k <= truth.maxCategory(i); k++) {
                    double z = (c.items().threshold(i, k) - truth.threshold(i, k)) / c.standardError(i, k);
                    sumSquaredZ += z * z;
                    total++;
                    if (Math.abs(z) < 1.96) {
                        inside++;
                    }
                }
            }
        }
        double coverage = inside / (double) total;
        // nominal 95%; with several hundred estimates per setting the binomial spread is about ±1.5%
        assertThat(coverage).as("share of estimates within 1.96 SE").isBetween(0.90, 0.99);
        // standard errors neither too small nor too large: mean z² near 1
        assertThat(sumSquaredZ / total).isBetween(0.75, 1.3);
    }

    /** Thresholds δ_i + κ_k, centred, as the rating scale model assumes. */
    static ItemParameters ratingScale(int items, int categories, long seed) {
        ItemParameters base = Simulator.items(items, 2, seed);
        double[][] tau = new double[items][categories - 1];
        double mean = 0;
        for (int i = 0; i < items; i++) {
            for (int k = 0; k < categories - 1; k++) {
                tau[i][k] = base.threshold(i, 1) + (-1.5 + 3.0 * k / (categories - 2));
                mean += tau[i][k];
            }
        }
        mean /= items * (categories - 1);
        for (double[] row : tau) {
            for (int k = 0; k < row.length; k++) {
                row[k] -= mean;
            }
        }
        return new ItemParameters(base.itemNames(), tau);
    }

    @ParameterizedTest(name = "theta {0}")
    @CsvSource({"-1.5", "0.8", "1.6"})
    void wleIsLessBiasedThanMle(double theta) {
        ItemParameters items = Simulator.items(12, 4, 7);
        Simulator simulator = new Simulator(items, 99);
        PersonEstimator wle = new PersonEstimator(items, PersonEstimator.Method.WLE);
        PersonEstimator mle = new PersonEstimator(items, PersonEstimator.Method.MLE);
        int[] all = new int[items.items()];
        Arrays.setAll(all, i -> i);
        double[] p = new double[5];
        double wleSum = 0, mleSum = 0;
        int finite = 0;
        for (int rep = 0; rep < 20000; rep++) {
            int score = 0;
            for (int i = 0; i < all.length; i++) {
                score += simulator.answer(i, theta, p);
            }
            PersonMeasure m = mle.estimate(all, score);
            if (Double.isFinite(m.measure())) {
                wleSum += wle.estimate(all, score).measure();
                mleSum += m.measure();
                finite++;
            }
        }
        assertThat(finite).as("persons with a finite MLE").isGreaterThan(19800);
        double wleBias = Math.abs(wleSum / finite - theta);
        double mleBias = Math.abs(mleSum / finite - theta);
        assertThat(wleBias).as("WLE bias %f, MLE bias %f", wleBias, mleBias).isLessThan(mleBias);
        assertThat(wleBias).isLessThan(0.03);
    }
}

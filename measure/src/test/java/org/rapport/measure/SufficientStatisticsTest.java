package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SufficientStatisticsTest {

    @Property(tries = 20)
    void mergedPartitionsCalibrateLikeTheWhole(@ForAll @IntRange(min = 1, max = 399) int split,
                                               @ForAll @IntRange(min = 0, max = 1000) int seed) {
        ItemParameters truth = Simulator.items(6, 3, seed);
        ResponseMatrix all = new Simulator(truth, seed).matrix(400, 1.0, 0.1);
        int[] max = Analysis.maxCategories(all, Model.PCM);
        ResponseMatrix first = rows(all, 0, split);
        ResponseMatrix second = rows(all, split, all.persons());
        SufficientStatistics merged = SufficientStatistics.merge(
                SufficientStatistics.of(first, max), SufficientStatistics.of(second, max));
        SufficientStatistics whole = SufficientStatistics.of(all, max);

        assertThat(merged.persons()).isEqualTo(400);
        for (int i = 0; i < whole.items(); i++) {
            for (int h = 0; h <= max[i]; h++) {
                assertThat(merged.categoryCount(i, h)).isEqualTo(whole.categoryCount(i, h));
                assertThat(merged.categoryCountNonExtreme(i, h)).isEqualTo(whole.categoryCountNonExtreme(i, h));
            }
        }
        Calibration a = CmlEstimator.calibrate(merged, Model.PCM);
        Calibration b = CmlEstimator.calibrate(whole, Model.PCM);
        assertThat(a.conditionalLogLikelihood()).isCloseTo(b.conditionalLogLikelihood(), within(1e-9));
        for (int i = 0; i < whole.items(); i++) {
            for (int k = 1; k <= max[i]; k++) {
                assertThat(a.items().threshold(i, k)).isCloseTo(b.items().threshold(i, k), within(1e-9));
            }
        }
    }

    static ResponseMatrix rows(ResponseMatrix m, int from, int to) {
        int[][] rows = new int[to - from][m.items()];
        for (int v = from; v < to; v++) {
            for (int i = 0; i < m.items(); i++) {
                rows[v - from][i] = m.get(v, i);
            }
        }
        return ResponseMatrix.of(m.itemNames(), rows);
    }

    @Property(tries = 30)
    void analyticGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 0, max = 10_000) int seed) {
        ItemParameters truth = Simulator.items(5, 4, seed);
        ResponseMatrix data = new Simulator(truth, seed).matrix(150, 1.2, 0.15);
        int[] max = Analysis.maxCategories(data, Model.PCM);
        CmlEstimator.Problem problem = new CmlEstimator.Problem(SufficientStatistics.of(data, max), Model.PCM);
        double[] beta = new double[problem.p];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Arrays.setAll(beta, k -> 0.5 * r.nextGaussian());
        CmlEstimator.Evaluation at = problem.evaluate(beta, true);
        double step = 1e-5;
        for (int k = 0; k < problem.p; k++) {
            double[] up = beta.clone();
            double[] down = beta.clone();
            up[k] += step;
            down[k] -= step;
            CmlEstimator.Evaluation plus = problem.evaluate(up, true);
            CmlEstimator.Evaluation minus = problem.evaluate(down, true);
            double numeric = (plus.loglik() - minus.loglik()) / (2 * step);
            assertThat(at.gradient()[k]).isCloseTo(numeric, within(1e-4 * Math.max(1, Math.abs(numeric))));
            for (int j = 0; j < problem.p; j++) {
                double second = (plus.gradient()[j] - minus.gradient()[j]) / (2 * step);
                assertThat(at.hessian()[k * problem.p + j]).isCloseTo(second, within(1e-4 * Math.max(1, Math.abs(second))));
            }
        }
    }
}

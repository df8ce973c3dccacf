package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FitTest {

    @Test
    void itemFitFromScoreGroupsEqualsPersonByPersonSums() {
        ItemParameters truth = Simulator.items(8, 4, 3);
        ResponseMatrix data = new Simulator(truth, 3).matrix(700, 1.0, 0.1);
        Analysis analysis = Analysis.run(data, Model.PCM);
        ItemParameters items = analysis.calibration().items();
        java.util.Map<String, double[]> memo = new java.util.HashMap<>();
        for (int i = 0; i < data.items(); i++) {
            double sq = 0, z2 = 0, w = 0;
            long n = 0;
            for (int v = 0; v < data.persons(); v++) {
                PersonMeasure m = analysis.persons()[v];
                if (data.get(v, i) < 0 || m.isExtreme()) {
                    continue;
                }
                // the item's answer given the person's score on the items they answered, by brute force over every
                // answer string with that score (each weighted by its probability at any measure)
                int row = v;
                int[] answered = java.util.stream.IntStream.range(0, data.items()).filter(j -> data.get(row, j) >= 0).toArray();
                int item = i;
                double[] given = memo.computeIfAbsent(java.util.Arrays.toString(answered) + "|" + i + "|" + m.score(),
                        key -> bruteForce(items, answered, item, m.score()));
                double mean = 0, variance = 0;
                for (int h = 0; h < given.length; h++) {
                    mean += h * given[h];
                }
                for (int h = 0; h < given.length; h++) {
                    variance += (h - mean) * (h - mean) * given[h];
                }
                if (variance == 0) {
                    continue;
                }
                double d = data.get(v, i) - mean;
                sq += d * d;
                z2 += d * d / variance;
                w += variance;
                n++;
            }
            FitStatistic fit = analysis.itemFit()[i];
            assertThat(fit.n()).isEqualTo(n);
            assertThat(fit.outfitMeanSquare()).isCloseTo(z2 / n, within(1e-9));
            assertThat(fit.infitMeanSquare()).isCloseTo(sq / w, within(1e-9));
        }
    }

    /** P(X_item = h | score on answered), enumerating every answer string of the answered items. */
    static double[] bruteForce(ItemParameters items, int[] answered, int item, int score) {
        double[] given = new double[items.maxCategory(item) + 1];
        int[] x = new int[answered.length];
        double[] p = new double[8];
        while (true) {
            int total = 0;
            double probability = 1;
            int h = -1;
            for (int k = 0; k < answered.length; k++) {
                total += x[k];
                items.categoryProbabilities(answered[k], 0.3, p);
                probability *= p[x[k]];
                if (answered[k] == item) {
                    h = x[k];
                }
            }
            if (total == score) {
                given[h] += probability;
            }
            int k = 0;
            while (k < answered.length && ++x[k] > items.maxCategory(answered[k])) {
                x[k++] = 0;
            }
            if (k == answered.length) {
                break;
            }
        }
        double sum = java.util.Arrays.stream(given).sum();
        for (int h = 0; h < given.length; h++) {
            given[h] /= sum;
        }
        return given;
    }

    /**
     * With four items a person, residuals around an estimated measure are too small and data drawn from the model
     * looked as if every item misfit (|z| over 2 on 4 of 4); conditional on the score, they fit.
     */
    @Test
    void shortTestsFromTheModelFit() {
        ItemParameters truth = Simulator.items(4, 5, 12);
        ResponseMatrix data = new Simulator(truth, 12).matrix(3000, 1.0, 0);
        Analysis analysis = Analysis.run(data, Model.PCM);
        for (int i = 0; i < data.items(); i++) {
            FitStatistic fit = analysis.itemFit()[i];
            assertThat(fit.infitMeanSquare()).as("infit of %s", data.itemNames().get(i)).isBetween(0.93, 1.07);
            assertThat(fit.outfitMeanSquare()).as("outfit of %s", data.itemNames().get(i)).isBetween(0.9, 1.1);
            assertThat(Math.abs(fit.infitZ())).as("infit z of %s", data.itemNames().get(i)).isLessThan(3);
        }
    }

    @Test
    void dataFromTheModelFit() {
        ItemParameters truth = Simulator.items(10, 4, 11);
        ResponseMatrix data = new Simulator(truth, 11).matrix(2000, 1.0, 0);
        Analysis analysis = Analysis.run(data, Model.PCM);
        for (int i = 0; i < data.items(); i++) {
            FitStatistic fit = analysis.itemFit()[i];
            assertThat(fit.infitMeanSquare()).as("infit of %s", data.itemNames().get(i)).isBetween(0.8, 1.2);
            assertThat(fit.outfitMeanSquare()).as("outfit of %s", data.itemNames().get(i)).isBetween(0.8, 1.2);
        }
        double meanPersonInfit = java.util.Arrays.stream(analysis.personFit())
                .mapToDouble(FitStatistic::infitMeanSquare).filter(Double::isFinite).average().orElseThrow();
        assertThat(meanPersonInfit).isBetween(0.9, 1.1);
        assertThat(analysis.separationReliability()).isBetween(0.5, 0.95);
        assertThat(analysis.cronbachAlpha()).isBetween(0.5, 0.95);
    }

    @Test
    void anItemOfRandomAnswersMisfits() {
        ItemParameters truth = Simulator.items(10, 4, 11);
        ResponseMatrix data = new Simulator(truth, 11).matrix(2000, 1.0, 0);
        // item 0 replaced by random answers, unrelated to the person
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int[][] rows = new int[data.persons()][data.items()];
        for (int v = 0; v < data.persons(); v++) {
            for (int i = 0; i < data.items(); i++) {
                rows[v][i] = i == 0 ? r.nextInt(4) : data.get(v, i);
            }
        }
        Analysis analysis = Analysis.run(ResponseMatrix.of(data.itemNames(), rows), Model.PCM);
        FitStatistic noise = analysis.itemFit()[0];
        assertThat(noise.infitMeanSquare()).isGreaterThan(1.3);
        assertThat(noise.infitZ()).isGreaterThan(5);
    }

    @Test
    void extremePersonsGetNoPersonFit() {
        ResponseMatrix data = ResponseMatrix.of(List.of("a", "b", "c"), new int[][] {
                {0, 0, 0}, {1, 1, 1}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {0, 1, 1}, {1, 0, 1}, {0, 0, 1}});
        Analysis analysis = Analysis.run(data, Model.RM);
        assertThat(analysis.personFit()[0].n()).isZero();
        assertThat(analysis.personFit()[1].n()).isZero();
        assertThat(analysis.personFit()[2].n()).isEqualTo(3);
        assertThat(analysis.persons()[0].measure()).isFinite();
    }

    @Test
    void itemInformationPeaksBetweenTheThresholds() {
        ItemParameters items = new ItemParameters(List.of("x"), new double[][] {{-1, 1}});
        assertThat(items.information(0, 0)).isGreaterThan(items.information(0, 2));
        assertThat(items.information(0, 0)).isGreaterThan(items.information(0, -2));
        // dichotomous item at its difficulty: p(1-p) = 1/4
        assertThat(new ItemParameters(List.of("y"), new double[][] {{0.3}}).information(0, 0.3)).isCloseTo(0.25, within(1e-12));
    }
}

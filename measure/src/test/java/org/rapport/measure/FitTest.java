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
        double[] p = new double[4];
        double[] moments = new double[4];
        for (int i = 0; i < data.items(); i++) {
            double sq = 0, z2 = 0, w = 0;
            long n = 0;
            for (int v = 0; v < data.persons(); v++) {
                PersonMeasure m = analysis.persons()[v];
                if (data.get(v, i) < 0 || m.isExtreme()) {
                    continue;
                }
                items.moments(i, m.measure(), p, moments);
                double d = data.get(v, i) - moments[0];
                sq += d * d;
                z2 += d * d / moments[1];
                w += moments[1];
                n++;
            }
            FitStatistic fit = analysis.itemFit()[i];
            assertThat(fit.n()).isEqualTo(n);
            assertThat(fit.outfitMeanSquare()).isCloseTo(z2 / n, within(1e-9));
            assertThat(fit.infitMeanSquare()).isCloseTo(sq / w, within(1e-9));
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

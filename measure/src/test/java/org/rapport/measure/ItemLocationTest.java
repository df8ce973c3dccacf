package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An item's location is the mean of its thresholds; its standard error from the calibration's covariance
 * matrix must match how much the location really varies from sample to sample. Taking the thresholds as
 * independent overstates it, because adjacent thresholds share a parameter.
 */
class ItemLocationTest {
    static final int REPLICATIONS = 300;
    static final int PERSONS = 250;

    @Test
    void theLocationsErrorMatchesTheSpreadOfItsEstimatesOverSamples() {
        ItemParameters truth = Simulator.items(8, 4, 11);
        int items = truth.items();
        double[] sum = new double[items];
        double[] sumOfSquares = new double[items];
        double[] meanFullError = new double[items];
        double[] meanIndependentError = new double[items];
        for (int rep = 0; rep < REPLICATIONS; rep++) {
            ResponseMatrix m = new Simulator(truth, 100 + rep).matrix(PERSONS, 1.0, 0);
            Calibration c = Analysis.run(m, Model.PCM).calibration();
            List<ItemLocation> full = ItemLocation.of(c);
            List<ItemLocation> independent = ItemLocation.of(c.items(), c.standardErrors());
            for (int i = 0; i < items; i++) {
                assertThat(full.get(i).location()).isEqualTo(independent.get(i).location());
                sum[i] += full.get(i).location();
                sumOfSquares[i] += full.get(i).location() * full.get(i).location();
                meanFullError[i] += full.get(i).standardError() / REPLICATIONS;
                meanIndependentError[i] += independent.get(i).standardError() / REPLICATIONS;
            }
        }
        for (int i = 0; i < items; i++) {
            double mean = sum[i] / REPLICATIONS;
            double spread = Math.sqrt((sumOfSquares[i] - REPLICATIONS * mean * mean) / (REPLICATIONS - 1));
            // the SD of 300 estimates is itself known to about ±4% (1/√(2·299))
            assertThat(meanFullError[i] / spread).as("item %d: error %.3f, spread %.3f", i, meanFullError[i], spread)
                    .isCloseTo(1.0, within(0.15));
            assertThat(meanIndependentError[i]).as("item %d", i).isGreaterThan(meanFullError[i]);
        }
    }

    @Test
    void aDichotomousItemsLocationIsItsThresholdWithTheSameError() {
        ItemParameters truth = Simulator.items(6, 2, 3);
        Calibration c = Analysis.run(new Simulator(truth, 5).matrix(200, 1.0, 0), Model.PCM).calibration();
        List<ItemLocation> full = ItemLocation.of(c);
        for (int i = 0; i < truth.items(); i++) {
            assertThat(full.get(i).location()).isEqualTo(c.items().threshold(i, 1));
            assertThat(full.get(i).standardError()).isCloseTo(c.standardError(i, 1), within(1e-9));
        }
    }
}

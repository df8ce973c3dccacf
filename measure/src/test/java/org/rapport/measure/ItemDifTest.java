package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** SMD/SD from two groups' own calibrations: a planted shift shows its sign and size, the other items none. */
class ItemDifTest {

    @Test
    void aHarderItemHasANegativeStandardisedDifferenceBeyondCategoryCAndTheOthersNone() {
        ItemParameters reference = Simulator.items(6, 5, 3);
        double[][] shifted = new double[6][];
        for (int i = 0; i < 6; i++) {
            shifted[i] = new double[4];
            for (int k = 1; k <= 4; k++) {
                // the focal group trusts 0.5 logit less overall (not DIF), and item 0 is a logit harder for it (DIF)
                shifted[i][k - 1] = reference.threshold(i, k) + 0.5 + (i == 0 ? 1.0 : 0);
            }
        }
        ItemParameters focal = new ItemParameters(reference.itemNames(), shifted);
        ResponseMatrix a = new Simulator(reference, 5).matrix(4000, 1.0, 0);
        ResponseMatrix b = new Simulator(focal, 6).matrix(4000, 1.0, 0);
        Analysis ofA = Analysis.run(a, Model.PCM);
        Analysis ofB = Analysis.run(b, Model.PCM);
        double[] measures = java.util.Arrays.stream(ofB.persons()).mapToDouble(PersonMeasure::measure).toArray();
        Map<String, Double> smd = ItemDif.standardisedMeanDifferences(ofA.calibration(), ofB.calibration(), measures, a, b);
        assertThat(smd).hasSize(6);
        assertThat(smd.get("i1")).as("the harder item: a lower answer expected").isLessThan(-ItemDif.CATEGORY_C);
        for (int i = 2; i <= 6; i++) {
            // centred on all six items, the planted one moves the others' by a sixth of its logit the other way
            assertThat(Math.abs(smd.get("i" + i))).as("item i%d", i).isLessThan(ItemDif.CATEGORY_C);
        }
        Map<String, Double> none = ItemDif.standardisedMeanDifferences(ofA.calibration(), ofA.calibration(),
                java.util.Arrays.stream(ofA.persons()).mapToDouble(PersonMeasure::measure).toArray(), a, a);
        assertThat(none.values()).allSatisfy(v -> assertThat(Math.abs(v)).isLessThan(1e-12));
    }
}

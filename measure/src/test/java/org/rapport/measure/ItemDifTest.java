package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMD/SD from two groups' own calibrations, on the centring of the comparison: a planted shift shows its sign and
 * size, the other items none, on six items and on three (where an item with DIF left in the centre moved every
 * other item's size by its DIF over three).
 */
class ItemDifTest {

    record Judged(List<ItemDrift.Comparison> comparisons, ItemDif.Sizes sizes) {
    }

    static Judged plant(int items, double dif, long seed) {
        ItemParameters reference = Simulator.items(items, 5, seed);
        double[][] shifted = new double[items][];
        for (int i = 0; i < items; i++) {
            shifted[i] = new double[4];
            for (int k = 1; k <= 4; k++) {
                // the focal group trusts 0.5 logit less overall (not DIF), and item 0 is harder for it (DIF)
                shifted[i][k - 1] = reference.threshold(i, k) + 0.5 + (i == 0 ? dif : 0);
            }
        }
        ItemParameters focal = new ItemParameters(reference.itemNames(), shifted);
        ResponseMatrix a = new Simulator(reference, seed + 1).matrix(4000, 1.0, 0);
        ResponseMatrix b = new Simulator(focal, seed + 2).matrix(1000, 1.0, 0);
        Analysis ofA = Analysis.run(a, Model.PCM);
        Analysis ofB = Analysis.run(b, Model.PCM);
        double[] measures = java.util.Arrays.stream(ofB.persons()).mapToDouble(PersonMeasure::measure).toArray();
        ItemDif.Sizes sizes = new ItemDif.Sizes(ofA.calibration(), ofB.calibration(), measures, a, b);
        return new Judged(ItemDif.judge(ItemLocation.of(ofA.calibration()), ItemLocation.of(ofB.calibration()), sizes, 0.05), sizes);
    }

    @Test
    void aHarderItemHasANegativeSizeBeyondCategoryCAndTheOthersNone() {
        for (int items : new int[] {6, 3}) {
            Judged j = plant(items, 1.5, 3);
            assertThat(j.comparisons()).hasSize(items);
            ItemDrift.Comparison planted = j.comparisons().get(0);
            assertThat(j.sizes().of(planted)).as("%d items: the harder item, a lower answer expected", items).isLessThan(-ItemDif.CATEGORY_C);
            assertThat(planted.flagged()).isTrue();
            for (ItemDrift.Comparison c : j.comparisons().subList(1, items)) {
                assertThat(Math.abs(j.sizes().of(c))).as("%d items: %s", items, c.item()).isLessThan(0.1);
                assertThat(c.flagged()).as("%d items: %s", items, c.item()).isFalse();
            }
        }
    }

    @Test
    void identicalGroupsHaveNoSize() {
        ItemParameters items = Simulator.items(4, 5, 8);
        ResponseMatrix a = new Simulator(items, 9).matrix(2000, 1.0, 0);
        Analysis of = Analysis.run(a, Model.PCM);
        double[] measures = java.util.Arrays.stream(of.persons()).mapToDouble(PersonMeasure::measure).toArray();
        ItemDif.Sizes sizes = new ItemDif.Sizes(of.calibration(), of.calibration(), measures, a, a);
        for (ItemDrift.Comparison c : ItemDrift.centred(ItemLocation.of(of.calibration()), ItemLocation.of(of.calibration()))) {
            assertThat(Math.abs(sizes.of(c))).isLessThan(1e-12);
        }
    }
}

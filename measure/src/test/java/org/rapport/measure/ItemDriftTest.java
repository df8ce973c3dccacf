package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Drift of item locations between two calibrations, centred on the shared items. */
class ItemDriftTest {
    static final double TOLERANCE = 0.5;

    static List<ItemLocation> locations(double shift, String moved, double by, double error) {
        List<ItemLocation> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String item = "i" + i;
            out.add(new ItemLocation(item, -1 + 0.2 * i + shift + (item.equals(moved) ? by : 0), error));
        }
        return out;
    }

    @Test
    void aGeneralShiftIsNotDriftButOneItemThatMovedIs() {
        List<ItemDrift.Comparison> c = ItemDrift.compare(locations(0, null, 0, 0.1), locations(0.7, "i4", 1.0, 0.1), TOLERANCE, 0.05);
        assertThat(c).hasSize(10);
        assertThat(c).filteredOn(ItemDrift.Comparison::flagged).extracting(ItemDrift.Comparison::item).containsExactly("i4");
        ItemDrift.Comparison moved = c.get(4);
        // centred on the nine items that did not move, the moved item's shift is the whole logit and theirs none
        assertThat(moved.difference()).isCloseTo(1.0, within(1e-9));
        assertThat(moved.standardError()).isCloseTo(Math.hypot(0.1, 0.1), within(1e-12));
        assertThat(c.get(0).difference()).isCloseTo(0, within(1e-9));
        // centred on all ten, before purification, it would be 1 − 1/10 and every other item's −1/10
        assertThat(ItemDrift.centred(locations(0, null, 0, 0.1), locations(0.7, "i4", 1.0, 0.1)).get(0).difference())
                .isCloseTo(-0.1, within(1e-9));
    }

    @Test
    void oneItemThatMovedFarDoesNotDragTheOthersOverTheLine() {
        // i9 moved 6 logits: centred on all ten, every other item would seem 0.6 lower, beyond tolerance and chance
        List<ItemDrift.Comparison> all = ItemDrift.flag(ItemDrift.centred(locations(0, null, 0, 0.05), locations(0, "i9", 6.0, 0.05)),
                TOLERANCE, 0.05);
        assertThat(all).filteredOn(ItemDrift.Comparison::flagged).hasSize(10);
        List<ItemDrift.Comparison> purified = ItemDrift.compare(locations(0, null, 0, 0.05), locations(0, "i9", 6.0, 0.05), TOLERANCE, 0.05);
        assertThat(purified).filteredOn(ItemDrift.Comparison::flagged).extracting(ItemDrift.Comparison::item).containsExactly("i9");
    }

    @Test
    void pairsAreJudgedTogetherButEachCentredOnItsOwnItems() {
        List<ItemDrift.Pair> pairs = List.of(new ItemDrift.Pair(locations(0, null, 0, 0.1), locations(0.3, "i2", 2.0, 0.1)),
                new ItemDrift.Pair(locations(0, null, 0, 0.1), locations(-0.5, null, 0, 0.1)));
        List<List<ItemDrift.Comparison>> judged = ItemDrift.compare(pairs, TOLERANCE, 0.05);
        assertThat(judged).hasSize(2);
        assertThat(judged.get(0)).filteredOn(ItemDrift.Comparison::flagged).extracting(ItemDrift.Comparison::item).containsExactly("i2");
        assertThat(judged.get(0).get(2).difference()).isCloseTo(2.0, within(1e-9));
        assertThat(judged.get(1)).hasSize(10).noneMatch(ItemDrift.Comparison::flagged)
                .allSatisfy(c -> assertThat(c.difference()).isCloseTo(0, within(1e-9)));
    }

    @Test
    void aLargeMoveWithinItsUncertaintyOrASmallCertainMoveIsNotFlagged() {
        // a logit, but with standard errors of a logit: not beyond chance
        assertThat(ItemDrift.compare(locations(0, null, 0, 1.0), locations(0, "i2", 1.0, 1.0), TOLERANCE, 0.05))
                .noneMatch(ItemDrift.Comparison::flagged);
        // beyond chance, but under the tolerance
        assertThat(ItemDrift.compare(locations(0, null, 0, 0.01), locations(0, "i2", 0.3, 0.01), TOLERANCE, 0.05))
                .noneMatch(ItemDrift.Comparison::flagged);
    }

    @Test
    void onlySharedItemsAreCompared() {
        List<ItemLocation> before = new ArrayList<>(locations(0, null, 0, 0.1));
        before.remove(0);
        List<ItemDrift.Comparison> c = ItemDrift.compare(before, locations(0, null, 0, 0.1), TOLERANCE, 0.05);
        assertThat(c).extracting(ItemDrift.Comparison::item).doesNotContain("i0").hasSize(9);
        assertThat(c).allSatisfy(x -> assertThat(x.difference()).isCloseTo(0, within(1e-12)));
    }

    @Test
    void pValuesAreTwoSidedNormal() {
        assertThat(new ItemDrift.Comparison("a", 0, 1.959963984540054, 1.959963984540054, 1, false).pValue()).isCloseTo(0.05, within(1e-12));
        assertThat(new ItemDrift.Comparison("a", 0, -1, -1, 1, false).pValue()).isCloseTo(0.3173105078629141, within(1e-12));
    }

    @Test
    void withoutDriftFewItemsAreFlaggedAcrossManyComparisons() {
        // 200 pairs of calibrations of 10 items, no true drift, locations estimated with error 0.1 (tolerance 0.2):
        // Holm keeps the family-wise rate at or under 5% per pair
        SplittableRandom random = new SplittableRandom(5);
        int pairsWithAFlag = 0;
        for (int pair = 0; pair < 200; pair++) {
            List<ItemLocation> a = new ArrayList<>();
            List<ItemLocation> b = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                double truth = -1 + 0.2 * i;
                a.add(new ItemLocation("i" + i, truth + 0.1 * random.nextGaussian(), 0.1));
                b.add(new ItemLocation("i" + i, truth + 0.1 * random.nextGaussian(), 0.1));
            }
            if (ItemDrift.compare(a, b, 0.2, 0.05).stream().anyMatch(ItemDrift.Comparison::flagged)) {
                pairsWithAFlag++;
            }
        }
        assertThat(pairsWithAFlag).isLessThanOrEqualTo(20);
    }

    @Test
    void locationsAreTheMeanOfTheThresholdsWithTheErrorOfThatMean() {
        ItemParameters items = new ItemParameters(List.of("x", "y"), new double[][] {{-1, 0, 2}, {0.5}});
        List<ItemLocation> l = ItemLocation.of(items, new double[][] {{0.3, 0.3, 0.3}, {0.2}});
        assertThat(l.get(0).location()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(l.get(0).standardError()).isCloseTo(Math.sqrt(0.27) / 3, within(1e-12));
        assertThat(l.get(1).location()).isEqualTo(0.5);
        assertThat(l.get(1).standardError()).isEqualTo(0.2);
    }

    @Test
    void itemsNobodyAnsweredAreDropped() {
        ResponseMatrix m = ResponseMatrix.of(List.of("a", "b", "c"), new int[][] {{1, -1, 0}, {2, -1, -1}});
        ResponseMatrix kept = m.answeredItems();
        assertThat(kept.itemNames()).containsExactly("a", "c");
        assertThat(kept.get(0, 1)).isZero();
        assertThat(kept.get(1, 1)).isEqualTo(ResponseMatrix.MISSING);
        assertThat(ResponseMatrix.of(List.of("a"), new int[][] {{1}}).answeredItems().itemNames()).containsExactly("a");
    }
}

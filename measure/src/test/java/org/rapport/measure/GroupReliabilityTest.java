package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reliability of group means: the analysis of variance against values worked by hand, and in simulated
 * windows (classes of 10 to 40, members' measures N(μ_class, 1)) that it finds no spread where the classes do not
 * differ and the spread planted where they do, so that a part is shown for a kind of group only where the groups
 * differ by more than their error.
 */
class GroupReliabilityTest {
    /** The rule the reports apply (ICC(2) from 0.70, LeBreton &amp; Senter 2008). */
    static final double SHOWN_FROM = 0.70;
    static final int WINDOWS = 400;
    static final long SEED = 2607;

    @Test
    void theAnalysisOfVarianceOfUnequalGroups() {
        // worked with the textbook formulas (reference values computed apart): the group of one (6) is left out
        double[] values = {1.0, 2.0, 3.5, 4.0, 5.5, 6.0, 5.0, 7.0, 8.0, 2.0, 2.5, 2.0, 3.0, 1.5, 0.0, 1.0, 2.0, 9.0, 3.0, 3.5, 6.0, 4.5, 5.0,
            1.0, 0.5, 2.5, 3.5, 3.0, 4.0, 6.0};
        long[] groups = {1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10, 10, 11, 11};
        GroupReliability r = GroupReliability.estimate(values, groups).orElseThrow();
        assertThat(r.groups()).isEqualTo(10);
        assertThat(r.members()).isEqualTo(29);
        assertThat(r.between()).isCloseTo(3.777264518247491, within(1e-12));
        assertThat(r.within()).isCloseTo(0.6879385964912279, within(1e-12));
        assertThat(r.ofSize(10)).isCloseTo(0.9821131525084271, within(1e-12));
        // nine groups of two or more (the last left out): no estimate
        assertThat(GroupReliability.estimate(java.util.Arrays.copyOf(values, 28), java.util.Arrays.copyOf(groups, 28))).isEmpty();
        assertThatThrownBy(() -> GroupReliability.estimate(new double[] {1}, new long[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.ofSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A window of {@code classes} classes of 10 to 40 members whose true levels spread with SD {@code tau}. */
    static GroupReliability window(SplittableRandom random, int classes, double tau) {
        List<double[]> rows = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            double level = tau * random.nextGaussian();
            int size = 10 + random.nextInt(31);
            for (int m = 0; m < size; m++) {
                rows.add(new double[] {level + random.nextGaussian(), c});
            }
        }
        return GroupReliability.estimate(rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToLong(r -> (long) r[1]).toArray())
                .orElseThrow();
    }

    @Test
    void noSpreadIsFoundWhereTheClassesDoNotDifferAndThePlantedOneWhereTheyDo() {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] planted = {0, 0.5};
        for (double tau : planted) {
            double between = 0;
            double within = 0;
            int shown = 0;
            for (int w = 0; w < WINDOWS; w++) {
                GroupReliability r = window(random, 30, tau);
                between += r.between() / WINDOWS;
                within += r.within() / WINDOWS;
                shown += r.ofSize(25) >= SHOWN_FROM ? 1 : 0;
            }
            double rate = (double) shown / WINDOWS;
            System.out.printf("tau %.1f: mean tau2 %.4f (planted %.4f), mean sigma2 %.4f, shown at 25 members in %.3f of windows%n",
                    tau, between, tau * tau, within, rate);
            assertThat(within).as("σ² planted 1").isCloseTo(1, within(0.02));
            if (tau == 0) {
                // τ² is estimated at least 0, so its mean sits a little above: a class of 25 is still far from reliable
                assertThat(between).isLessThan(0.01);
                assertThat(rate).as("classes alike: a part shown as if it told them apart").isLessThan(0.01);
            } else {
                assertThat(between).as("τ² planted 0.25").isCloseTo(0.25, within(0.025));
                // true reliability at 25 members: 0.25 / (0.25 + 1/25) = 0.862
                assertThat(rate).as("classes that differ: the part shown").isGreaterThan(0.95);
            }
        }
    }
}

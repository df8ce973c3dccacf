package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void theWorkedExampleOfTheStepUp() {
        // m = 5, q = 0.10: thresholds 0.02, 0.04, 0.06, 0.08, 0.10; the largest p under its own is the fourth (0.07 ≤ 0.08)
        boolean[] r = BenjaminiHochberg.rejected(new double[] {0.07, 0.001, 0.5, 0.03, 0.045}, 0.10);
        assertThat(r).containsExactly(true, true, false, true, true);
        // step-up, unlike Holm's step-down: a p-value over its own threshold is rejected when a larger one qualifies
        assertThat(BenjaminiHochberg.rejected(new double[] {0.03, 0.04}, 0.05)).containsExactly(true, true);
        assertThatThrownBy(() -> BenjaminiHochberg.rejected(new double[] {0.2}, 1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> BenjaminiHochberg.rejected(new double[] {Double.NaN}, 0.1)).hasMessageContaining("not a probability");
    }

    /** Thirty scales, five with a true difference: the share of false claims among claims stays at most q on average. */
    @Test
    void theFalseDiscoveryRateIsHeldOverThirtyScales() {
        SplittableRandom random = new SplittableRandom(30);
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double sumShare = 0;
        double sumShareUnadjusted = 0;
        int runs = 4000;
        for (int run = 0; run < runs; run++) {
            double[] p = new double[30];
            for (int i = 0; i < 30; i++) {
                double z = (i < 5 ? 3.0 : 0) + random.nextGaussian();
                p[i] = 2 * normal.survivalProbability(Math.abs(z));
            }
            boolean[] r = BenjaminiHochberg.rejected(p, 0.10);
            int claims = 0, wrong = 0, claimsRaw = 0, wrongRaw = 0;
            for (int i = 0; i < 30; i++) {
                claims += r[i] ? 1 : 0;
                wrong += r[i] && i >= 5 ? 1 : 0;
                claimsRaw += p[i] < 0.10 ? 1 : 0;
                wrongRaw += p[i] < 0.10 && i >= 5 ? 1 : 0;
            }
            sumShare += claims == 0 ? 0 : (double) wrong / claims;
            sumShareUnadjusted += claimsRaw == 0 ? 0 : (double) wrongRaw / claimsRaw;
        }
        assertThat(sumShare / runs).as("false-discovery rate").isLessThanOrEqualTo(0.10);
        assertThat(sumShareUnadjusted / runs).as("each claim at 10% alone: a third of the claims wrong").isGreaterThan(0.25);
    }
}

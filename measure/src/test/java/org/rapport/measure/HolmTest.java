package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void rejectsStepByStepAndStopsAtTheFirstThatIsNotBelowItsBound() {
        // m = 4: bounds 0.0125, 0.0167, 0.025, 0.05 for the sorted p-values 0.01, 0.015, 0.03, 0.04
        assertThat(Holm.rejected(new double[] {0.04, 0.01, 0.03, 0.015}, 0.05)).containsExactly(false, true, false, true);
        // m = 3: 0.03 misses its bound 0.025, so 0.031 is not rejected although it is below its own bound 0.05
        assertThat(Holm.rejected(new double[] {0.001, 0.03, 0.031}, 0.05)).containsExactly(true, false, false);
    }

    @Test
    void isNeverLessStrictThanNoCorrectionNorStricterThanBonferroni() {
        double[] p = {0.0001, 0.004, 0.012, 0.02, 0.3};
        boolean[] holm = Holm.rejected(p, 0.05);
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0.05 / p.length) {
                assertThat(holm[i]).as("Bonferroni rejects %s", p[i]).isTrue();
            }
            if (holm[i]) {
                assertThat(p[i]).isLessThan(0.05);
            }
        }
        // bounds 0.01, 0.0125, 0.0167, 0.025, 0.05: Holm rejects 0.012 and 0.02, which Bonferroni (0.01) would not
        assertThat(holm).containsExactly(true, true, true, true, false);
    }

    @Test
    void refusesWhatIsNotAProbability() {
        assertThatThrownBy(() -> Holm.rejected(new double[] {0.2, Double.NaN}, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Holm.rejected(new double[] {0.2}, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Holm.rejected(new double[0], 0.05)).isEmpty();
    }
}

package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Data that cannot be calibrated get a diagnostic naming the item, never NaN or a crash. */
class DiagnosticsTest {
    private static final List<String> NAMES = List.of("a", "b", "c");

    @Test
    void itemWithOneCategory() {
        ResponseMatrix data = ResponseMatrix.of(NAMES, new int[][] {{1, 0, 2}, {1, 1, 0}, {1, 2, 1}, {1, 0, 1}});
        assertThatThrownBy(() -> Analysis.run(data, Model.PCM))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("item a: every answer is 1");
    }

    @Test
    void categoryNobodyUsed() {
        ResponseMatrix data = ResponseMatrix.of(NAMES, new int[][] {
                {0, 0, 2}, {2, 1, 0}, {0, 2, 1}, {2, 0, 1}, {0, 1, 2}, {2, 2, 0}});
        assertThatThrownBy(() -> Analysis.run(data, Model.PCM))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("item a: nobody answered in category 1 (of 0..2)");
    }

    @Test
    void polytomousAnswersUnderTheDichotomousModel() {
        ResponseMatrix data = ResponseMatrix.of(NAMES, new int[][] {{0, 1, 2}, {1, 0, 1}, {1, 1, 0}, {0, 0, 1}});
        assertThatThrownBy(() -> Analysis.run(data, Model.RM))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("item c: the dichotomous model (rm) needs answers 0 and 1, found category 2");
    }

    @Test
    void nobodyWithAnInformativeScore() {
        ResponseMatrix data = ResponseMatrix.of(NAMES, new int[][] {{0, 0, 0}, {1, 1, 1}, {0, 0, 0}});
        assertThatThrownBy(() -> Analysis.run(data, Model.RM))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("only used by persons with a zero or full score");
    }

    @Test
    void itemNobodyAnswered() {
        ResponseMatrix data = ResponseMatrix.of(NAMES, new int[][] {{0, 1, -1}, {1, 0, -1}, {1, 1, -1}});
        assertThatThrownBy(() -> Analysis.run(data, Model.RM))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("item c: nobody answered it");
    }

    @Test
    void perfectSeparationIsReportedNotReturnedAsHugeNumbers() {
        // whoever gets c or d right also gets a and b right: {a, b} are infinitely easier than {c, d}
        ResponseMatrix data = ResponseMatrix.of(List.of("a", "b", "c", "d"), new int[][] {
                {1, 0, 0, 0}, {0, 1, 0, 0}, {1, 1, 1, 0}, {1, 1, 0, 1}, {1, 0, 0, 0}, {1, 1, 0, 1}});
        assertThatThrownBy(() -> CmlEstimator.calibrate(SufficientStatistics.of(data, new int[] {1, 1, 1, 1}), Model.RM))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("no finite estimates");
    }
}

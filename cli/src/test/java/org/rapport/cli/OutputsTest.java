package org.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class OutputsTest {

    @Property(tries = 2000)
    void fixedSixDecimalsPrintsLikeFormat(@ForAll @DoubleRange(min = -1e6, max = 1e6) double x) {
        String expected = String.format(Locale.ROOT, "%.6f", x);
        String actual = Outputs.fixed6(x);
        // Formatter rounds the decimal expansion half-up, Math.round the binary value: they may differ in the last digit
        assertThat(Math.abs(Double.parseDouble(actual) - Double.parseDouble(expected))).isLessThanOrEqualTo(1.0000001e-6);
        assertThat(actual).matches("-?\\d+\\.\\d{6}");
    }

    @Test
    void specialValues() {
        assertThat(Outputs.number(Double.NaN)).isEqualTo("NA");
        assertThat(Outputs.number(Double.POSITIVE_INFINITY)).isEqualTo("Inf");
        assertThat(Outputs.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(Outputs.number(-0.0000001)).isEqualTo("0.000000");
        assertThat(Outputs.number(-1.5)).isEqualTo("-1.500000");
        assertThat(Outputs.number(2.0000005)).isEqualTo("2.000001");
    }
}

package org.rapport.app.measuring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** One rounding for every figure: the API's tenth, the pages' whole point taken from that tenth, changes in the reader's language. */
class PointsTest {

    @Test
    void aWholePointIsTheTenthRoundedHalfUpSoThatNoPageSaysOtherwise() {
        // 50.46 is 50.5 in the API; rounded straight to a whole it was 50 on one page and, from its tenth, 51 on another
        assertThat(Points.tenth(50.46)).isEqualTo(50.5);
        assertThat(Points.whole(50.46)).isEqualTo(51);
        assertThat(Points.whole(Points.tenth(50.46))).isEqualTo(Points.whole(50.46));
        assertThat(Points.whole(50.44)).isEqualTo(50);
        assertThat(Points.whole(49.5)).isEqualTo(50);
        // above or below a reference as the API's tenths place it: 50.04 is 50.0, in line with 50
        assertThat(Points.side(52, 50.04, 54, 50)).isZero();
        assertThat(Points.side(52, 50.06, 54, 50)).isOne();
        assertThat(Points.side(48, 46, 49.96, 50)).isZero();
        assertThat(Points.side(48, 46, 49.94, 50)).isEqualTo(-1);
    }

    /**
     * An outside tester's finding: the map said "51 (51 to 52), below the network" of 52 while "In one minute" above it
     * said nothing was surely below, because the band words judged the interval alone and the summary also asked for 2
     * points. One rule now: the interval clear of the reference and the figure at least 2 points from it.
     */
    @Test
    void aboveOrBelowAsksTwoPointsAsWellAsAClearIntervalEverywhere() {
        assertThat(Points.side(51.2, 50.7, 51.7, 52.0)).isZero();
        assertThat(Points.side(50.1, 49.6, 50.6, 52.0)).isZero();
        assertThat(Points.side(49.96, 49.5, 50.4, 52.0)).as("2.04 below is 2.0 to a tenth").isEqualTo(-1);
        assertThat(Points.side(53.96, 53.5, 54.4, 52.0)).isOne();
        assertThat(Points.side(55, 49, 61, 52.0)).as("3 points above, but the interval holds 52").isZero();
    }

    @Test
    void aChangeHasItsSignAndTheReadersDecimalSeparator() {
        assertThat(Points.signed(1.24, Locale.ENGLISH)).isEqualTo("+1.2");
        assertThat(Points.signed(-0.96, Locale.ENGLISH)).isEqualTo("-1.0");
        assertThat(Points.signed(0.04, Locale.ENGLISH)).isEqualTo("±0.0");
        assertThat(Points.signed(1.24, Locale.forLanguageTag("es"))).isEqualTo("+1,2");
        assertThat(Points.signed(1.24, Locale.forLanguageTag("pl"))).isEqualTo("+1,2");
        // Western digits in every language, as every other figure on the page
        assertThat(Points.signed(1.24, Locale.forLanguageTag("ar"))).isEqualTo("+1.2");
        assertThat(Points.text(50.46)).isEqualTo("51");
        // other decimals and shares as the reader's language writes them, in Western digits
        assertThat(Points.decimal(0.426, Locale.forLanguageTag("pl"))).isEqualTo("0,43");
        assertThat(Points.decimal(-0.41, Locale.ENGLISH)).isEqualTo("-0.41");
        assertThat(Points.percent(0.804, Locale.ENGLISH)).isEqualTo("80%");
        assertThat(Points.percent(0.804, Locale.forLanguageTag("ar"))).contains("80").doesNotContain("٨");
        assertThat(Points.reliability(0.699, Locale.forLanguageTag("es"))).isEqualTo("0,69");
    }

    /** An outside reader found "52 (52 to 52)" for a network of thousands: an interval whose ends round to one point says so. */
    @Test
    void anIntervalNarrowerThanAPointIsSaidInWordsNotAsTheSameNumberThreeTimes() {
        org.rapport.app.web.IcuMessageSource messages = org.rapport.app.web.IcuMessageSource.of("messages");
        assertThat(Points.interval(messages, Locale.ENGLISH, 52.1, 51.6, 52.4)).isEqualTo("52 (less than a point either way)");
        assertThat(Points.interval(messages, Locale.ENGLISH, 52.1, 51.4, 52.4)).isEqualTo("52 (51 to 52)");
        assertThat(Points.interval(messages, Locale.forLanguageTag("pl"), 52.1, 51.6, 52.4)).isEqualTo("52 (mniej niż punkt w górę lub w dół)");
    }
}

package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.Points;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The trust map's fixed layout draws every relationship once, each arrow from those who answered to those they answered about. */
class TrustMapLayoutTest {

    @Test
    void everyRelationshipIsDrawnOnceBetweenItsOwnEnds() {
        List<Relationship> drawn = new ArrayList<>();
        for (int i = 0; i < TrustMaps.LINKS.size(); i++) {
            String upper = TrustMaps.NODES.get(i);
            String lower = TrustMaps.NODES.get(i + 1);
            Relationship down = TrustMaps.LINKS.get(i)[0];
            Relationship up = TrustMaps.LINKS.get(i)[1];
            if (down != null) {
                assertThat(TrustMaps.ENDS.get(down)).as(down.name()).containsExactly(upper, lower);
                drawn.add(down);
            }
            if (up != null) {
                assertThat(TrustMaps.ENDS.get(up)).as(up.name()).containsExactly(lower, upper);
                drawn.add(up);
            }
        }
        TrustMaps.BADGES.forEach((node, r) -> {
            assertThat(TrustMaps.ENDS.get(r)).as(r.name()).containsExactly(node, node);
            drawn.add(r);
        });
        // a relationship added to the bank without a place on the map fails here
        assertThat(drawn).containsExactlyInAnyOrder(Relationship.values());
        assertThat(TrustMaps.LINKS).hasSize(TrustMaps.NODES.size() - 1);
    }

    @Test
    void theColoursFollowTheWordsAgainstTheNetwork() {
        Views.Measure network = measure(50, 49, 51);
        assertThat(Panels.bandKey(measure(51, 48, 54), network)).isEqualTo("same");
        assertThat(Panels.bandKey(measure(53, 51, 55), network)).isEqualTo("above");
        assertThat(Panels.bandKey(measure(56, 53, 59), network)).isEqualTo("wellAbove");
        assertThat(Panels.bandKey(measure(47, 45, 49), network)).isEqualTo("below");
        assertThat(Panels.bandKey(measure(44, 41, 47), network)).isEqualTo("wellBelow");
        assertThat(Panels.bandKey(new Views.Measure("hidden", null, null, null, null, 3, null, "Not enough answers", ""), network)).isNull();
        assertThat(Panels.BANDS).containsExactly("wellBelow", "below", "same", "above", "wellAbove");
    }

    /**
     * A figure on the map is drawn as its estimate and, where the two do not fit on one line, its bracketed interval on the
     * next: the two lines are the worded figure exactly (one number, one wording), each short enough to sit whole beside an
     * arrow on a 390 px phone, in every language, for the longest realistic figures.
     */
    @Test
    void aWordedFigureBreaksOnlyBetweenItsEstimateAndItsInterval() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        double[][] figures = {{51, 49, 52}, {52, 51, 53}, {9.6, 4.4, 12.2}, {100, 97.5, 100}, {99.6, 96.6, 102.4}};
        for (String tag : List.of("en", "pl", "ar", "es")) {
            Locale locale = Locale.forLanguageTag(tag);
            for (double[] f : figures) {
                String text = Points.interval(messages, locale, f[0], f[1], f[2]);
                Views.MapLabel label = new Views.MapLabel("PUPIL_SCHOOL", "", text, "", "same", "");
                assertThat(label.estimate() + " " + label.interval()).as(tag).isEqualTo(text);
                assertThat(label.estimate()).as(tag + ": " + text).doesNotContain("(").doesNotContainAnyWhitespaces();
                assertThat(label.interval()).as(tag + ": " + text).startsWith("(").endsWith(")");
                // some 14 characters of bold 16 px text fill the label beside an arrow at 390 px (the browser test measures it)
                assertThat(label.interval().length()).as(tag + ": " + text).isLessThanOrEqualTo(16);
            }
            assertThat(Points.interval(messages, Locale.forLanguageTag("pl"), 51, 49, 52)).isEqualTo("51 (od 49 do 52)");
        }
        Views.MapLabel none = new Views.MapLabel("LEADER_STAFF", "", "–", "", "none", "");
        assertThat(none.estimate()).isEqualTo("–");
        assertThat(none.interval()).isEmpty();
    }

    static Views.Measure measure(double estimate, double lower, double upper) {
        return new Views.Measure("g", estimate, lower, upper, 40, 50, 0.8, null, "");
    }
}

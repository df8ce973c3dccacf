package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.Relationship;

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

    static Views.Measure measure(double estimate, double lower, double upper) {
        return new Views.Measure("g", estimate, lower, upper, 40, 50, 0.8, null, "");
    }
}

package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The charts of one page give a colour one meaning: the group the page is about is the same blue on the chart of where it
 * stands (its highlighted row), the chart of how its respondents spread (its bars) and the chart over time (its line), and
 * what it is compared with is never that colour. Before, the highlighted row was orange and the distribution beside it drew
 * the reference group in orange, the group in blue (an outside test).
 */
class ChartColoursTest {
    static final Charts.Words WORDS = new Charts.Words("Points", "Points (90% interval)", "Points (bands of 5)", "Share", "Relationship", "Measure");
    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> layers(String spec) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(spec).get("layer").forEach(out::add);
        return out;
    }

    @Test
    void theGroupIsOneColourOnEveryChartAndWhatItIsComparedWithIsAnother() throws Exception {
        List<Map<String, Object>> rows = List.of(
                Charts.map("series", "This school", "estimate", 52.0, "lower", 51.0, "upper", 53.0, "highlight", "yes", "text", "52"),
                Charts.map("series", "Network", "estimate", 50.0, "lower", 49.5, "upper", 50.5, "highlight", "no", "text", "50"));
        JsonNode highlight = layers(Charts.ranges(rows, "Where it stands", WORDS)).get(4).at("/encoding/color/scale");
        assertThat(highlight.at("/domain/0").asText()).isEqualTo("yes");
        String group = highlight.at("/range/0").asText();
        String other = highlight.at("/range/1").asText();

        List<JsonNode> distribution = layers(Charts.distribution(List.of(Charts.map("band", "50", "share", 0.4, "referenceShare", 0.3)),
                "How they spread", "This school", "Network", WORDS));
        assertThat(distribution.get(0).at("/mark/type").asText()).isEqualTo("bar");
        assertThat(distribution.get(0).at("/mark/color").asText()).as("the group's bars").isEqualTo(group);
        assertThat(distribution.get(1).at("/mark/color").asText()).as("the reference group's marks").isNotEqualTo(group);

        List<JsonNode> trend = layers(Charts.trend(List.of(Charts.map("window", "Spring", "estimate", 51.0, "lower", 50.0, "upper", 52.0,
                "text", "51")), "Over time", WORDS));
        assertThat(trend.get(1).at("/mark/color").asText()).as("the group's line").isEqualTo(group);
        assertThat(other).isNotEqualTo(group);
    }

    @Test
    void theDistributionsTitleNamesTheColoursItsMarksHave() throws Exception {
        var messages = org.rapport.app.web.IcuMessageSource.of("messages");
        String title = messages.getMessage("chart.distribution", new Object[] {"Belonging", "This school", "Network"}, java.util.Locale.ENGLISH);
        assertThat(title).isEqualTo("Belonging: how respondents spread (blue bars: This school, dark marks: Network)").doesNotContain("orange");
        assertThat(Charts.OWN).isEqualTo("#4a6fa5");
        assertThat(layers(Charts.distribution(List.of(Charts.map("band", "50", "share", 0.4, "referenceShare", 0.3)), "t", "a", "b", WORDS))
                .get(0).at("/mark/color").asText()).isEqualTo(Charts.OWN);
    }
}

package org.rapport.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulated respondent answering a survey document (as the survey API gives it) by a partial credit
 * model: each question a fixed difficulty drawn from its item id, four steps a logit apart, and the
 * person's level {@code theta}. One item may be made harder (a translation that reads differently).
 */
public final class ModelRespondent {
    private ModelRespondent() {
    }

    public static Map<String, Integer> answers(JsonNode session, double theta, SplittableRandom random) {
        return answers(session, theta, random, null, 0);
    }

    public static Map<String, Integer> answers(JsonNode session, double theta, SplittableRandom random, String harderItem, double by) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode block : session.get("blocks")) {
            for (JsonNode q : block.get("questions")) {
                String item = q.get("itemId").asText();
                double difficulty = (Math.floorMod(item.hashCode(), 7) - 3) / 4.0 + (item.equals(harderItem) ? by : 0);
                int value = 0;
                for (int step = 0; step < 4; step++) {
                    value += random.nextDouble() < 1 / (1 + Math.exp(-(theta - difficulty - (step - 1.5)))) ? 1 : 0;
                }
                out.put(q.get("key").asText(), value);
            }
        }
        return out;
    }
}

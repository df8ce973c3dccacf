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
    /** Four steps a logit apart, centred on the item's difficulty. */
    private static final double[] THRESHOLDS = {-1.5, -0.5, 0.5, 1.5};

    private ModelRespondent() {
    }

    public static Map<String, Integer> answers(JsonNode session, double theta, SplittableRandom random) {
        return answers(session, theta, random, null, 0);
    }

    public static Map<String, Integer> answers(JsonNode session, double theta, SplittableRandom random, String harderItem, double by) {
        return answers(session, item -> theta, item -> item.equals(harderItem) ? by : 0, random);
    }

    /** The same with each item's own level for this respondent ({@code theta} of the item's id): parts whose groups differ, say. */
    public static Map<String, Integer> answers(JsonNode session, java.util.function.ToDoubleFunction<String> theta, SplittableRandom random) {
        return answers(session, theta, item -> 0, random);
    }

    /** Every question answered from the respondent's level for its item, against its difficulty plus {@code harder}. */
    private static Map<String, Integer> answers(JsonNode session, java.util.function.ToDoubleFunction<String> theta,
                                                java.util.function.ToDoubleFunction<String> harder, SplittableRandom random) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode block : session.get("blocks")) {
            for (JsonNode q : block.get("questions")) {
                String item = q.get("itemId").asText();
                double difficulty = (Math.floorMod(item.hashCode(), 7) - 3) / 4.0 + harder.applyAsDouble(item);
                out.put(q.get("key").asText(), category(theta.applyAsDouble(item) - difficulty, THRESHOLDS, random));
            }
        }
        return out;
    }

    /** A category 0..thresholds.length drawn from the partial credit model: P(k) ∝ exp(Σ_{j≤k} (θ − τ_j)). */
    public static int category(double theta, double[] thresholds, SplittableRandom random) {
        double[] weight = new double[thresholds.length + 1];
        double sum = 0;
        double cumulative = 0;
        for (int k = 0; k <= thresholds.length; k++) {
            if (k > 0) {
                cumulative += theta - thresholds[k - 1];
            }
            weight[k] = Math.exp(cumulative);
            sum += weight[k];
        }
        double u = random.nextDouble() * sum;
        int k = 0;
        while (k < thresholds.length && u > weight[k]) {
            u -= weight[k];
            k++;
        }
        return k;
    }
}

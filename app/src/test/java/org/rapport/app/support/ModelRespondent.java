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
    private static final int STEPS = 4;

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
                out.put(q.get("key").asText(), category(theta - difficulty, random));
            }
        }
        return out;
    }

    /** A category 0–4 with P(k) ∝ exp(Σ_{j≤k} (θ − δ − τ_j)), thresholds τ = −1.5, −0.5, 0.5, 1.5. */
    static int category(double thetaMinusDifficulty, SplittableRandom random) {
        double[] weight = new double[STEPS + 1];
        double sum = 0;
        double cumulative = 0;
        for (int k = 0; k <= STEPS; k++) {
            if (k > 0) {
                cumulative += thetaMinusDifficulty - (k - 1 - (STEPS - 1) / 2.0);
            }
            weight[k] = Math.exp(cumulative);
            sum += weight[k];
        }
        double u = random.nextDouble() * sum;
        int k = 0;
        while (k < STEPS && u > weight[k]) {
            u -= weight[k];
            k++;
        }
        return k;
    }
}

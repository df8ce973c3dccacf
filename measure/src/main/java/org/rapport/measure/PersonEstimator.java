package org.rapport.measure;

import java.util.HashMap;
import java.util.Map;

/**
 * Person measures given item thresholds. Warm's (1989) weighted likelihood estimate solves
 * r − Σ E_i(θ) + Σ μ3_i(θ) / (2 Σ Var_i(θ)) = 0, which is finite for zero and full scores and
 * removes the first-order bias of maximum likelihood; the maximum likelihood estimate solves
 * r = Σ E_i(θ) and is infinite for zero and full scores. Standard error 1/√I(θ̂).
 */
public final class PersonEstimator {
    public enum Method { WLE, MLE }

    private static final double BRACKET_LIMIT = 60;

    private final ItemParameters items;
    private final Method method;
    private final double[] probabilities;
    private final double[] moments = new double[4];
    private final Map<AnswerPattern, double[][]> cache = new HashMap<>();

    public PersonEstimator(ItemParameters items, Method method) {
        this.items = items;
        this.method = method;
        this.probabilities = new double[items.largestMaxCategory() + 1];
    }

    public static PersonEstimator wle(ItemParameters items) {
        return new PersonEstimator(items, Method.WLE);
    }

    /** The measure for raw score {@code score} on the items {@code answered} (ascending item indices). */
    public PersonMeasure estimate(int[] answered, int score) {
        int maxScore = 0;
        for (int i : answered) {
            maxScore += items.maxCategory(i);
        }
        if (score < 0 || score > maxScore) {
            throw new IllegalArgumentException("score " + score + " is outside 0.." + maxScore);
        }
        if (answered.length == 0) {
            return new PersonMeasure(0, 0, Double.NaN, Double.NaN);
        }
        if (method == Method.MLE && (score == 0 || score == maxScore)) {
            double inf = score == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return new PersonMeasure(score, maxScore, inf, Double.POSITIVE_INFINITY);
        }
        double theta = solve(answered, score);
        double info = information(answered, theta);
        return new PersonMeasure(score, maxScore, theta, 1 / Math.sqrt(info));
    }

    /** Same as {@link #estimate} but remembers each pattern's table of measures by score. */
    public PersonMeasure estimate(AnswerPattern pattern, int score) {
        double[][] table = cache.computeIfAbsent(pattern, p -> new double[p.maxScore() + 1][]);
        double[] cell = table[score];
        if (cell == null) {
            PersonMeasure m = estimate(pattern.itemsUnsafe(), score);
            table[score] = cell = new double[] {m.measure(), m.standardError()};
        }
        return new PersonMeasure(score, pattern.maxScore(), cell[0], cell[1]);
    }

    /** Test information Σ Var_i(θ) over the answered items. */
    public double information(int[] answered, double theta) {
        double info = 0;
        for (int i : answered) {
            items.moments(i, theta, probabilities, moments);
            info += moments[1];
        }
        return info;
    }

    private double equation(int[] answered, int score, double theta) {
        double expected = 0, info = 0, third = 0;
        for (int i : answered) {
            items.moments(i, theta, probabilities, moments);
            expected += moments[0];
            info += moments[1];
            third += moments[2];
        }
        double f = score - expected;
        if (method == Method.WLE) {
            f += third / (2 * info);
        }
        return f;
    }

    /** Safeguarded Newton on a bracket (the equation falls from positive to negative in θ). */
    private double solve(int[] answered, int score) {
        double lo = -1, hi = 1;
        while (equation(answered, score, lo) < 0 && lo > -BRACKET_LIMIT) {
            lo *= 2;
        }
        while (equation(answered, score, hi) > 0 && hi < BRACKET_LIMIT) {
            hi *= 2;
        }
        double theta = 0.5 * (lo + hi);
        for (int iter = 0; iter < 200; iter++) {
            double f = equation(answered, score, theta);
            if (f > 0) {
                lo = theta;
            } else {
                hi = theta;
            }
            double slope = -information(answered, theta);
            double next = theta - f / slope;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - theta) < 1e-11) {
                return next;
            }
            theta = next;
        }
        return theta;
    }
}

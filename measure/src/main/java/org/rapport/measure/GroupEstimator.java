package org.rapport.measure;

import java.util.ArrayList;
import java.util.List;

/** Group means of person measures with honest intervals, and empirical Bayes shrinkage towards a parent group. */
public final class GroupEstimator {
    private GroupEstimator() {
    }

    /**
     * The mean of {@code measures} (WLEs with standard errors {@code errors}) of the respondents of a
     * group of {@code population} members. Its variance is sampling variance of the true measures
     * without replacement, (σ²_true / n)(1 − n/N), plus measurement variance Σ se² / n²
     * (classical test theory: observed variance = true variance + mean error variance).
     */
    public static GroupMeasure of(double[] measures, double[] errors, int population) {
        int n = measures.length;
        if (n == 0 || errors.length != n) {
            throw new IllegalArgumentException("a group needs measures and as many standard errors");
        }
        double sum = 0;
        double squares = 0;
        double errorSquares = 0;
        for (int i = 0; i < n; i++) {
            sum += measures[i];
            squares += measures[i] * measures[i];
            errorSquares += errors[i] * errors[i];
        }
        return ofSums(n, sum, squares, errorSquares, population);
    }

    /**
     * The same from sufficient statistics, which add up over parts of a group: {@code n} measures, their
     * sum and sum of squares, and the sum of their squared standard errors.
     */
    public static GroupMeasure ofSums(int n, double sum, double sumOfSquares, double sumOfSquaredErrors, int population) {
        if (n <= 0) {
            throw new IllegalArgumentException("a group needs at least one measure");
        }
        int size = Math.max(population, n);
        double mean = sum / n;
        double errorVariance = sumOfSquaredErrors / n;
        double observedVariance = n > 1 ? Math.max(sumOfSquares - sum * mean, 0) / (n - 1) : 0;
        double trueVariance = Math.max(observedVariance - errorVariance, 0);
        double sampling = trueVariance / n * (1 - (double) n / size);
        double variance = sampling + errorVariance / n;
        double se = Math.sqrt(variance);
        double open = Math.sqrt(trueVariance / n + errorVariance / n);
        return new GroupMeasure(n, size, mean, se, mean, se, 0, open);
    }

    /**
     * Shrinks sibling groups towards their parent's mean {@code parentMean} (Morris 1983, parametric
     * empirical Bayes): τ² by moments from the groups' spread, B_i = (k−3)/(k−1) · se_i² / (se_i² + τ²), estimate
     * (1 − B_i)ȳ_i + B_i μ, and variance se_i²(1 − (k−1)/k · B_i) + 2/(k−3) · B_i² (ȳ_i − μ)², which
     * allows for τ² and μ being estimated. Fewer than four groups: returned unshrunk.
     */
    public static List<GroupMeasure> shrink(List<GroupMeasure> groups, double parentMean) {
        int k = groups.size();
        if (k < 4) {
            return List.copyOf(groups);
        }
        double tau2 = betweenGroupVariance(groups, parentMean);
        List<GroupMeasure> out = new ArrayList<>(k);
        for (GroupMeasure g : groups) {
            double v = g.standardError() * g.standardError();
            // Morris's (k − 3)/(k − 1): B stays below 1 where τ² is estimated at 0, so no group is taken for its parent
            double b = v + tau2 == 0 ? 0 : (k - 3.0) / (k - 1.0) * v / (v + tau2);
            double estimate = (1 - b) * g.mean() + b * parentMean;
            double d = g.mean() - parentMean;
            double variance = v * (1 - (k - 1.0) / k * b) + 2.0 / (k - 3) * b * b * d * d;
            out.add(g.shrunk(estimate, Math.sqrt(variance), b));
        }
        return out;
    }

    /** Method-of-moments estimate of the variance of the groups' true means around {@code parentMean}. */
    public static double betweenGroupVariance(List<GroupMeasure> groups, double parentMean) {
        int k = groups.size();
        double spread = 0;
        double error = 0;
        for (GroupMeasure g : groups) {
            spread += (g.mean() - parentMean) * (g.mean() - parentMean);
            error += g.standardError() * g.standardError();
        }
        return Math.max(spread / (k - 1) - error / k, 0);
    }
}

package org.rapport.measure;

import java.util.List;

/**
 * Step (Andrich) thresholds per item, in logits, difficulty direction: threshold k of item i is
 * the person measure at which categories k-1 and k are equally likely. The dichotomous model has
 * one threshold per item, its difficulty.
 */
public final class ItemParameters {
    private final List<String> itemNames;
    private final double[][] thresholds;

    public ItemParameters(List<String> itemNames, double[][] thresholds) {
        if (itemNames.size() != thresholds.length) {
            throw new IllegalArgumentException(itemNames.size() + " item names but thresholds for " + thresholds.length + " items");
        }
        this.itemNames = List.copyOf(itemNames);
        this.thresholds = new double[thresholds.length][];
        for (int i = 0; i < thresholds.length; i++) {
            this.thresholds[i] = thresholds[i].clone();
        }
    }

    public List<String> itemNames() {
        return itemNames;
    }

    public int items() {
        return thresholds.length;
    }

    public int maxCategory(int item) {
        return thresholds[item].length;
    }

    public int[] maxCategories() {
        int[] m = new int[thresholds.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = thresholds[i].length;
        }
        return m;
    }

    /** Threshold {@code k} (1-based, as in the output files) of item {@code item}. */
    public double threshold(int item, int k) {
        return thresholds[item][k - 1];
    }

    /**
     * P(X = h | theta) for h = 0..m into {@code out}; Masters (1982):
     * P(h) ∝ exp(h·theta − Σ_{k≤h} τ_k).
     */
    public void categoryProbabilities(int item, double theta, double[] out) {
        double[] tau = thresholds[item];
        int m = tau.length;
        double logit = 0;
        double max = 0;
        out[0] = 0;
        for (int h = 1; h <= m; h++) {
            logit += theta - tau[h - 1];
            out[h] = logit;
            if (logit > max) {
                max = logit;
            }
        }
        double sum = 0;
        for (int h = 0; h <= m; h++) {
            out[h] = Math.exp(out[h] - max);
            sum += out[h];
        }
        for (int h = 0; h <= m; h++) {
            out[h] /= sum;
        }
    }

    /**
     * Expected score, variance (the item information), third and fourth central moments of item
     * {@code item} at {@code theta}, written to {@code moments[0..3]}.
     */
    public void moments(int item, double theta, double[] probabilities, double[] moments) {
        categoryProbabilities(item, theta, probabilities);
        int m = thresholds[item].length;
        double mean = 0;
        for (int h = 1; h <= m; h++) {
            mean += h * probabilities[h];
        }
        double m2 = 0, m3 = 0, m4 = 0;
        for (int h = 0; h <= m; h++) {
            double d = h - mean;
            double d2 = d * d;
            m2 += d2 * probabilities[h];
            m3 += d2 * d * probabilities[h];
            m4 += d2 * d2 * probabilities[h];
        }
        moments[0] = mean;
        moments[1] = m2;
        moments[2] = m3;
        moments[3] = m4;
    }

    /** Fisher information of item {@code item} at {@code theta}: the variance of its score. */
    public double information(int item, double theta) {
        double[] p = new double[maxCategory(item) + 1];
        double[] moments = new double[4];
        moments(item, theta, p, moments);
        return moments[1];
    }

    /** Highest category over all items, for sizing work arrays. */
    int largestMaxCategory() {
        int max = 0;
        for (double[] item : thresholds) {
            max = Math.max(max, item.length);
        }
        return max;
    }
}

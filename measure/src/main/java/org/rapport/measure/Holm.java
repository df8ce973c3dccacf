package org.rapport.measure;

/**
 * Holm's step-down procedure (Holm 1979): which of m hypotheses to reject at a family-wise error rate
 * {@code alpha}. Sorted by p-value, the i-th smallest (0-based) is rejected while p &lt; alpha / (m − i),
 * stopping at the first that is not.
 */
public final class Holm {
    private Holm() {
    }

    /** For each p-value, whether it is beyond chance at family-wise level {@code alpha}. */
    public static boolean[] rejected(double[] pValues, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie between 0 and 1, not " + alpha);
        }
        int m = pValues.length;
        Integer[] order = PValues.ascending(pValues);
        boolean[] out = new boolean[m];
        for (int rank = 0; rank < m; rank++) {
            if (pValues[order[rank]] >= alpha / (m - rank)) {
                break;
            }
            out[order[rank]] = true;
        }
        return out;
    }
}

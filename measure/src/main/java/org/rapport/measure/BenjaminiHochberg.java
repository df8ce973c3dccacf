package org.rapport.measure;

/**
 * Benjamini and Hochberg's (1995) step-up procedure: which of m hypotheses to reject so that the expected share of
 * false rejections among all rejections (the false-discovery rate) is at most {@code q}. Sorted by p-value, the
 * largest rank i (1-based) with p_(i) ≤ i·q/m and every smaller p-value are rejected. Proved for independent tests
 * and for one-sided tests of positively dependent statistics (Benjamini and Yekutieli 2001); for two-sided tests of
 * dependent ones it is not proved in general, though simulation studies find it holds closely.
 */
public final class BenjaminiHochberg {
    private BenjaminiHochberg() {
    }

    /** For each p-value, whether it is a discovery at false-discovery rate {@code q}. */
    public static boolean[] rejected(double[] pValues, double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("a false-discovery rate lies between 0 and 1, not " + q);
        }
        int m = pValues.length;
        Integer[] order = PValues.ascending(pValues);
        int largest = -1;
        for (int rank = 0; rank < m; rank++) {
            if (pValues[order[rank]] <= (rank + 1) * q / m) {
                largest = rank;
            }
        }
        boolean[] out = new boolean[m];
        for (int rank = 0; rank <= largest; rank++) {
            out[order[rank]] = true;
        }
        return out;
    }
}

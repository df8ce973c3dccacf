package org.rapport.measure;

/**
 * Mean-square fit with its standardisation. Outfit is the mean squared standardised residual;
 * infit weights squared residuals by their variance (Wright &amp; Masters 1982, ch. 5). The z values
 * use the Wilson–Hilferty cube-root transformation, z = (MSQ^(1/3) − 1)(3/q) + q/3.
 */
public record FitStatistic(long n, double infitMeanSquare, double outfitMeanSquare, double infitZ, double outfitZ) {

    static final FitStatistic NONE = new FitStatistic(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Running sums over person–item residuals. */
    static final class Accumulator {
        long n;
        double squaredResiduals;
        double squaredStandardised;
        double variance;
        double outfitVarianceTerm;
        double infitVarianceTerm;

        /** Adds {@code count} answers in category {@code x} where the model expects this mean and variance. */
        void add(long count, double x, double mean, double variance) {
            double d2 = (x - mean) * (x - mean);
            squaredResiduals += count * d2;
            squaredStandardised += count * d2 / variance;
        }

        /** Adds the model terms of {@code count} persons at the same measure. */
        void addModel(long count, double variance, double fourth) {
            n += count;
            this.variance += count * variance;
            outfitVarianceTerm += count * fourth / (variance * variance);
            infitVarianceTerm += count * (fourth - variance * variance);
        }

        /** Covariances of the squared residuals with the item's own conditional scores, and those scores' information. */
        double[] infitScore;
        double[] outfitScore;
        double[][] information;

        /**
         * Adds {@code count} persons whose answer to the item, given their raw score, is in category h with probability
         * {@code conditional[3 + h]} (mean {@code conditional[0]}, variance {@code conditional[1]}): the terms by which
         * the item's own CML estimating equations, ψ_h = 1[x = h] − P(x = h | r) for h = 1..m, take variance out of its
         * mean squares.
         */
        void addEstimation(long count, double[] conditional, int m) {
            if (information == null) {
                infitScore = new double[m];
                outfitScore = new double[m];
                information = new double[m][m];
            }
            double mean = conditional[0], var = conditional[1];
            for (int h = 1; h <= m && h + 3 < conditional.length; h++) {
                double p = conditional[3 + h];
                double d2 = (h - mean) * (h - mean);
                infitScore[h - 1] += count * p * (d2 - var);
                outfitScore[h - 1] += count * p * (d2 / var - 1);
                for (int k = 1; k <= m && k + 3 < conditional.length; k++) {
                    information[h - 1][k - 1] += count * ((h == k ? p : 0) - p * conditional[3 + k]);
                }
            }
        }

        FitStatistic result() {
            if (n == 0 || variance <= 0) {
                return NONE;
            }
            double outfit = squaredStandardised / n;
            double infit = squaredResiduals / variance;
            double qOut = Math.sqrt(Math.max((outfitVarianceTerm - n - projected(outfitScore)) / ((double) n * n), 0));
            double qIn = Math.sqrt(Math.max((infitVarianceTerm - projected(infitScore)) / (variance * variance), 0));
            return new FitStatistic(n, infit, outfit, standardise(infit, qIn), standardise(outfit, qOut));
        }

        /** c'I⁻¹c: the variance the item's estimated parameters take out of a sum whose covariance with their scores is c. */
        private double projected(double[] c) {
            if (information == null) {
                return 0;
            }
            int m = c.length;
            double[][] a = new double[m][m + 1];
            for (int h = 0; h < m; h++) {
                System.arraycopy(information[h], 0, a[h], 0, m);
                a[h][m] = c[h];
            }
            for (int col = 0; col < m; col++) {
                int pivot = col;
                for (int row = col + 1; row < m; row++) {
                    if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                        pivot = row;
                    }
                }
                if (!(Math.abs(a[pivot][col]) > 1e-12)) {
                    return 0;
                }
                double[] t = a[col];
                a[col] = a[pivot];
                a[pivot] = t;
                for (int row = 0; row < m; row++) {
                    if (row != col) {
                        double f = a[row][col] / a[col][col];
                        for (int j = col; j <= m; j++) {
                            a[row][j] -= f * a[col][j];
                        }
                    }
                }
            }
            double out = 0;
            for (int h = 0; h < m; h++) {
                out += c[h] * a[h][m] / a[h][h];
            }
            return Math.max(out, 0);
        }

        private static double standardise(double meanSquare, double q) {
            if (q == 0) {
                return Double.NaN;
            }
            return (Math.cbrt(meanSquare) - 1) * (3 / q) + q / 3;
        }
    }
}

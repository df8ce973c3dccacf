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

        FitStatistic result() {
            if (n == 0 || variance <= 0) {
                return NONE;
            }
            double outfit = squaredStandardised / n;
            double infit = squaredResiduals / variance;
            double qOut = Math.sqrt(Math.max(outfitVarianceTerm / ((double) n * n) - 1.0 / n, 0));
            double qIn = Math.sqrt(Math.max(infitVarianceTerm / (variance * variance), 0));
            return new FitStatistic(n, infit, outfit, standardise(infit, qIn), standardise(outfit, qOut));
        }

        private static double standardise(double meanSquare, double q) {
            if (q == 0) {
                return Double.NaN;
            }
            return (Math.cbrt(meanSquare) - 1) * (3 / q) + q / 3;
        }
    }
}

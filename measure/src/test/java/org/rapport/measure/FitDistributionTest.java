package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Item fit z keeps its stated distribution on data drawn from the model: over many simulated data sets, the share of
 * items with |z| &gt; 2 is near the 4.55% of a standard normal, for short tests as well as long ones. With these seeds:
 * <ul>
 * <li>fit around estimated person measures (WLE residuals, before item fit was made conditional on the raw score)
 * flagged far too many: |infit z| &gt; 2 on 800 of 800 items at 4 items a person, 771 of 1,600 at 8, 284 of 4,000
 * (7.1%) at 20;</li>
 * <li>fit conditional on the raw score with the variance of independent answers flagged too few, since the item's
 * parameters are estimated from the same answers: 0.75% at 4, 1.75% at 8, 2.15% at 20 (below the band there);</li>
 * <li>with the variance the item's own CML estimating equations take out projected away ({@link Fit#items}): 1.75%
 * (outfit 2.25%) at 4, 4.19% at 8, 4.40% at 20. At 4 items a person it is still conservative: the other items'
 * estimates, which a short test ties closely to the item's, are not projected out.</li>
 * </ul>
 *
 * <p>Each design draws {@value #DATA_SETS} data sets of {@value #PERSONS} persons (θ ~ N(0, 1), four answer
 * categories, seeds printed), calibrates each by CML and counts |z| &gt; 2 over every item of every data set, for infit
 * and for outfit. Tolerance: the share is a binomial proportion of N = data sets × items z values; the items of one
 * data set are not independent (their residuals share the persons), so the band is four binomial standard errors,
 * 4·√(0.0455·0.9545/N), plus one percentage point for the Wilson–Hilferty approximation of a mean square's
 * distribution: for 4 items (N = 800) 0.0455 ± 0.040, for 20 items (N = 4,000) ± 0.023.
 */
class FitDistributionTest {
    static final int DATA_SETS = 200;
    static final int PERSONS = 500;
    static final double NOMINAL = 0.0455;

    @ParameterizedTest(name = "{0} items a person, seed {1}")
    @CsvSource({"4, 24004", "8, 24008", "20, 24020"})
    void itemFitZFromTheModelIsBeyondTwoAboutOneTimeInTwenty(int items, long seed) {
        int beyondIn = 0, beyondOut = 0, n = 0;
        for (int set = 0; set < DATA_SETS; set++) {
            ItemParameters truth = Simulator.items(items, 4, seed + 1000L * set);
            ResponseMatrix raw = new Simulator(truth, seed + 1000L * set + 1).matrix(PERSONS, 1.0, 0);
            ResponseMatrix data = CategoryMerge.recode(raw, CategoryMerge.unusedCategories(raw, 3));
            for (FitStatistic fit : Analysis.run(data, Model.PCM).itemFit()) {
                n++;
                beyondIn += Math.abs(fit.infitZ()) > 2 ? 1 : 0;
                beyondOut += Math.abs(fit.outfitZ()) > 2 ? 1 : 0;
            }
        }
        double tolerance = 4 * Math.sqrt(NOMINAL * (1 - NOMINAL) / n) + 0.01;
        double infit = (double) beyondIn / n;
        double outfit = (double) beyondOut / n;
        System.out.printf("fit z, %d items a person, seed %d: |infit z| > 2 in %d of %d (%.4f), |outfit z| > 2 in %d (%.4f),"
                + " allowed %.4f ± %.4f%n", items, seed, beyondIn, n, infit, beyondOut, outfit, NOMINAL, tolerance);
        assertThat(infit).as("share of |infit z| > 2, %d items a person, seed %d", items, seed).isBetween(NOMINAL - tolerance, NOMINAL + tolerance);
        assertThat(outfit).as("share of |outfit z| > 2, %d items a person, seed %d", items, seed).isBetween(NOMINAL - tolerance, NOMINAL + tolerance);
    }
}

package org.rapport.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Conditional maximum likelihood for the Rasch family (Andersen 1972; Fischer &amp; Molenaar 1995,
 * ch. 3 and 15): the person parameters are conditioned out through their raw scores, leaving
 * elementary symmetric functions of the item category parameters. Newton steps with the analytic
 * gradient and Hessian and a backtracking line search; the log-likelihood is concave, so this
 * converges from any start.
 *
 * <p>Internally each item i has category parameters β_ih = τ_i1 + … + τ_ih (h = 1..m_i), so that
 * P(x | r) = Π exp(−β_{i,x_i}) / γ_r. Models differ only in the linear map from free parameters
 * η to β (RM and PCM: β itself less one for identification; RSM: β_ih = h·δ_i + ω_h).
 */
public final class CmlEstimator {
    private static final double DIVERGED = 40;

    private static final int MAX_ITERATIONS = 100;
    private static final double STEP_TOLERANCE = 1e-6;

    public static Calibration calibrate(SufficientStatistics stats, Model model) {
        return new CmlEstimator().fit(stats, model);
    }

    public Calibration fit(SufficientStatistics stats, Model model) {
        Problem problem = new Problem(stats, model);
        problem.checkEstimable();
        int q = problem.freeParameters;
        double[] eta = new double[q];
        Evaluation current = problem.evaluate(problem.beta(eta), true);
        int iterations = 0;
        boolean converged = false;
        // converged when the Newton step is negligible; a diverging estimate keeps taking steps of
        // about one logit while its gradient vanishes, so a small gradient alone would not do
        while (iterations < MAX_ITERATIONS) {
            double[] g = problem.reduceGradient(current.gradient);
            Cholesky chol = Cholesky.of(problem.reduceNegativeHessian(current.hessian), q);
            if (chol == null) {
                throw notIdentified(problem);
            }
            double[] step = chol.solve(g);
            if (maxAbs(step) < STEP_TOLERANCE) {
                converged = true;
                break;
            }
            double slope = dot(g, step);
            double t = 1;
            double[] trial = new double[q];
            while (true) {
                for (int k = 0; k < q; k++) {
                    trial[k] = eta[k] + t * step[k];
                }
                Evaluation next = problem.evaluate(problem.beta(trial), false);
                if (next.loglik >= current.loglik + 1e-4 * t * slope || t < 1e-10) {
                    break;
                }
                t *= 0.5;
            }
            iterations++;
            System.arraycopy(trial, 0, eta, 0, q);
            if (maxAbs(eta) > DIVERGED) {
                throw notIdentified(problem);
            }
            current = problem.evaluate(problem.beta(eta), true);
        }
        Cholesky chol = Cholesky.of(problem.reduceNegativeHessian(current.hessian), q);
        if (chol == null) {
            throw notIdentified(problem);
        }
        return problem.calibration(eta, chol.inverse(), current.loglik, iterations, converged);
    }

    private static MeasurementException notIdentified(Problem problem) {
        return new MeasurementException("the " + problem.model.label() + " parameters have no finite estimates for these data "
                + "(some item or category separates the persons perfectly); check for items everyone answers alike "
                + "and categories hardly anyone uses");
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    record Evaluation(double loglik, double[] gradient, double[] hessian) {
    }

    /** One calibration problem: statistics, model and the map from free parameters to β. */
    static final class Problem {
        final SufficientStatistics stats;
        final Model model;
        final int items;
        final int[] m;
        final int[] offset;
        final int p;
        final int freeParameters;
        final double[] design;
        final long[] nonExtremeCounts;
        final long nonExtremePersons;

        Problem(SufficientStatistics stats, Model model) {
            this.stats = stats;
            this.model = model;
            this.items = stats.items();
            this.m = stats.maxCategories();
            this.offset = new int[items + 1];
            for (int i = 0; i < items; i++) {
                offset[i + 1] = offset[i] + m[i];
            }
            this.p = offset[items];
            this.nonExtremeCounts = new long[p];
            long persons = 0;
            for (SufficientStatistics.PatternCounts counts : stats.patterns()) {
                for (int r = 1; r < counts.pattern().maxScore(); r++) {
                    persons += counts.count(r);
                    long[] byCategory = counts.categoryCounts(r);
                    if (byCategory == null) {
                        continue;
                    }
                    for (int i = 0; i < items; i++) {
                        for (int h = 1; h <= m[i]; h++) {
                            nonExtremeCounts[offset[i] + h - 1] += byCategory[stats.categoryOffset(i) + h];
                        }
                    }
                }
            }
            this.nonExtremePersons = persons;
            this.design = buildDesign();
            this.freeParameters = p == 0 ? 0 : design.length / p;
        }

        /** β = W η, W row-major p by q. */
        private double[] buildDesign() {
            if (model == Model.RSM) {
                int cats = m.length == 0 ? 0 : m[0];
                int q = (items - 1) + (cats - 1);
                double[] w = new double[p * q];
                for (int i = 0; i < items; i++) {
                    for (int h = 1; h <= cats; h++) {
                        int row = offset[i] + h - 1;
                        if (i > 0) {
                            w[row * q + (i - 1)] = h;
                        }
                        if (h > 1) {
                            w[row * q + (items - 1) + (h - 2)] = 1;
                        }
                    }
                }
                return w;
            }
            int q = p - 1;
            double[] w = new double[p * q];
            for (int row = 1; row < p; row++) {
                w[row * q + row - 1] = 1;
            }
            return w;
        }

        void checkEstimable() {
            List<String> problems = new ArrayList<>();
            List<String> names = stats.itemNames();
            if (items < 2) {
                problems.add("conditional estimation needs two or more items, found " + items);
            }
            for (int i = 0; i < items; i++) {
                if (model == Model.RM && m[i] > 1) {
                    problems.add("item " + names.get(i) + ": the dichotomous model (rm) needs answers 0 and 1, found category " + m[i]);
                }
            }
            if (model == Model.RSM) {
                for (int i = 1; i < items; i++) {
                    if (m[i] != m[0]) {
                        problems.add("the rating scale model (rsm) needs the same categories for every item: "
                                + names.get(0) + " has 0.." + m[0] + ", " + names.get(i) + " has 0.." + m[i]);
                        break;
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new MeasurementException(problems);
            }
            long[] usedInRsm = new long[model == Model.RSM && items > 0 ? m[0] + 1 : 0];
            for (int i = 0; i < items; i++) {
                String name = names.get(i);
                long answered = 0;
                int categoriesUsed = 0;
                int onlyCategory = -1;
                List<Integer> unused = new ArrayList<>();
                List<Integer> extremeOnly = new ArrayList<>();
                for (int h = 0; h <= m[i]; h++) {
                    long all = stats.categoryCount(i, h);
                    long informative = stats.categoryCountNonExtreme(i, h);
                    answered += all;
                    if (all > 0) {
                        categoriesUsed++;
                        onlyCategory = h;
                    }
                    if (usedInRsm.length > 0) {
                        usedInRsm[h] += informative;
                    }
                    if (all == 0) {
                        unused.add(h);
                    } else if (informative == 0) {
                        extremeOnly.add(h);
                    }
                }
                if (answered == 0) {
                    problems.add("item " + name + ": nobody answered it");
                } else if (m[i] == 0 || categoriesUsed == 1) {
                    problems.add("item " + name + ": every answer is " + onlyCategory
                            + "; an item needs answers in two or more categories");
                } else if (model != Model.RSM && !unused.isEmpty()) {
                    problems.add("item " + name + ": nobody answered in categor" + (unused.size() == 1 ? "y " : "ies ")
                            + join(unused) + " (of 0.." + m[i] + "); merge such a category with its neighbour or drop the item");
                } else if (model != Model.RSM && !extremeOnly.isEmpty()) {
                    problems.add("item " + name + ": categor" + (extremeOnly.size() == 1 ? "y " : "ies ") + join(extremeOnly)
                            + " only used by persons with a zero or full score, which carry no information on it");
                }
            }
            for (int h = 0; h < usedInRsm.length; h++) {
                if (usedInRsm[h] == 0) {
                    problems.add("category " + h + " is used by no person with a score between zero and full on any item");
                }
            }
            if (problems.isEmpty() && nonExtremePersons == 0) {
                problems.add("every person has a zero or full score, so the data say nothing about the items");
            }
            if (!problems.isEmpty()) {
                throw new MeasurementException(problems);
            }
        }

        private static String join(List<Integer> values) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < values.size(); k++) {
                sb.append(k == 0 ? "" : k == values.size() - 1 ? " and " : ", ").append(values.get(k));
            }
            return sb.toString();
        }

        double[] beta(double[] eta) {
            int q = freeParameters;
            double[] beta = new double[p];
            for (int row = 0; row < p; row++) {
                double s = 0;
                for (int k = 0; k < q; k++) {
                    s += design[row * q + k] * eta[k];
                }
                beta[row] = s;
            }
            return beta;
        }

        double[] reduceGradient(double[] g) {
            int q = freeParameters;
            double[] out = new double[q];
            for (int row = 0; row < p; row++) {
                if (g[row] != 0) {
                    for (int k = 0; k < q; k++) {
                        out[k] += design[row * q + k] * g[row];
                    }
                }
            }
            return out;
        }

        /** −Wᵀ H W. */
        double[] reduceNegativeHessian(double[] h) {
            int q = freeParameters;
            double[] hw = new double[p * q];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    double hab = h[a * p + b];
                    if (hab != 0) {
                        for (int k = 0; k < q; k++) {
                            hw[a * q + k] += hab * design[b * q + k];
                        }
                    }
                }
            }
            double[] out = new double[q * q];
            for (int a = 0; a < p; a++) {
                for (int j = 0; j < q; j++) {
                    double waj = design[a * q + j];
                    if (waj != 0) {
                        for (int k = 0; k < q; k++) {
                            out[j * q + k] -= waj * hw[a * q + k];
                        }
                    }
                }
            }
            return out;
        }

        Evaluation evaluate(double[] beta, boolean derivatives) {
            double loglik = 0;
            for (int k = 0; k < p; k++) {
                loglik -= nonExtremeCounts[k] * beta[k];
            }
            double[] gradient = derivatives ? new double[p] : null;
            double[] hessian = derivatives ? new double[p * p] : null;
            for (SufficientStatistics.PatternCounts counts : stats.patterns()) {
                loglik += new PatternTerm(this, counts, beta).accumulate(gradient, hessian);
            }
            if (derivatives) {
                for (int k = 0; k < p; k++) {
                    gradient[k] -= nonExtremeCounts[k];
                }
            }
            return new Evaluation(loglik, gradient, hessian);
        }

        Calibration calibration(double[] eta, double[] covEta, double loglik, int iterations, boolean converged) {
            int q = freeParameters;
            double[] beta = beta(eta);
            // thresholds τ_ik = β_ik − β_i,k−1 (Andrich 1978), centred on their mean
            double[][] tau = new double[items][];
            double mean = 0;
            for (int i = 0; i < items; i++) {
                tau[i] = new double[m[i]];
                for (int h = 1; h <= m[i]; h++) {
                    tau[i][h - 1] = beta[offset[i] + h - 1] - (h > 1 ? beta[offset[i] + h - 2] : 0);
                    mean += tau[i][h - 1];
                }
            }
            mean /= p;
            // gradient of each centred threshold in η, for its standard error by the delta method
            double[] threshDesign = new double[p * q];
            double[] meanRow = new double[q];
            for (int i = 0; i < items; i++) {
                for (int h = 1; h <= m[i]; h++) {
                    int row = offset[i] + h - 1;
                    for (int k = 0; k < q; k++) {
                        double d = design[row * q + k] - (h > 1 ? design[(row - 1) * q + k] : 0);
                        threshDesign[row * q + k] = d;
                        meanRow[k] += d / p;
                    }
                }
            }
            double[][] se = new double[items][];
            double[] locationSe = new double[items];
            for (int i = 0; i < items; i++) {
                se[i] = new double[m[i]];
                double[] location = new double[q];
                for (int h = 1; h <= m[i]; h++) {
                    int row = offset[i] + h - 1;
                    tau[i][h - 1] -= mean;
                    double[] g = new double[q];
                    for (int k = 0; k < q; k++) {
                        g[k] = threshDesign[row * q + k] - meanRow[k];
                    }
                    se[i][h - 1] = Math.sqrt(quadraticForm(g, covEta, q));
                    for (int k = 0; k < q; k++) {
                        location[k] += g[k] / m[i];
                    }
                }
                // the item's location (mean of its thresholds) by the same delta method, so the thresholds'
                // covariances count: adjacent thresholds share a parameter and are correlated
                locationSe[i] = Math.sqrt(quadraticForm(location, covEta, q));
            }
            return new Calibration(model, new ItemParameters(stats.itemNames(), tau), se, locationSe, loglik, iterations,
                    converged, q, stats.persons(), nonExtremePersons);
        }

        /** gᵀ C g, at least 0 (rounding). */
        private static double quadraticForm(double[] g, double[] covariance, int q) {
            double var = 0;
            for (int a = 0; a < q; a++) {
                if (g[a] == 0) {
                    continue;
                }
                for (int b = 0; b < q; b++) {
                    var += g[a] * covariance[a * q + b] * g[b];
                }
            }
            return Math.max(var, 0);
        }
    }

    /**
     * The terms of one answer pattern: elementary symmetric functions by the summation algorithm
     * (Fischer 1974; Verhelst, Glas &amp; van der Sluis 1984), prefix and suffix products so that
     * every leave-one-out and leave-two-out function is a short convolution, all in positive terms.
     */
    static final class PatternTerm {
        private final Problem problem;
        private final SufficientStatistics.PatternCounts counts;
        private final int[] patternItems;
        private final int n;
        private final int maxScore;
        private final double[][] eps;
        private final double tilt;

        PatternTerm(Problem problem, SufficientStatistics.PatternCounts counts, double[] beta) {
            this.problem = problem;
            this.counts = counts;
            this.patternItems = counts.pattern().itemsUnsafe();
            this.n = patternItems.length;
            this.maxScore = counts.pattern().maxScore();
            // γ_r scaled by e^{r·c} with c chosen so that γ_0 = γ_max = 1: keeps the range of doubles
            double top = 0;
            for (int item : patternItems) {
                int mi = problem.m[item];
                top += mi == 0 ? 0 : beta[problem.offset[item] + mi - 1];
            }
            this.tilt = maxScore == 0 ? 0 : top / maxScore;
            this.eps = new double[n][];
            for (int k = 0; k < n; k++) {
                int item = patternItems[k];
                int mi = problem.m[item];
                eps[k] = new double[mi + 1];
                eps[k][0] = 1;
                for (int h = 1; h <= mi; h++) {
                    eps[k][h] = Math.exp(h * tilt - beta[problem.offset[item] + h - 1]);
                }
            }
        }

        private boolean informative() {
            for (int r = 1; r < maxScore; r++) {
                if (counts.count(r) > 0) {
                    return true;
                }
            }
            return false;
        }

        /** Adds this pattern's gradient and Hessian terms; returns its −Σ N_r log γ_r. */
        double accumulate(double[] gradient, double[] hessian) {
            if (!informative()) {
                return 0;
            }
            double[][] prefix = new double[n + 1][];
            prefix[0] = new double[] {1};
            for (int k = 0; k < n; k++) {
                prefix[k + 1] = addItem(prefix[k], eps[k]);
            }
            double[] gamma = prefix[n];
            double loglik = 0;
            double[] w = new double[maxScore + 1];
            for (int r = 1; r < maxScore; r++) {
                long count = counts.count(r);
                if (count > 0) {
                    double g = gamma[r];
                    if (!(g > 0) || Double.isInfinite(g)) {
                        throw new MeasurementException("the estimates left the range of floating-point numbers; "
                                + "the data may not identify the " + problem.model.label() + " parameters");
                    }
                    loglik -= count * (Math.log(g) - r * tilt);
                    w[r] = count / g;
                }
            }
            if (gradient == null) {
                return loglik;
            }
            double[][] suffix = new double[n + 1][];
            suffix[n] = new double[] {1};
            for (int k = n - 1; k >= 0; k--) {
                suffix[k] = addItem(suffix[k + 1], eps[k]);
            }
            // v[k][u] = Σ_y suffix[k+1][y] · w[u+y]
            double[][] v = new double[n][];
            for (int k = 0; k < n; k++) {
                double[] b = suffix[k + 1];
                double[] vk = new double[maxScore + 1];
                for (int u = 0; u <= maxScore; u++) {
                    double s = 0;
                    int top = Math.min(b.length - 1, maxScore - u);
                    for (int y = 0; y <= top; y++) {
                        s += b[y] * w[u + y];
                    }
                    vk[u] = s;
                }
                v[k] = vk;
            }
            int p = problem.p;
            // Expected category counts: Σ_r N_r P(X_i = h | r) = ε_ih Σ_x F_x V[x+h]
            double[][] expected = new double[n][];
            for (int k = 0; k < n; k++) {
                int item = patternItems[k];
                double[] f = prefix[k];
                expected[k] = new double[eps[k].length];
                for (int h = 1; h < eps[k].length; h++) {
                    double s = 0;
                    for (int x = 0; x < f.length && x + h <= maxScore; x++) {
                        s += f[x] * v[k][x + h];
                    }
                    double e = eps[k][h] * s;
                    expected[k][h] = e;
                    gradient[problem.offset[item] + h - 1] += e;
                }
            }
            // Hessian = −(D − Σ_r N_r p_r p_rᵀ); D holds E_ih on the diagonal and the pair terms
            for (int k = 0; k < n; k++) {
                int row = problem.offset[patternItems[k]];
                for (int h = 1; h < eps[k].length; h++) {
                    hessian[(row + h - 1) * p + row + h - 1] -= expected[k][h];
                }
            }
            for (int a = 0; a < n; a++) {
                double[] g = prefix[a];
                int rowA = problem.offset[patternItems[a]];
                int ma = eps[a].length - 1;
                for (int b = a + 1; b < n; b++) {
                    int rowB = problem.offset[patternItems[b]];
                    int mb = eps[b].length - 1;
                    double[] vb = v[b];
                    for (int s = 2; s <= ma + mb; s++) {
                        double d = 0;
                        for (int x = 0; x < g.length && x + s <= maxScore; x++) {
                            d += g[x] * vb[x + s];
                        }
                        if (d == 0) {
                            continue;
                        }
                        for (int h = Math.max(1, s - mb); h <= Math.min(ma, s - 1); h++) {
                            int kk = s - h;
                            double term = eps[a][h] * eps[b][kk] * d;
                            int i1 = rowA + h - 1;
                            int i2 = rowB + kk - 1;
                            hessian[i1 * p + i2] -= term;
                            hessian[i2 * p + i1] -= term;
                        }
                    }
                    g = addItem(g, eps[b]);
                }
            }
            // Σ_r N_r p_r p_rᵀ with p_r(ih) = ε_ih γ^(i)_{r−h} / γ_r
            int width = 0;
            int[] rows = new int[n];
            for (int k = 0; k < n; k++) {
                rows[k] = width;
                width += eps[k].length - 1;
            }
            int[] global = new int[width];
            double[] probs = new double[(maxScore + 1) * width];
            for (int k = 0; k < n; k++) {
                double[] without = convolve(prefix[k], suffix[k + 1]);
                int item = patternItems[k];
                for (int h = 1; h < eps[k].length; h++) {
                    global[rows[k] + h - 1] = problem.offset[item] + h - 1;
                    for (int r = Math.max(1, h); r < maxScore; r++) {
                        if (w[r] != 0 && r - h < without.length) {
                            probs[r * width + rows[k] + h - 1] = eps[k][h] * without[r - h] / gamma[r];
                        }
                    }
                }
            }
            for (int r = 1; r < maxScore; r++) {
                long count = counts.count(r);
                if (count == 0) {
                    continue;
                }
                int base = r * width;
                for (int x = 0; x < width; x++) {
                    double px = probs[base + x] * count;
                    if (px == 0) {
                        continue;
                    }
                    int gx = global[x] * p;
                    for (int y = 0; y < width; y++) {
                        hessian[gx + global[y]] += px * probs[base + y];
                    }
                }
            }
            return loglik;
        }

        static double[] addItem(double[] gamma, double[] eps) {
            double[] out = new double[gamma.length + eps.length - 1];
            for (int r = 0; r < gamma.length; r++) {
                double g = gamma[r];
                for (int h = 0; h < eps.length; h++) {
                    out[r + h] += g * eps[h];
                }
            }
            return out;
        }

        static double[] convolve(double[] a, double[] b) {
            return addItem(a, b);
        }
    }
}

package org.rapport.measure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * A group's level from its members' raw scores, by marginal likelihood: members' true measures are
 * normal around the group's level μ with a spread σ of the group's own, each respondent's raw score has the
 * probability the partial credit model gives it at their measure, and μ maximises the likelihood of
 * the group's scores with Firth's (1993) penalty ½ log I(μ), which keeps it finite where every answer
 * is at the top or the bottom, profiled over σ (the best σ at each μ, from a grid of spreads a factor
 * 1.2 apart, drawn towards the scale's typical spread by a prior on log σ): a spread assumed instead of
 * estimated moves a large group's level near the ceiling by more than its interval. What is reported is
 * the expected mean true measure of the group's N members (the respondents' expected measures given
 * their scores, the others' μ); its interval adds the members' own spread around that expectation
 * (nothing of it when all N answered) to the uncertainty of μ and σ passed through the centre's slopes
 * (delta method on the observed information of μ and log σ), shaped by the penalised profile
 * likelihood-ratio interval of μ (as Heinze and Schemper 2002 use for Firth's logistic regression), which
 * is wider on the side the answers say less of. Where the likelihood does not fall far enough inside the
 * grid of levels (every answer of many respondents at the top), that side of the interval is open.
 *
 * <p>Averaging the respondents' person estimates instead (WLEs) works in the middle of a scale but not
 * at its ends: on a one-item part a top answer gets the same WLE however high its writer's trust is, so
 * a group near the ceiling is placed too low and its interval misses (docs/REPORTS.md has the table).
 *
 * <p>Likelihoods are computed once per set of answered items on a grid of group levels (each pattern's
 * score probabilities smoothed by the normal spread), so a group costs a sum of its patterns' curves;
 * the maximum and the interval's ends are found on a cubic interpolation of the group's curve.
 */
public final class GroupLevelEstimator {
    /** Group levels are looked for between these, in logits: far beyond any scale's thresholds. */
    static final double LOWEST = -10;
    static final double HIGHEST = 10;
    /** The grid step of group levels and of the person measures integrated over, in logits. */
    static final double STEP = 0.04;
    /** Person measures are integrated this many spreads either side of the group's level. */
    static final double REACH = 6;
    /** The spreads tried (logits): from SMALLEST_SPREAD up by a factor of SPREAD_RATIO, SPREADS of them. */
    static final double SMALLEST_SPREAD = 0.2;
    static final double SPREAD_RATIO = 1.2;
    static final int SPREADS = 16;
    /** How far a group's spread is expected to stray from its scale's typical one: a factor, one standard deviation of log σ. */
    public static final double SPREAD_PRIOR = 2.5;
    /** The smoothing kernel's points per spread (its step is at most a spread over this). */
    static final int KERNEL_POINTS_PER_SPREAD = 5;
    /** Grid levels either side of a group's rough level tried first (5 logits). */
    static final int WINDOW = 125;
    /** A likelihood below this counts as this (its logarithm stays finite far from any group's level). */
    private static final double TINY = 1e-300;

    private final ItemParameters items;
    private final double level;
    private final double cutoff;
    private final int levels;
    private final double[] spreads = new double[SPREADS];
    private final int[] reach = new int[SPREADS];
    /** Grid steps between the person measures a spread's kernel sums over: a fifth of the spread at most. */
    private final int[] stride = new int[SPREADS];
    private final double[][] kernel = new double[SPREADS][];
    private final Map<AnswerPattern, PatternCurves> curves = new ConcurrentHashMap<>();

    /** Per set of answered items and spread: log-likelihood of each raw score and expected information, at each grid level. */
    private record Curves(float[][] logLikelihood, float[] information) {
    }

    /** One set of answered items: the probability of each raw score at each person measure of the grid, and the curves by spread. */
    private record PatternCurves(float[][] byTheta, Curves[] bySpread) {
    }

    /** An estimator for one scale: its items' thresholds and the level of the intervals (0.90 for 90%). */
    public GroupLevelEstimator(ItemParameters items, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("an interval's level lies between 0 and 1, not " + level);
        }
        this.items = items;
        this.level = level;
        this.cutoff = ChiSquaredDistribution.of(1).inverseCumulativeProbability(level);
        this.levels = (int) Math.round((HIGHEST - LOWEST) / STEP) + 1;
        for (int i = 0; i < SPREADS; i++) {
            spreads[i] = SMALLEST_SPREAD * Math.pow(SPREAD_RATIO, i);
            // a Gaussian integral of a smooth curve needs no finer step than a fifth of its spread: every spread then
            // costs the same few dozen points, where the widest summed 925
            stride[i] = Math.max(1, (int) Math.floor(spreads[i] / (KERNEL_POINTS_PER_SPREAD * STEP)));
            reach[i] = (int) Math.ceil(REACH * spreads[i] / STEP / stride[i]) * stride[i];
            int points = reach[i] / stride[i];
            kernel[i] = new double[2 * points + 1];
            double sum = 0;
            for (int q = -points; q <= points; q++) {
                double x = q * stride[i] * STEP / spreads[i];
                kernel[i][q + points] = Math.exp(-0.5 * x * x);
                sum += kernel[i][q + points];
            }
            for (int d = 0; d < kernel[i].length; d++) {
                kernel[i][d] /= sum;
            }
        }
    }

    /**
     * Builds the curves of a set of answered items now (a few milliseconds to a few tens), so that the first group
     * with it does not wait for them.
     */
    public void prepare(AnswerPattern pattern) {
        curves.computeIfAbsent(pattern, this::curves);
    }

    /** The level of the group whose answers are {@code counts}, of {@code population} members, its spread its own alone. */
    public GroupLevel estimate(ScoreCounts counts, int population) {
        return estimate(counts, population, Double.NaN);
    }

    /**
     * The level of the group whose answers are {@code counts}, of {@code population} members (at least the
     * respondents). Its spread is its own, drawn towards {@code typicalSpread} (the scale's, from
     * {@link #typicalSpread}; NaN: none) by a normal prior on log σ with standard deviation log {@value #SPREAD_PRIOR}:
     * a few answers say little about a group's spread, and a spread too wide or too narrow moves the level and
     * widens or narrows the interval.
     */
    public GroupLevel estimate(ScoreCounts counts, int population, double typicalSpread) {
        int n = counts.respondents();
        if (n == 0) {
            throw new IllegalArgumentException("a group's level needs at least one respondent");
        }
        if (!Double.isNaN(typicalSpread) && !(typicalSpread > 0 && Double.isFinite(typicalSpread))) {
            throw new IllegalArgumentException("a typical spread is a positive standard deviation (or NaN for none), not " + typicalSpread);
        }
        // first on a window of levels around the group's (its likelihood at one spread shows where), the whole grid
        // only when the interval reaches the window's edge: the same result, at a fraction of the cost
        int near = roughLevel(counts, typicalSpread);
        GroupLevel windowed = estimate(counts, population, typicalSpread, Math.max(0, near - WINDOW), Math.min(levels - 1, near + WINDOW));
        return windowed != null ? windowed : estimate(counts, population, typicalSpread, 0, levels - 1);
    }

    /** The grid level where the group's likelihood at the typical spread (or a middling one) is highest. */
    private int roughLevel(ScoreCounts counts, double typicalSpread) {
        int i = typicalSpread > 0 && Double.isFinite(typicalSpread)
                ? (int) Math.round(Math.log(typicalSpread / SMALLEST_SPREAD) / Math.log(SPREAD_RATIO)) : SPREADS / 2;
        i = Math.max(0, Math.min(SPREADS - 1, i));
        double[] curve = new double[levels];
        for (Map.Entry<AnswerPattern, int[]> e : counts.byPattern().entrySet()) {
            float[][] ll = curves.computeIfAbsent(e.getKey(), this::curves).bySpread()[i].logLikelihood();
            int[] byScore = e.getValue();
            for (int r = 0; r < byScore.length; r++) {
                if (byScore[r] > 0) {
                    for (int k = 0; k < levels; k++) {
                        curve[k] += byScore[r] * (double) ll[r][k];
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < levels; k++) {
            if (curve[k] > curve[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The estimate on grid levels {@code from..to}; null when the interval or the top reaches an edge of the window that is not the grid's. */
    private GroupLevel estimate(ScoreCounts counts, int population, double typicalSpread, int from, int to) {
        int n = counts.respondents();
        double[][] curve = new double[SPREADS][levels];
        double[][] information = new double[SPREADS][levels];
        add(counts, curve, information, from, to);
        if (typicalSpread > 0 && Double.isFinite(typicalSpread)) {
            double tau = Math.log(SPREAD_PRIOR);
            for (int i = 0; i < SPREADS; i++) {
                double x = Math.log(spreads[i] / typicalSpread) / tau;
                for (int k = from; k <= to; k++) {
                    curve[i][k] -= 0.5 * x * x;
                }
            }
        }
        // the profile over the spread: at each level, the spread that fits best (a parabola in log σ through the best
        // grid spread and its neighbours), then the penalty at it; penalising before choosing the spread would
        // favour spreads that carry information, and so bias groups at the ends of a scale
        double[] profile = new double[levels];
        java.util.Arrays.fill(profile, Double.NEGATIVE_INFINITY);
        int best = from;
        for (int k = from; k <= to; k++) {
            int level = k;
            Peak peak = peak(i -> curve[i][level]);
            int top = peak.index();
            double info = information[top][k];
            if (peak.offset() != 0) {
                int other = peak.offset() < 0 ? top - 1 : top + 1;
                info += Math.abs(peak.offset()) * (information[other][k] - information[top][k]);
            }
            profile[k] = peak.value() + 0.5 * Math.log(Math.max(info, TINY));
            if (profile[k] > profile[best]) {
                best = k;
            }
        }
        int margin = 4;
        boolean cutBelow = from > 0;
        boolean cutAbove = to < levels - 1;
        if (cutBelow && best < from + margin || cutAbove && best > to - margin) {
            return null;
        }
        double at = maximum(profile, best);
        double top = interpolate(profile, at);
        // the interval of μ, the level of an endless population of such members
        double lower = end(profile, at, top - cutoff / 2, -1, from, to);
        double upper = end(profile, at, top - cutoff / 2, +1, from, to);
        if (cutBelow && lower < from + margin || cutAbove && upper > to - margin) {
            return null;
        }
        // from μ to the mean of the group's own members: the respondents' expected measures given their scores and
        // the others' μ (the centre); the mean's spread around it adds, and the uncertainty of μ and of the spread
        // passes through the centre's slopes (delta method on the observed information of μ and log σ)
        double spread = spreadAt(curve, (int) Math.round(at));
        double mu = toLogits(at);
        int size = Math.max(population, n);
        double[] moments = respondentMoments(counts, mu, spread);
        double centre = (moments[0] + (size - n) * mu) / size;
        double prediction = (moments[1] + (size - n) * spread * spread) / ((double) size * size);
        double[] slope = centreSlopes(counts, mu, spread, size);
        double[][] covariance = covariance(curve, (int) Math.round(at), spread);
        double throughModel;
        if (covariance == null) {
            throughModel = slope[0] * slope[0] * Math.pow((toLogits(upper) - toLogits(lower)) / 2, 2) / cutoff;
        } else {
            throughModel = slope[0] * slope[0] * covariance[0][0] + 2 * slope[0] * slope[1] * covariance[0][1]
                    + slope[1] * slope[1] * covariance[1][1];
        }
        // the likelihood-ratio interval of μ gives the interval its shape: wider on the side the answers say less of
        double halfWidth = (toLogits(upper) - toLogits(lower)) / 2;
        double shapeBelow = halfWidth > 0 ? (mu - toLogits(lower)) / halfWidth : 1;
        double shapeAbove = halfWidth > 0 ? (toLogits(upper) - mu) / halfWidth : 1;
        double below = Math.sqrt(cutoff * (throughModel * shapeBelow * shapeBelow + prediction));
        double above = Math.sqrt(cutoff * (throughModel * shapeAbove * shapeAbove + prediction));
        // where the likelihood never falls far enough inside the grid (every answer at the top, or at the bottom, of many
        // respondents), the answers set no bound on that side: the interval is open there, never cut at the grid's end
        double low = lower <= 0 ? Double.NEGATIVE_INFINITY : centre - below;
        double high = upper >= levels - 1 ? Double.POSITIVE_INFINITY : centre + above;
        double typicalLow = lower <= 0 ? Double.NEGATIVE_INFINITY : toLogits(lower);
        double typicalHigh = upper >= levels - 1 ? Double.POSITIVE_INFINITY : toLogits(upper);
        return new GroupLevel(n, size, centre, low, high, level, mu, typicalLow, typicalHigh);
    }

    /** ∂centre/∂μ and ∂centre/∂log σ, by central differences. */
    private double[] centreSlopes(ScoreCounts counts, double mu, double spread, int size) {
        int n = counts.respondents();
        double d = 0.01;
        double up = (respondentMoments(counts, mu + d, spread)[0] + (size - n) * (mu + d)) / size;
        double down = (respondentMoments(counts, mu - d, spread)[0] + (size - n) * (mu - d)) / size;
        double wider = (respondentMoments(counts, mu, spread * Math.exp(d))[0] + (size - n) * mu) / size;
        double narrower = (respondentMoments(counts, mu, spread * Math.exp(-d))[0] + (size - n) * mu) / size;
        return new double[] {(up - down) / (2 * d), (wider - narrower) / (2 * d)};
    }

    /**
     * The inverse of the observed information of (μ, log σ) at grid level {@code k} and the grid spread nearest
     * {@code spread}, by central differences of the log-likelihood; null where it is not positive definite or the
     * spread lies at the grid's end (the spread is then taken as known).
     */
    private double[][] covariance(double[][] curve, int k, double spread) {
        int i = (int) Math.round(Math.log(spread / SMALLEST_SPREAD) / Math.log(SPREAD_RATIO));
        int d = 2;
        if (i <= 0 || i >= SPREADS - 1 || k - d < 0 || k + d >= levels) {
            return null;
        }
        double h = d * STEP;
        double s = Math.log(SPREAD_RATIO);
        double hmm = -(curve[i][k + d] - 2 * curve[i][k] + curve[i][k - d]) / (h * h);
        double hss = -(curve[i + 1][k] - 2 * curve[i][k] + curve[i - 1][k]) / (s * s);
        double hms = -(curve[i + 1][k + d] - curve[i + 1][k - d] - curve[i - 1][k + d] + curve[i - 1][k - d]) / (4 * h * s);
        double det = hmm * hss - hms * hms;
        if (!(hmm > 0 && hss > 0 && det > 0)) {
            return null;
        }
        return new double[][] {{hss / det, -hms / det}, {-hms / det, hmm / det}};
    }

    /**
     * Over the respondents, given the group's level {@code mu} and spread: the sum of their expected measures and the
     * sum of their posterior variances.
     */
    private double[] respondentMoments(ScoreCounts counts, double mu, double spread) {
        int widest = reach[SPREADS - 1];
        int span = (int) Math.ceil(REACH * spread / STEP);
        double centre = (mu - LOWEST) / STEP + widest;
        int from = Math.max(0, (int) Math.floor(centre) - span);
        int to = (int) Math.ceil(centre) + span;
        int last = Math.min(to, curves.values().iterator().next().byTheta().length - 1);
        double[] weight = new double[last - from + 1];
        double[] offset = new double[weight.length];
        for (int t = from; t <= last; t++) {
            double x = (t - centre) * STEP;
            offset[t - from] = x;
            weight[t - from] = Math.exp(-0.5 * x * x / (spread * spread));
        }
        double sumMean = 0, sumVariance = 0;
        for (Map.Entry<AnswerPattern, int[]> e : counts.byPattern().entrySet()) {
            float[][] byTheta = curves.get(e.getKey()).byTheta();
            int[] byScore = e.getValue();
            for (int r = 0; r < byScore.length; r++) {
                if (byScore[r] == 0) {
                    continue;
                }
                double w0 = 0, w1 = 0, w2 = 0;
                for (int t = from; t <= last; t++) {
                    double x = offset[t - from];
                    double w = weight[t - from] * byTheta[t][r];
                    w0 += w;
                    w1 += w * x;
                    w2 += w * x * x;
                }
                double mean = w0 > 0 ? w1 / w0 : 0;
                double variance = w0 > 0 ? Math.max(0, w2 / w0 - mean * mean) : spread * spread;
                sumMean += byScore[r] * (mu + mean);
                sumVariance += byScore[r] * variance;
            }
        }
        return new double[] {sumMean, sumVariance};
    }

    /** The spread that fits the group best at grid level {@code k} (a parabola in log σ through the best grid spread and its neighbours). */
    private double spreadAt(double[][] curve, int k) {
        Peak peak = peak(i -> curve[i][k]);
        return spreads[peak.index()] * Math.pow(SPREAD_RATIO, peak.offset());
    }

    /**
     * The best of the values by spread: its grid index, where the top of a parabola through it and its neighbours lies
     * (offset in grid steps, within one either side; 0 at the grid's ends or where the values do not bend down), and
     * that parabola's top (the best value itself where there is none).
     */
    private record Peak(int index, double offset, double value) {
    }

    private static Peak peak(java.util.function.IntToDoubleFunction values) {
        int top = 0;
        for (int i = 1; i < SPREADS; i++) {
            if (values.applyAsDouble(i) > values.applyAsDouble(top)) {
                top = i;
            }
        }
        double b = values.applyAsDouble(top);
        if (top > 0 && top < SPREADS - 1) {
            double a = values.applyAsDouble(top - 1), c = values.applyAsDouble(top + 1);
            double bend = a - 2 * b + c;
            if (bend < 0) {
                return new Peak(top, Math.max(-1, Math.min(1, (a - c) / (2 * bend))), b - (c - a) * (c - a) / (8 * bend));
            }
        }
        return new Peak(top, 0, b);
    }

    /** Adds a group's log-likelihood and expected information by spread and level. */
    private void add(ScoreCounts counts, double[][] curve, double[][] information, int from, int to) {
        for (Map.Entry<AnswerPattern, int[]> e : counts.byPattern().entrySet()) {
            Curves[] bySpread = curves.computeIfAbsent(e.getKey(), this::curves).bySpread();
            int[] byScore = e.getValue();
            int total = 0;
            for (int count : byScore) {
                total += count;
            }
            for (int i = 0; i < SPREADS; i++) {
                double[] into = curve[i];
                for (int r = 0; r < byScore.length; r++) {
                    if (byScore[r] > 0) {
                        float[] ll = bySpread[i].logLikelihood()[r];
                        for (int k = from; k <= to; k++) {
                            into[k] += byScore[r] * (double) ll[k];
                        }
                    }
                }
                float[] info = bySpread[i].information();
                double[] infoInto = information[i];
                for (int k = from; k <= to; k++) {
                    infoInto[k] += total * (double) info[k];
                }
            }
        }
    }

    /**
     * The spread of members around their group's level typical of a scale: the spread that maximises the groups'
     * joint likelihood, each group's level integrated out over a flat prior (as restricted maximum likelihood
     * does; each group at its own best level instead would make spreads too small, the fewer a group's answers the
     * more). Groups of one say nothing of a spread and are left out. NaN (no prior) where the best spread lies at an end
     * of the grid tried: the answers then do not tell it.
     * NaN when no group has two respondents.
     */
    public double typicalSpread(java.util.Collection<ScoreCounts> groups) {
        double[] total = new double[SPREADS];
        boolean any = false;
        for (ScoreCounts g : groups) {
            if (g.respondents() < 2) {
                continue;
            }
            any = true;
            // the group's likelihood lies within a window of levels around its rough level (5 logits either side): the
            // integral over the rest of the grid adds nothing a double can hold
            int near = roughLevel(g, Double.NaN);
            int from = Math.max(0, near - WINDOW);
            int to = Math.min(levels - 1, near + WINDOW);
            double[][] curve = new double[SPREADS][levels];
            add(g, curve, new double[SPREADS][levels], from, to);
            for (int i = 0; i < SPREADS; i++) {
                double top = Double.NEGATIVE_INFINITY;
                for (int k = from; k <= to; k++) {
                    top = Math.max(top, curve[i][k]);
                }
                double sum = 0;
                for (int k = from; k <= to; k++) {
                    sum += Math.exp(curve[i][k] - top);
                }
                total[i] += top + Math.log(sum);
            }
        }
        if (!any) {
            return Double.NaN;
        }
        Peak peak = peak(i -> total[i]);
        if (peak.index() == 0 || peak.index() == SPREADS - 1) {
            // the best spread at an end of the grid: the answers do not tell the spread (near the top of a scale with one
            // item a respondent, say), and a prior drawn to the grid's end would mislead every group it is applied to
            return Double.NaN;
        }
        return spreads[peak.index()] * Math.pow(SPREAD_RATIO, peak.offset());
    }

    /**
     * The spread of the estimator's grid nearest {@code spread} (on the log scale): a typical spread rounded so, as the
     * reports pass it, moves only when the groups' answers move it by a grid step (a factor of {@value #SPREAD_RATIO}).
     */
    public static double nearestSpread(double spread) {
        if (!(spread > 0) || !Double.isFinite(spread)) {
            throw new IllegalArgumentException("a spread is a positive standard deviation, not " + spread);
        }
        int i = (int) Math.round(Math.log(spread / SMALLEST_SPREAD) / Math.log(SPREAD_RATIO));
        return SMALLEST_SPREAD * Math.pow(SPREAD_RATIO, Math.max(0, Math.min(SPREADS - 1, i)));
    }

    private static double toLogits(double position) {
        return LOWEST + position * STEP;
    }

    /** The grid position (fractional) of the curve's maximum near grid point {@code best}, by golden section on the interpolation. */
    private double maximum(double[] curve, int best) {
        double a = Math.max(0, best - 1);
        double b = Math.min(levels - 1, best + 1);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = b - g * (b - a);
        double x2 = a + g * (b - a);
        double f1 = interpolate(curve, x1);
        double f2 = interpolate(curve, x2);
        for (int i = 0; i < 60 && b - a > 1e-9; i++) {
            if (f1 < f2) {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + g * (b - a);
                f2 = interpolate(curve, x2);
            } else {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - g * (b - a);
                f1 = interpolate(curve, x1);
            }
        }
        return (a + b) / 2;
    }

    /**
     * Where the curve first falls to {@code height} walking from {@code from} in {@code direction} within grid levels
     * {@code first..last}; the window's end if never (the grid's end, or a sign to widen the window).
     */
    private double end(double[] curve, double start, double height, int direction, int first, int last) {
        double inside = start;
        int k = direction < 0 ? (int) Math.floor(start) : (int) Math.ceil(start);
        while (k >= first && k <= last && curve[k] >= height) {
            inside = k;
            k += direction;
        }
        if (k < first || k > last) {
            return direction < 0 ? first : last;
        }
        double outside = k;
        for (int i = 0; i < 60 && Math.abs(outside - inside) > 1e-9; i++) {
            double mid = (inside + outside) / 2;
            if (interpolate(curve, mid) >= height) {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        return (inside + outside) / 2;
    }

    /** Cubic (four-point Lagrange) interpolation of grid values at fractional position {@code x}. */
    static double interpolate(double[] values, double x) {
        int n = values.length;
        int k = (int) Math.floor(x);
        if (k >= n - 1) {
            return values[n - 1];
        }
        if (k < 0) {
            return values[0];
        }
        double t = x - k;
        if (k == 0 || k >= n - 2) {
            return values[k] + t * (values[k + 1] - values[k]);
        }
        double p0 = values[k - 1], p1 = values[k], p2 = values[k + 1], p3 = values[k + 2];
        return p1 + t * (-p0 / 3 - p1 / 2 + p2 - p3 / 6)
                + t * t * (p0 / 2 - p1 + p2 / 2)
                + t * t * t * (-p0 / 6 + p1 / 2 - p2 / 2 + p3 / 6);
    }

    /**
     * One pattern's curves for each spread σ: at each grid level μ, the likelihood of each raw score,
     * Σ_θ w(θ − μ) P(r | θ), and the expected information Σ_r L_r s_r², s_r = (E[θ | r, μ] − μ) / σ².
     */
    private PatternCurves curves(AnswerPattern pattern) {
        int[] answered = pattern.itemsUnsafe();
        int maxScore = pattern.maxScore();
        int widest = reach[SPREADS - 1];
        int thetas = levels + 2 * widest;
        double[][] byTheta = new double[thetas][];
        double[] probabilities = new double[items.largestMaxCategory() + 1];
        for (int t = 0; t < thetas; t++) {
            double theta = LOWEST + (t - widest) * STEP;
            double[] dist = new double[maxScore + 1];
            dist[0] = 1;
            int top = 0;
            for (int i : answered) {
                int m = items.maxCategory(i);
                items.categoryProbabilities(i, theta, probabilities);
                double[] next = new double[maxScore + 1];
                for (int s = 0; s <= top; s++) {
                    if (dist[s] != 0) {
                        for (int h = 0; h <= m; h++) {
                            next[s + h] += dist[s] * probabilities[h];
                        }
                    }
                }
                dist = next;
                top += m;
            }
            byTheta[t] = dist;
        }
        // by score, then person measure: the sums below walk along one score's row
        double[][] byScore = new double[maxScore + 1][thetas];
        for (int t = 0; t < thetas; t++) {
            for (int r = 0; r <= maxScore; r++) {
                byScore[r][t] = byTheta[t][r];
            }
        }
        Curves[] out = new Curves[SPREADS];
        for (int i = 0; i < SPREADS; i++) {
            float[][] logLikelihood = new float[maxScore + 1][levels];
            float[] information = new float[levels];
            double variance = spreads[i] * spreads[i];
            double[] w = kernel[i];
            int shift = widest - reach[i];
            int step = stride[i];
            for (int k = 0; k < levels; k++) {
                double info = 0;
                for (int r = 0; r <= maxScore; r++) {
                    double likelihood = 0;
                    double first = 0;
                    double[] row = byScore[r];
                    for (int q = 0; q < w.length; q++) {
                        int d = q * step;
                        double p = w[q] * row[k + shift + d];
                        likelihood += p;
                        first += p * (d - reach[i]) * STEP;
                    }
                    logLikelihood[r][k] = (float) Math.log(Math.max(likelihood, TINY));
                    if (likelihood > TINY) {
                        double score = first / likelihood / variance;
                        info += likelihood * score * score;
                    }
                }
                information[k] = (float) info;
            }
            out[i] = new Curves(logLikelihood, information);
        }
        float[][] stored = new float[thetas][];
        for (int t = 0; t < thetas; t++) {
            stored[t] = new float[maxScore + 1];
            for (int r = 0; r <= maxScore; r++) {
                stored[t][r] = (float) byTheta[t][r];
            }
        }
        return new PatternCurves(stored, out);
    }
}

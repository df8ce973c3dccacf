package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Before and after for a class, as the goal views will say it. A class of 25 pupils (true measures
 * N(0, 1): one reference SD is one logit) answers eight items in two windows; each time a random 80%
 * answer, each person measured by WLE, the class by {@link GroupEstimator#of} with its population.
 * With no true change, "likely better" or "likely worse" must be said at most as often as the stated
 * 10% (two-sided 90% interval); with every pupil 0.3 SD higher, the detection rate is measured and
 * recorded in docs/REPORTS.md, and "likely worse" is (almost) never said.
 */
class GroupChangeTest {
    static final int CLASSES = 4000;
    static final int PUPILS = 25;
    static final int ANSWERING = 20;

    @Test
    void theVerdictFollowsTheIntervalOfTheDifference() {
        GroupChange up = GroupChange.of(0.5, 0.2, Double.POSITIVE_INFINITY);
        assertThat(up.lower()).isCloseTo(0.5 - 1.6449 * 0.2, within(1e-3));
        assertThat(up.verdict()).isEqualTo(GroupChange.Verdict.LIKELY_BETTER);
        assertThat(GroupChange.of(0.3, 0.2, Double.POSITIVE_INFINITY).verdict()).isEqualTo(GroupChange.Verdict.NO_CLEAR_CHANGE);
        assertThat(GroupChange.of(-0.4, 0.2, Double.POSITIVE_INFINITY).verdict()).isEqualTo(GroupChange.Verdict.LIKELY_WORSE);
        // a few respondents: Student's t, wider than the normal (t 0.95 on 4 df = 2.132)
        assertThat(GroupChange.of(0.4, 0.2, 4).lower()).isCloseTo(0.4 - 2.1318 * 0.2, within(1e-3));
        assertThat(GroupChange.of(0.4, 0.2, 4).verdict()).isEqualTo(GroupChange.Verdict.NO_CLEAR_CHANGE);
        GroupChange c = GroupChange.between(new GroupMeasure(20, 25, 0.1, 0.3, 0.1, 0.3, 0), new GroupMeasure(18, 25, 0.5, 0.4, 0.5, 0.4, 0));
        assertThat(c.difference()).isCloseTo(0.4, within(1e-12));
        assertThat(c.standardError()).as("the difference's own standard error").isCloseTo(0.5, within(1e-12));
        assertThat(c.upper() - c.difference()).as("t on 17 degrees of freedom").isCloseTo(1.7396 * 0.5, within(1e-3));
        assertThatThrownBy(() -> GroupChange.of(Double.NaN, 0.1, 10)).isInstanceOf(IllegalArgumentException.class);
        // a round measured by averaged WLEs beside one measured by the model: set side by side, but no verdict
        GroupMeasure model = GroupMeasure.ofModel(25, 25, 70, 66, 76, 2);
        GroupChange mixed = GroupChange.between(new GroupMeasure(25, 25, 60, 1, 60, 1, 0), model);
        assertThat(mixed.difference()).isEqualTo(10.0);
        assertThat(mixed.verdict()).isEqualTo(GroupChange.Verdict.NO_CLEAR_CHANGE);
        assertThat(mixed.pValue()).isEqualTo(1.0);
        assertThat(GroupChange.between(GroupMeasure.ofModel(25, 25, 60, 58, 62, 1), model).verdict()).isEqualTo(GroupChange.Verdict.LIKELY_BETTER);
    }

    record Rates(double better, double worse) {
    }

    static Rates simulate(double change, long seed) {
        return simulate(change, seed, false);
    }

    /** {@code redrawn}: each window's pupils' trust drawn afresh (a class whose members, or their moods, change). */
    static Rates simulate(double change, long seed, boolean redrawn) {
        ItemParameters items = Simulator.items(8, 5, 11);
        Simulator answers = new Simulator(items, seed);
        PersonEstimator wle = PersonEstimator.wle(items);
        SplittableRandom random = new SplittableRandom(seed);
        int[] all = new int[items.items()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double[] p = new double[items.largestMaxCategory() + 1];
        int better = 0;
        int worse = 0;
        for (int c = 0; c < CLASSES; c++) {
            double[] theta = new double[PUPILS];
            for (int v = 0; v < PUPILS; v++) {
                theta[v] = random.nextGaussian();
            }
            GroupMeasure[] windows = new GroupMeasure[2];
            for (int w = 0; w < 2; w++) {
                if (redrawn && w == 1) {
                    for (int v = 0; v < PUPILS; v++) {
                        theta[v] = random.nextGaussian();
                    }
                }
                List<Integer> pupils = new ArrayList<>();
                for (int v = 0; v < PUPILS; v++) {
                    pupils.add(v);
                }
                Collections.shuffle(pupils, new java.util.Random(random.nextLong()));
                double[] measures = new double[ANSWERING];
                double[] errors = new double[ANSWERING];
                for (int k = 0; k < ANSWERING; k++) {
                    double t = theta[pupils.get(k)] + (w == 1 ? change : 0);
                    int score = 0;
                    for (int i = 0; i < items.items(); i++) {
                        score += answers.answer(i, t, p);
                    }
                    PersonMeasure m = wle.estimate(all, score);
                    measures[k] = m.measure();
                    errors[k] = m.standardError();
                }
                windows[w] = GroupEstimator.of(measures, errors, PUPILS);
            }
            GroupChange.Verdict verdict = GroupChange.between(windows[0], windows[1]).verdict();
            better += verdict == GroupChange.Verdict.LIKELY_BETTER ? 1 : 0;
            worse += verdict == GroupChange.Verdict.LIKELY_WORSE ? 1 : 0;
        }
        return new Rates((double) better / CLASSES, (double) worse / CLASSES);
    }

    @Test
    void withNoTrueChangeAVerdictIsSaidAtMostAsOftenAsTheStatedRate() {
        Rates none = simulate(0, 21);
        System.out.printf("no change: likely better %.3f, likely worse %.3f (stated at most 0.05 each, 0.10 together)%n", none.better(), none.worse());
        // Monte Carlo error of a rate near 0.1 over 4000 classes: 0.005
        assertThat(none.better() + none.worse()).isLessThanOrEqualTo(0.10 + 3 * 0.0047);
        assertThat(none.better()).isLessThanOrEqualTo(0.05 + 3 * 0.0034);
        assertThat(none.worse()).isLessThanOrEqualTo(0.05 + 3 * 0.0034);
    }

    /**
     * The same, with every pupil's trust drawn afresh in the second window: the class's trust is unchanged, its
     * pupils' is not. The finite-population correction took the sampling variance out of the change's interval,
     * and 38% of such classes read as better or worse; the change now allows for it.
     */
    @Test
    void withTrustDrawnAfreshAndNoChangeAVerdictIsSaidAtMostFivePercentEachWay() {
        Rates none = simulate(0, 23, true);
        System.out.printf("no change, trust redrawn: likely better %.3f, likely worse %.3f (stated at most 0.05 each)%n", none.better(), none.worse());
        assertThat(none.better()).isLessThanOrEqualTo(0.05 + 3 * 0.0034);
        assertThat(none.worse()).isLessThanOrEqualTo(0.05 + 3 * 0.0034);
    }

    @Test
    void aChangeOfThreeTenthsOfAReferenceSdInAClassOf25With80PercentAnsweringIsDetectedAtTheRecordedRate() {
        Rates up = simulate(0.3, 22);
        System.out.printf("0.3 SD better: likely better %.3f, likely worse %.3f%n", up.better(), up.worse());
        assertThat(up.better()).as("the rate recorded in docs/REPORTS.md, within Monte Carlo error").isBetween(RECORDED_POWER - 0.04, RECORDED_POWER + 0.04);
        assertThat(up.worse()).isLessThan(0.005);
    }

    /** The detection rate measured on 2026-12-06 (0.433 on 2026-11-25, with the finite-population correction) and recorded in docs/REPORTS.md. */
    static final double RECORDED_POWER = 0.081;
}

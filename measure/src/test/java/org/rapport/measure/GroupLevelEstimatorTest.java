package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The model estimator's edges: answers all at the top, parts adding up, who is counted, bad input. */
class GroupLevelEstimatorTest {
    static final ItemParameters ITEMS = Simulator.items(6, 5, 31);
    static final int[] MAX = ITEMS.maxCategories();

    static AnswerPattern only(int item) {
        int[] row = {-1, -1, -1, -1, -1, -1};
        row[item] = 0;
        return AnswerPattern.of(row, MAX);
    }

    @Test
    void everyAnswerAtTheTopGivesAFiniteLevelWhoseIntervalReachesFurtherUp() {
        ScoreCounts counts = new ScoreCounts();
        for (int v = 0; v < 12; v++) {
            counts.add(only(v % 6), 4);
        }
        GroupLevel level = new GroupLevelEstimator(ITEMS, 0.90).estimate(counts, 12, 1.0);
        assertThat(level.estimate()).isFinite().isGreaterThan(1.5);
        assertThat(level.lower()).isFinite().isLessThan(level.estimate());
        assertThat(level.upper() - level.estimate()).isGreaterThan(level.estimate() - level.lower());
    }

    /** Many respondents all at the top set no upper bound: the interval is open above, never cut at the grid's end. */
    @Test
    void manyAnswersAllAtTheTopLeaveTheIntervalOpenAbove() {
        ScoreCounts counts = new ScoreCounts();
        for (int v = 0; v < 200; v++) {
            counts.add(only(v % 6), 4);
        }
        GroupLevel level = new GroupLevelEstimator(ITEMS, 0.90).estimate(counts, 200, 1.0);
        assertThat(level.upper()).isInfinite();
        assertThat(level.lower()).isFinite().isGreaterThan(2);
        ScoreCounts bottom = new ScoreCounts();
        for (int v = 0; v < 200; v++) {
            bottom.add(only(v % 6), 0);
        }
        GroupLevel low = new GroupLevelEstimator(ITEMS, 0.90).estimate(bottom, 200, 1.0);
        assertThat(low.lower()).isInfinite();
        assertThat(low.upper()).isFinite().isLessThan(-2);
    }

    @Test
    void partsOfAGroupAddUpToTheGroup() {
        ScoreCounts a = new ScoreCounts();
        ScoreCounts b = new ScoreCounts();
        ScoreCounts whole = new ScoreCounts();
        for (int v = 0; v < 20; v++) {
            ScoreCounts part = v % 2 == 0 ? a : b;
            part.add(only(v % 6), v % 5);
            whole.add(only(v % 6), v % 5);
        }
        a.addAll(b);
        GroupLevelEstimator estimator = new GroupLevelEstimator(ITEMS, 0.90);
        assertThat(a.respondents()).isEqualTo(20);
        assertThat(estimator.estimate(a, 30, 1.0)).isEqualTo(estimator.estimate(whole, 30, 1.0));
    }

    @Test
    void aGroupWhoseMembersAllAnsweredIsKnownMoreNarrowlyThanOneWhereSomeDidNot() {
        ScoreCounts counts = new ScoreCounts();
        int[] all = {0, 0, 0, 0, 0, 0};
        for (int v = 0; v < 30; v++) {
            counts.add(AnswerPattern.of(all, MAX), 8 + v % 9);
        }
        GroupLevelEstimator estimator = new GroupLevelEstimator(ITEMS, 0.90);
        GroupLevel everyone = estimator.estimate(counts, 30, 1.0);
        GroupLevel most = estimator.estimate(counts, 45, 1.0);
        assertThat(everyone.upper() - everyone.lower()).isLessThan(most.upper() - most.lower());
        assertThat(everyone.population()).isEqualTo(30);
        assertThat(estimator.estimate(counts, 10, 1.0).population()).as("never fewer members than respondents").isEqualTo(30);
    }

    @Test
    void badInputIsRefusedByName() {
        ScoreCounts counts = new ScoreCounts();
        assertThatThrownBy(() -> counts.add(only(0), 5)).hasMessageContaining("score 5 is outside 0..4");
        assertThatThrownBy(() -> counts.add(AnswerPattern.of(new int[] {-1, -1, -1, -1, -1, -1}, MAX), 0))
                .hasMessageContaining("answered no item");
        assertThatThrownBy(() -> new GroupLevelEstimator(ITEMS, 0.90).estimate(counts, 10))
                .hasMessageContaining("at least one respondent");
        assertThatThrownBy(() -> new GroupLevelEstimator(ITEMS, 1.5)).hasMessageContaining("between 0 and 1");
        ScoreCounts one = new ScoreCounts();
        one.add(only(0), 2);
        assertThatThrownBy(() -> new GroupLevelEstimator(ITEMS, 0.90).estimate(one, 10, 0)).hasMessageContaining("positive standard deviation");
    }
}

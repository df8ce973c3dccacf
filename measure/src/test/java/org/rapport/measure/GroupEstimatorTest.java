package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulated schools: classes whose true means spread around the school's, pupils answering a
 * six-item partial credit scale, about 70% responding. The reports must recover each class's true
 * mean (over all its pupils, not only those who answered) with 90% intervals that cover it about
 * 90% of the time, and shrinkage must lower the error where few answered.
 */
class GroupEstimatorTest {
    static final ItemParameters ITEMS = Simulator.items(6, 5, 11);
    static final int[] ALL_ITEMS = {0, 1, 2, 3, 4, 5};

    record SimulatedGroup(double trueMean, GroupMeasure measure) {
    }

    static List<SimulatedGroup> school(SplittableRandom random, Simulator simulator, PersonEstimator wle) {
        return school(random, simulator, wle, 0.5);
    }

    /** A school whose classes' true means spread by {@code spread} logits (0: the classes differ only by who is in them). */
    static List<SimulatedGroup> school(SplittableRandom random, Simulator simulator, PersonEstimator wle, double spread) {
        double[] p = new double[5];
        List<GroupMeasure> measures = new ArrayList<>();
        List<Double> truth = new ArrayList<>();
        double pooled = 0;
        int pooledN = 0;
        for (int c = 0; c < 12; c++) {
            double classMean = spread * random.nextGaussian();
            int size = 6 + random.nextInt(25);
            double sumTheta = 0;
            List<double[]> answered = new ArrayList<>();
            for (int v = 0; v < size; v++) {
                double theta = classMean + random.nextGaussian();
                sumTheta += theta;
                if (random.nextDouble() < 0.7 || answered.size() < 2 && v >= size - 2) {
                    int score = 0;
                    for (int i : ALL_ITEMS) {
                        score += simulator.answer(i, theta, p);
                    }
                    PersonMeasure m = wle.estimate(ALL_ITEMS, score);
                    answered.add(new double[] {m.measure(), m.standardError()});
                }
            }
            double[] ms = answered.stream().mapToDouble(a -> a[0]).toArray();
            double[] se = answered.stream().mapToDouble(a -> a[1]).toArray();
            for (double m : ms) {
                pooled += m;
                pooledN++;
            }
            measures.add(GroupEstimator.of(ms, se, size));
            truth.add(sumTheta / size);
        }
        List<GroupMeasure> shrunk = GroupEstimator.shrink(measures, pooled / pooledN);
        List<SimulatedGroup> out = new ArrayList<>();
        for (int c = 0; c < shrunk.size(); c++) {
            out.add(new SimulatedGroup(truth.get(c), shrunk.get(c)));
        }
        return out;
    }

    @Test
    void intervalsCoverTheTrueGroupMeansAboutNinetyPercentOfTheTime() {
        SplittableRandom random = new SplittableRandom(2026);
        Simulator simulator = new Simulator(ITEMS, 7);
        PersonEstimator wle = PersonEstimator.wle(ITEMS);
        int covered = 0;
        int coveredRaw = 0;
        int groups = 0;
        for (int s = 0; s < 150; s++) {
            for (SimulatedGroup g : school(random, simulator, wle)) {
                GroupMeasure m = g.measure();
                groups++;
                covered += m.lower() <= g.trueMean() && g.trueMean() <= m.upper() ? 1 : 0;
                double halfWidth = GroupMeasure.Z90 * m.standardError();
                coveredRaw += Math.abs(m.mean() - g.trueMean()) <= halfWidth ? 1 : 0;
            }
        }
        double coverage = (double) covered / groups;
        double rawCoverage = (double) coveredRaw / groups;
        assertThat(groups).isEqualTo(1800);
        assertThat(coverage).as("shrunk interval coverage").isBetween(0.86, 0.94);
        assertThat(rawCoverage).as("unshrunk interval coverage").isBetween(0.86, 0.94);
    }

    /**
     * Classes that do not differ beyond who is in them: the spread of their measures is all error, τ² is estimated at 0 and
     * every class is pulled to the school. The intervals must still cover each class's true mean (over all its pupils); with
     * B = se²/(se² + τ²) = 1 they were the school's own uncertainty divided among the classes ("55 (55 to 55)" for a teacher
     * of 64 pupils; an outside test), and covered about half the time. Morris's (k − 3)/(k − 1) keeps B below 1.
     */
    @Test
    void intervalsCoverWhereGroupsDoNotDifferBeyondTheirError() {
        SplittableRandom random = new SplittableRandom(2027);
        Simulator simulator = new Simulator(ITEMS, 9);
        PersonEstimator wle = PersonEstimator.wle(ITEMS);
        int covered = 0;
        int groups = 0;
        for (int s = 0; s < 150; s++) {
            for (SimulatedGroup g : school(random, simulator, wle, 0)) {
                groups++;
                covered += g.measure().lower() <= g.trueMean() && g.trueMean() <= g.measure().upper() ? 1 : 0;
            }
        }
        assertThat((double) covered / groups).as("shrunk interval coverage with no spread between classes").isBetween(0.86, 0.97);
    }

    @Test
    void shrinkageLowersTheErrorOfSmallGroups() {
        SplittableRandom random = new SplittableRandom(99);
        Simulator simulator = new Simulator(ITEMS, 8);
        PersonEstimator wle = PersonEstimator.wle(ITEMS);
        double rawError = 0;
        double shrunkError = 0;
        int small = 0;
        double largeShrinkage = 0;
        double smallShrinkage = 0;
        int large = 0;
        for (int s = 0; s < 150; s++) {
            for (SimulatedGroup g : school(random, simulator, wle)) {
                GroupMeasure m = g.measure();
                if (m.respondents() <= 8) {
                    small++;
                    rawError += Math.pow(m.mean() - g.trueMean(), 2);
                    shrunkError += Math.pow(m.estimate() - g.trueMean(), 2);
                    smallShrinkage += m.shrinkage();
                } else if (m.respondents() >= 16) {
                    large++;
                    largeShrinkage += m.shrinkage();
                }
            }
        }
        assertThat(small).isGreaterThan(200);
        assertThat(Math.sqrt(shrunkError / small)).as("RMSE of shrunk small groups")
                .isLessThan(0.92 * Math.sqrt(rawError / small));
        assertThat(smallShrinkage / small).as("small groups are shrunk more than large ones")
                .isGreaterThan(largeShrinkage / large);
    }

    @Test
    void aWholePopulationHasNoSamplingError() {
        GroupMeasure all = GroupEstimator.of(new double[] {-1, 0, 1, 2}, new double[] {0.5, 0.5, 0.5, 0.5}, 4);
        assertThat(all.standardError()).isCloseTo(Math.sqrt(0.25 / 4), org.assertj.core.data.Offset.offset(1e-12));
        GroupMeasure half = GroupEstimator.of(new double[] {-1, 0, 1, 2}, new double[] {0.5, 0.5, 0.5, 0.5}, 8);
        assertThat(half.standardError()).isGreaterThan(all.standardError());
    }

    @Test
    void fewerThanFourGroupsAreNotShrunk() {
        List<GroupMeasure> three = List.of(GroupEstimator.of(new double[] {0, 1}, new double[] {1, 1}, 10),
                GroupEstimator.of(new double[] {2, 3}, new double[] {1, 1}, 10),
                GroupEstimator.of(new double[] {-2, -1}, new double[] {1, 1}, 10));
        assertThat(GroupEstimator.shrink(three, 0)).extracting(GroupMeasure::shrinkage).containsOnly(0.0);
    }
}

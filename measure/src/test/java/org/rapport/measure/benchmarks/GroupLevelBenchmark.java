package org.rapport.measure.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rapport.measure.AnswerPattern;
import org.rapport.measure.GroupEstimator;
import org.rapport.measure.GroupLevel;
import org.rapport.measure.GroupLevelEstimator;
import org.rapport.measure.GroupMeasure;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.PersonEstimator;
import org.rapport.measure.PersonMeasure;
import org.rapport.measure.ScoreCounts;
import org.rapport.measure.Simulator;

/**
 * One group's level by the model (marginal likelihood, profiled over the spread) against the mean of its
 * respondents' WLEs (the peer, the estimator it replaces), for a group of 5, 25 or 200 respondents answering
 * one of six items or all six. Patterns' curves are built in the setup, as the estimator keeps them per scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class GroupLevelBenchmark {

    @Param({"5", "25", "200"})
    public int respondents;

    @Param({"1", "6"})
    public int itemsEach;

    GroupLevelEstimator estimator;
    ScoreCounts counts;
    double[] measures;
    double[] errors;

    @Setup
    public void setUp() {
        ItemParameters items = Simulator.items(6, 5, 31);
        Simulator answers = new Simulator(items, 5);
        SplittableRandom random = new SplittableRandom(5);
        PersonEstimator wle = PersonEstimator.wle(items);
        estimator = new GroupLevelEstimator(items, 0.90);
        counts = new ScoreCounts();
        measures = new double[respondents];
        errors = new double[respondents];
        double[] p = new double[5];
        for (int v = 0; v < respondents; v++) {
            double theta = 1 + random.nextGaussian();
            int[] row = new int[6];
            Arrays.fill(row, -1);
            int first = random.nextInt(6);
            int score = 0;
            for (int j = 0; j < itemsEach; j++) {
                int item = (first + j) % 6;
                row[item] = answers.answer(item, theta, p);
                score += row[item];
            }
            AnswerPattern pattern = AnswerPattern.of(row, items.maxCategories());
            counts.add(pattern, score);
            PersonMeasure m = wle.estimate(pattern, score);
            measures[v] = m.measure();
            errors[v] = m.standardError();
        }
        estimator.estimate(counts, respondents);
    }

    @Benchmark
    public GroupLevel model() {
        return estimator.estimate(counts, respondents, 1.0);
    }

    @Benchmark
    public GroupMeasure averagedWles() {
        return GroupEstimator.of(measures, errors, respondents);
    }
}

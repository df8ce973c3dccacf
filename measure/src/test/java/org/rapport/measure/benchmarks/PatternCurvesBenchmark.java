package org.rapport.measure.benchmarks;

import java.util.Arrays;
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
import org.rapport.measure.GroupLevel;
import org.rapport.measure.GroupLevelEstimator;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.ScoreCounts;
import org.rapport.measure.Simulator;

/**
 * The first group with a set of answered items the estimator has not seen: it builds that set's curves (the
 * likelihood of each raw score at each group level and spread) before it estimates. Each call takes a new estimator,
 * so every call pays for the curves; the group's own estimate, which follows, is some 0.1 ms of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class PatternCurvesBenchmark {

    @Param({"1", "6", "15"})
    public int answered;

    ItemParameters items;
    ScoreCounts counts;

    @Setup
    public void setUp() {
        items = Simulator.items(15, 5, 31);
        int[] row = new int[15];
        Arrays.fill(row, -1);
        for (int j = 0; j < answered; j++) {
            row[j] = 2;
        }
        counts = new ScoreCounts();
        counts.add(AnswerPattern.of(row, items.maxCategories()), 2 * answered);
    }

    @Benchmark
    public GroupLevel firstGroupOfANewPattern() {
        return new GroupLevelEstimator(items, 0.90).estimate(counts, 1);
    }
}

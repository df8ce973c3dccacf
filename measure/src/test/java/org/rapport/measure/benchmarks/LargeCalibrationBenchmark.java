package org.rapport.measure.benchmarks;

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
import org.rapport.measure.Analysis;
import org.rapport.measure.Calibration;
import org.rapport.measure.CmlEstimator;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.Model;
import org.rapport.measure.ResponseMatrix;
import org.rapport.measure.Simulator;
import org.rapport.measure.SufficientStatistics;

/** A national-scale calibration: a million persons, 40 items, 5 categories, including the pass over the data. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class LargeCalibrationBenchmark {

    @Param({"1000000"})
    public int persons;

    @Param({"40"})
    public int items;

    ResponseMatrix data;
    int[] maxCategory;

    @Setup
    public void setUp() {
        ItemParameters truth = Simulator.items(items, 5, 7);
        data = new Simulator(truth, 7).matrix(persons, 1.0, 0);
        maxCategory = Analysis.maxCategories(data, Model.PCM);
    }

    @Benchmark
    public Calibration calibratePcm() {
        return CmlEstimator.calibrate(SufficientStatistics.of(data, maxCategory), Model.PCM);
    }
}

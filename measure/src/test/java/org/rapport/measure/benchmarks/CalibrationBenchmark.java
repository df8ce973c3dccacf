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
import org.rapport.measure.FitStatistic;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.Model;
import org.rapport.measure.PersonEstimator;
import org.rapport.measure.PersonIndex;
import org.rapport.measure.ResponseMatrix;
import org.rapport.measure.Simulator;
import org.rapport.measure.SufficientStatistics;
import org.rapport.measure.Fit;

/**
 * PCM calibration from an in-memory matrix (the pass that builds sufficient statistics plus the
 * Newton iterations), and fit statistics on the result, as persons and items grow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class CalibrationBenchmark {

    @Param({"20000"})
    public int persons;

    @Param({"20"})
    public int items;

    @Param({"4"})
    public int categories;

    ResponseMatrix data;
    int[] maxCategory;
    Calibration calibration;
    SufficientStatistics stats;
    PersonIndex index;

    @Setup
    public void setUp() {
        ItemParameters truth = Simulator.items(items, categories, 42);
        data = new Simulator(truth, 42).matrix(persons, 1.0, 0);
        maxCategory = Analysis.maxCategories(data, Model.PCM);
        index = new PersonIndex(persons);
        stats = SufficientStatistics.of(data, maxCategory, index);
        calibration = CmlEstimator.calibrate(stats, Model.PCM);
    }

    /** From the matrix to item parameters: one pass over the data, then CML. */
    @Benchmark
    public Calibration calibratePcm() {
        return CmlEstimator.calibrate(SufficientStatistics.of(data, maxCategory), Model.PCM);
    }

    /** WLE for every person, item fit and person fit, on a finished calibration. */
    @Benchmark
    public FitStatistic[] fitStatistics() {
        ItemParameters parameters = calibration.items();
        PersonEstimator wle = PersonEstimator.wle(parameters);
        FitStatistic[] itemFit = Fit.items(stats, parameters, wle);
        FitStatistic[] personFit = Fit.persons(data, stats, index, parameters, wle);
        return personFit.length > itemFit.length ? personFit : itemFit;
    }
}

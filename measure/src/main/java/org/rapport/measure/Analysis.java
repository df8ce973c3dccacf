package org.rapport.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A whole analysis of a response matrix: calibration, person measures, fit and reliability. */
public record Analysis(
        Calibration calibration,
        PersonMeasure[] persons,
        FitStatistic[] itemFit,
        FitStatistic[] personFit,
        double separationReliability,
        double cronbachAlpha) {

    public static Analysis run(ResponseMatrix data, Model model) {
        int[] maxCategory = maxCategories(data, model);
        PersonIndex index = new PersonIndex(data.persons());
        SufficientStatistics stats = SufficientStatistics.of(data, maxCategory, index);
        Calibration calibration = CmlEstimator.calibrate(stats, model);
        ItemParameters items = calibration.items();
        PersonEstimator wle = PersonEstimator.wle(items);
        PersonMeasure[] persons = measures(stats, index, wle);
        return new Analysis(calibration, persons,
                Fit.items(stats, items, wle),
                Fit.persons(data, stats, index, items, wle),
                Fit.separationReliability(stats, wle),
                Fit.cronbachAlpha(stats));
    }

    /** Categories per item as the model sees them: observed maxima, or their overall maximum for RSM. */
    public static int[] maxCategories(ResponseMatrix data, Model model) {
        int[] observed = data.observedMaxCategories();
        if (model == Model.RSM) {
            Arrays.fill(observed, Arrays.stream(observed).max().orElse(0));
        }
        return observed;
    }

    /** WLE measures of new data on anchored item parameters (matched by item name). */
    public static PersonMeasure[] score(ResponseMatrix data, ItemParameters anchors, PersonEstimator.Method method) {
        List<String> problems = new ArrayList<>();
        int[] columns = new int[data.items()];
        for (int j = 0; j < data.items(); j++) {
            columns[j] = anchors.itemNames().indexOf(data.itemNames().get(j));
            if (columns[j] < 0) {
                problems.add("item " + data.itemNames().get(j) + " has no parameters in the anchor file");
            }
        }
        int[] observed = data.observedMaxCategories();
        for (int j = 0; j < data.items(); j++) {
            if (columns[j] >= 0 && observed[j] > anchors.maxCategory(columns[j])) {
                problems.add("item " + data.itemNames().get(j) + ": category " + observed[j]
                        + " is above the anchored maximum " + anchors.maxCategory(columns[j]));
            }
        }
        if (!problems.isEmpty()) {
            throw new MeasurementException(problems);
        }
        ItemParameters ordered = reorder(anchors, columns);
        PersonIndex index = new PersonIndex(data.persons());
        SufficientStatistics stats = SufficientStatistics.of(data, ordered.maxCategories(), index);
        return measures(stats, index, new PersonEstimator(ordered, method));
    }

    private static ItemParameters reorder(ItemParameters anchors, int[] columns) {
        double[][] thresholds = new double[columns.length][];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            names.add(anchors.itemNames().get(columns[j]));
            thresholds[j] = new double[anchors.maxCategory(columns[j])];
            for (int k = 1; k <= thresholds[j].length; k++) {
                thresholds[j][k - 1] = anchors.threshold(columns[j], k);
            }
        }
        return new ItemParameters(names, thresholds);
    }

    static PersonMeasure[] measures(SufficientStatistics stats, PersonIndex index, PersonEstimator estimator) {
        PersonMeasure[] out = new PersonMeasure[index.persons()];
        List<SufficientStatistics.PatternCounts> patterns = stats.patterns();
        for (int v = 0; v < out.length; v++) {
            out[v] = estimator.estimate(patterns.get(index.pattern(v)).pattern(), index.score(v));
        }
        return out;
    }
}

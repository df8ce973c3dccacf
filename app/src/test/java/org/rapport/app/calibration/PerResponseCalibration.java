package org.rapport.app.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerRow;
import org.rapport.measure.Analysis;
import org.rapport.measure.CategoryMerge;
import org.rapport.measure.GroupReliability;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.MeasurementException;
import org.rapport.measure.Model;
import org.rapport.measure.ResponseMatrix;

/**
 * The calibration of every scale as it was computed before it worked from numbered answers (kept here as the
 * reference the service must agree with): each scale groups every answer by its response's id again
 * ({@link Scoring#calibrationMatrix}, {@link Scoring#score}) and runs the whole analysis of its matrix.
 */
final class PerResponseCalibration {
    private final ItemBank bank;

    PerResponseCalibration(ItemBank bank) {
        this.bank = bank;
    }

    List<ScaleFit> fits(List<AnswerRow> rows, Map<Long, Long> teams) {
        List<ScaleFit> fits = new ArrayList<>();
        Map<Relationship, ScaleFit> whole = new HashMap<>();
        for (Scale scale : Scale.all(bank)) {
            ScaleFit fit = fit(rows, scale, teams);
            if (scale.isRelationship()) {
                whole.put(scale.relationship(), fit);
            } else if (!fit.calibrated() && whole.get(scale.relationship()).calibrated()) {
                fit = within(rows, scale, whole.get(scale.relationship()), fit.problem(), teams);
            }
            fits.add(fit);
        }
        return fits;
    }

    private ScaleFit within(List<AnswerRow> rows, Scale facet, ScaleFit relationship, String problem, Map<Long, Long> teams) {
        List<String> names = new ArrayList<>();
        List<double[]> thresholds = new ArrayList<>();
        List<double[]> errors = new ArrayList<>();
        List<Double> locationErrors = new ArrayList<>();
        List<int[]> categories = new ArrayList<>();
        for (int i = 0; i < relationship.items().items(); i++) {
            String item = relationship.items().itemNames().get(i);
            if (bank.item(item).map(facet::contains).orElse(false)) {
                names.add(item);
                double[] t = new double[relationship.items().maxCategory(i)];
                for (int k = 1; k <= t.length; k++) {
                    t[k - 1] = relationship.items().threshold(i, k);
                }
                thresholds.add(t);
                errors.add(relationship.standardErrors()[i]);
                locationErrors.add(relationship.locationErrors()[i]);
                categories.add(relationship.categories()[i]);
            }
        }
        ItemParameters items = new ItemParameters(names, thresholds.toArray(double[][]::new));
        int[][] cats = categories.toArray(int[][]::new);
        Object[] ref = reference(rows, facet, items, cats, teams);
        return new ScaleFit(facet, true, "calibrated within " + relationship.scale().key() + " (alone: " + problem + ")",
                (int) ref[2], (double) ref[0], (double) ref[1], (double) ref[3], items, errors.toArray(double[][]::new),
                locationErrors.stream().mapToDouble(Double::doubleValue).toArray(), cats, (boolean) ref[4], groups(ref));
    }

    @SuppressWarnings("unchecked")
    private static Map<GroupKind, GroupReliability> groups(Object[] ref) {
        return (Map<GroupKind, GroupReliability>) ref[5];
    }

    /** mean, sd, blocks, reliability, by model, group reliabilities. */
    private Object[] reference(List<AnswerRow> rows, Scale scale, ItemParameters items, int[][] categories, Map<Long, Long> teams) {
        List<UnitMeasure> units = Scoring.score(rows, scale, bank, items, categories, 0, 10);
        double[] logits = units.stream().mapToDouble(u -> u.points() - 50).toArray();
        Map<java.util.UUID, double[]> byRespondent = new java.util.LinkedHashMap<>();
        for (UnitMeasure u : units) {
            double[] sum = byRespondent.computeIfAbsent(u.response(), r -> new double[2]);
            sum[0] += u.points() - 50;
            sum[1]++;
        }
        boolean byModel = scale.measuredByModel(bank) && !units.isEmpty();
        double mean = byModel ? modelLevel(units, items)
                : byRespondent.values().stream().mapToDouble(s -> s[0] / s[1]).average().orElse(0);
        double blockMean = Arrays.stream(logits).average().orElse(0);
        double variance = Arrays.stream(logits).map(x -> (x - blockMean) * (x - blockMean)).sum() / Math.max(1, logits.length - 1);
        double error = units.stream().mapToDouble(u -> u.standardError() * u.standardError()).average().orElse(0);
        double reliability = variance > 0 ? Math.max(0, (variance - error) / variance) : 0;
        return new Object[] {mean, Math.sqrt(variance), logits.length, reliability, byModel,
                scale.isRelationship() ? Map.of() : CalibrationService.groupReliability(units, teams)};
    }

    private static double modelLevel(List<UnitMeasure> units, ItemParameters items) {
        int[] maxCategories = items.maxCategories();
        Map<Long, org.rapport.measure.AnswerPattern> patterns = new HashMap<>();
        org.rapport.measure.ScoreCounts counts = new org.rapport.measure.ScoreCounts();
        for (UnitMeasure u : units) {
            org.rapport.measure.AnswerPattern pattern = patterns.computeIfAbsent(u.items(),
                    mask -> org.rapport.measure.AnswerPattern.ofMask(mask, maxCategories));
            counts.add(pattern, u.score());
        }
        return new org.rapport.measure.GroupLevelEstimator(items, 0.90).estimate(counts, counts.respondents()).estimate();
    }

    private ScaleFit fit(List<AnswerRow> rows, Scale scale, Map<Long, Long> teams) {
        ResponseMatrix raw = Scoring.calibrationMatrix(rows, scale, bank).answeredItems();
        int[][] categories = CategoryMerge.unusedCategories(raw, Item.MAX_VALUE);
        ResponseMatrix matrix = CategoryMerge.recode(raw, categories);
        if (matrix.items() < CalibrationService.MIN_ITEMS || matrix.persons() < CalibrationService.MIN_ROWS) {
            return failed(scale, matrix.persons(), ScaleFit.TOO_FEW + " (" + matrix.persons() + " rows, "
                    + matrix.items() + " items answered)");
        }
        try {
            Analysis analysis = Analysis.run(matrix, Model.PCM);
            Object[] ref = reference(rows, scale, analysis.calibration().items(), categories, teams);
            if (!((double) ref[1] > 0)) {
                return failed(scale, matrix.persons(), "the measures do not vary");
            }
            return new ScaleFit(scale, true, null, matrix.persons(), (double) ref[0], (double) ref[1],
                    (double) ref[3], analysis.calibration().items(), analysis.calibration().standardErrors(),
                    analysis.calibration().locationStandardErrors(), categories, (boolean) ref[4], groups(ref));
        } catch (MeasurementException e) {
            return failed(scale, matrix.persons(), e.getMessage());
        }
    }

    private static ScaleFit failed(Scale scale, int persons, String problem) {
        return new ScaleFit(scale, false, problem, persons, Double.NaN, Double.NaN, Double.NaN, null, null, null, null, false, Map.of());
    }
}

package org.rapport.app.calibration;

import java.util.List;
import java.util.Map;
import org.rapport.measure.GroupReliability;
import org.rapport.measure.ItemLocation;
import org.rapport.measure.ItemParameters;

/**
 * A scale's stored calibration: anchored PCM thresholds and the reference mean and SD that fix Rapport points.
 * {@code referenceByModel}: the reference mean is the model's level of the reference blocks, and the reports measure
 * groups on the scale by the model of their answers; false (every calibration made before the model, and whole
 * relationships), the mean of WLEs, and groups by averaged WLEs. {@code groupReliability}: how much the reference
 * window's groups of each kind differ on the scale, in logits (a kind with fewer than ten groups, or a calibration
 * made before this was measured, has none).
 */
public record ScaleFit(Scale scale, boolean calibrated, String problem, int persons, double referenceMean,
                       double referenceSd, double reliability, ItemParameters items, double[][] standardErrors,
                       double[] locationErrors, int[][] categories, boolean referenceByModel,
                       Map<GroupKind, GroupReliability> groupReliability) {
    public ScaleFit {
        groupReliability = groupReliability == null ? Map.of() : Map.copyOf(groupReliability);
    }

    /** How a problem of too few rows or items begins (the rest, with counts, is for logs and tests, never shown). */
    static final String TOO_FEW = "too few answers to calibrate";

    /**
     * Not calibrated (or calibrated only within its relationship) for want of answers, rather than because the answers
     * did not allow it. Which is all a page says: the problem itself names counts and items, and "every answer to an item
     * is 0" would be a fact about each respondent of a small group.
     */
    public boolean tooFew() {
        return problem != null && problem.contains(TOO_FEW);
    }

    /** The model category of answer {@code value} to item {@code item}. */
    public int category(int item, int value) {
        return categories[item][value];
    }

    /**
     * Each item's location (the mean of its thresholds) with its standard error: from the calibration's
     * covariances where stored, else (calibrations stored before them) taking the thresholds as independent.
     */
    public List<ItemLocation> locations() {
        return locationErrors == null ? ItemLocation.of(items, standardErrors) : ItemLocation.of(items, locationErrors);
    }
}

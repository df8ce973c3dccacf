package org.rapport.measure;

/**
 * A fitted model: centred step thresholds with standard errors from the inverse of the
 * conditional information matrix, each item's location (the mean of its thresholds) with its standard
 * error from the same matrix, and the conditional log-likelihood at the maximum.
 */
public record Calibration(
        Model model,
        ItemParameters items,
        double[][] standardErrors,
        double[] locationStandardErrors,
        double conditionalLogLikelihood,
        int iterations,
        boolean converged,
        int freeParameters,
        long persons,
        long nonExtremePersons) {

    public double standardError(int item, int k) {
        return standardErrors[item][k - 1];
    }
}

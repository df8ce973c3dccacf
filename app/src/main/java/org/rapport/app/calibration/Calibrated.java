package org.rapport.app.calibration;

import java.time.LocalDate;
import java.util.Map;

/** A network's calibration of every scale on one reference window. */
public record Calibrated(long id, int version, String referenceWindow, String itemBank, LocalDate createdOn,
                         Map<String, ScaleFit> scales) {

    public ScaleFit scale(Scale scale) {
        ScaleFit fit = scales.get(scale.key());
        return fit != null && fit.calibrated() ? fit : null;
    }
}

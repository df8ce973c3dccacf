package org.rapport.app.calibration;

import java.util.Optional;
import org.rapport.app.window.NetworkCalibration;
import org.springframework.stereotype.Service;

/** Answers the window page's question whether the network is calibrated, and on which round. */
@Service
class ActiveCalibration implements NetworkCalibration {
    private final Calibrations calibrations;

    ActiveCalibration(Calibrations calibrations) {
        this.calibrations = calibrations;
    }

    @Override
    public Optional<String> reference(long networkId) {
        return calibrations.active(networkId).map(Calibrated::referenceWindow);
    }
}

package org.rapport.app.window;

import java.util.Optional;

/**
 * Whether a network's answers can be measured yet, for the window page's "what comes next". The
 * calibration feature answers it (it uses windows, so the window page cannot ask it directly).
 */
public interface NetworkCalibration {

    /** The round the network's active calibration was made on; empty while the network has none. */
    Optional<String> reference(long networkId);
}

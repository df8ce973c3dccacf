package org.rapport.app.window;

import java.util.List;
import org.rapport.app.school.StaffMember;
import org.springframework.stereotype.Component;

/**
 * What comes after a window closes, for its page: calibration (by the network admin, on the round once
 * every school's window of it is closed) unless the network already has one, then the results.
 */
@Component
class AfterClosing {
    private final Windows windows;
    private final org.rapport.app.school.Schools schools;
    private final NetworkCalibration calibration;

    AfterClosing(Windows windows, org.rapport.app.school.Schools schools, NetworkCalibration calibration) {
        this.windows = windows;
        this.schools = schools;
        this.calibration = calibration;
    }

    /**
     * {@code calibratedOn}: the round of the network's active calibration (null: none yet, so no results);
     * {@code schools} and {@code closed}: the round's windows and how many are closed; {@code networkAdmins}:
     * who calibrates; {@code single}: the network is one school on its own; {@code answered}: the surveys sent in the
     * window, and {@code minCellSize} the fewest answers a result is shown for (with fewer in the whole window, none is).
     */
    record Next(String round, String calibratedOn, int schools, long closed, List<String> networkAdmins, boolean single,
                int answered, int minCellSize) {
        public boolean calibrated() {
            return calibratedOn != null;
        }

        /** Closed with too few answers (or none) for any result of the school to be shown: said plainly, not "the results are ready". */
        public boolean tooFew() {
            return answered < minCellSize;
        }

        public boolean roundClosed() {
            return closed == schools;
        }
    }

    Next of(SurveyWindow window, long networkId, int answered, int minCellSize) {
        Wave wave = windows.wave(networkId, window.name());
        long closed = wave.windows().stream().filter(SurveyWindow::isClosed).count();
        List<String> admins = schools.networkAdmins(networkId).stream().filter(StaffMember::active).map(StaffMember::name).toList();
        return new Next(window.name(), calibration.reference(networkId).orElse(null), wave.windows().size(), closed, admins,
                schools.inNetwork(networkId).size() == 1, answered, minCellSize);
    }
}

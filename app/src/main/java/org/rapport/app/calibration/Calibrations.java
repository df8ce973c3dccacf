package org.rapport.app.calibration;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What other features may read of a network's calibrations. */
@Service
public class Calibrations {
    private final CalibrationRepository repository;
    // a calibration never changes once saved, so its parameters are read once per id (a network has a few)
    private final java.util.Map<Long, Calibrated> loaded = new java.util.concurrent.ConcurrentHashMap<>();

    Calibrations(CalibrationRepository repository) {
        this.repository = repository;
    }

    /** A calibration without its parameters. */
    public record Header(long id, int version, String referenceWindow, String itemBank, LocalDate createdOn, boolean active) {
    }

    /** The network's active calibration, with every scale's parameters. */
    public Optional<Calibrated> active(long networkId) {
        return repository.activeId(networkId).map(id -> loaded.computeIfAbsent(id, repository::load));
    }

    /** A calibration by id, active or not (a frozen wave keeps the one it was measured on). */
    public Calibrated get(long calibrationId) {
        return loaded.computeIfAbsent(calibrationId, repository::load);
    }

    /** Every calibration of the network, newest first. */
    public List<Header> history(long networkId) {
        return repository.history(networkId);
    }
}

package org.rapport.app.measures;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Item drift of a later wave against the active calibration, kept until another answer arrives
 * (a free re-calibration of every relationship is too dear to repeat on every page view).
 */
@Service
public class DriftCheck {
    private final CalibrationService calibrations;
    private final CalibrationStore store;
    private final Answers answers;
    private final Cache<String, List<CalibrationService.Drift>> cache = Caffeine.newBuilder().maximumSize(32)
            .expireAfterWrite(Duration.ofMinutes(30)).build();

    public DriftCheck(CalibrationService calibrations, CalibrationStore store, Answers answers) {
        this.calibrations = calibrations;
        this.store = store;
        this.answers = answers;
    }

    /** The waves that can be checked: answered, and not the reference itself. */
    public List<String> checkable(long networkId, Calibrated reference) {
        return answers.waveNames(networkId).stream().filter(w -> w.responses() > 0 && !w.name().equals(reference.referenceWindow()))
                .map(Answers.WaveName::name).toList();
    }

    /** Each item's drift, flagged items first, then by size. */
    public List<CalibrationService.Drift> drift(long networkId, Calibrated reference, String waveName) {
        List<Long> windows = answers.wave(networkId, waveName).stream().map(Answers.WaveWindow::id).toList();
        String key = reference.id() + "|" + waveName + "|" + answers.responses(windows);
        return cache.get(key, k -> calibrations.drift(networkId, reference, waveName).stream()
                .sorted(Comparator.comparing((CalibrationService.Drift d) -> !d.flagged())
                        .thenComparing(d -> -Math.abs(d.difference())))
                .toList());
    }

    public record Summary(int version, String referenceWindow, String wave, long flagged) {
    }

    /**
     * The active calibration with the drift of the newest closed wave, for the network admin's overview
     * (an open window changes with every answer, and its drift is not yet worth a look).
     */
    public Optional<Summary> summary(long networkId) {
        return store.active(networkId).map(c -> {
            String wave = answers.waveNames(networkId).stream()
                    .filter(w -> w.closed() && w.responses() > 0 && !w.name().equals(c.referenceWindow()))
                    .map(Answers.WaveName::name).findFirst().orElse(null);
            long flagged = wave == null ? 0 : drift(networkId, c, wave).stream().filter(CalibrationService.Drift::flagged).count();
            return new Summary(c.version(), c.referenceWindow(), wave, flagged);
        });
    }
}

package org.rapport.app.calibration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.response.Responses;
import org.rapport.app.window.Wave;
import org.rapport.app.window.Windows;
import org.springframework.stereotype.Service;

/**
 * Item drift of a later wave against the active calibration, kept until another answer arrives
 * (a free re-calibration of every relationship is too dear to repeat on every page view).
 */
@Service
public class DriftCheck {
    private final CalibrationService calibrations;
    private final Calibrations store;
    private final Windows windows;
    private final Responses responses;
    private final Cache<String, List<CalibrationService.Drift>> cache = Caffeine.newBuilder().maximumSize(32)
            .expireAfterWrite(Duration.ofMinutes(30)).build();
    private final Cache<String, CalibrationService.DifCheck> difCache = Caffeine.newBuilder().maximumSize(32)
            .expireAfterWrite(Duration.ofMinutes(30)).build();

    DriftCheck(CalibrationService calibrations, Calibrations store, Windows windows, Responses responses) {
        this.calibrations = calibrations;
        this.store = store;
        this.windows = windows;
        this.responses = responses;
    }

    /** A wave of the network with how many have answered in it. */
    record Answered(Wave wave, long responses) {
    }

    /** The network's waves, newest first, with their responses. */
    List<Answered> answered(long networkId) {
        List<Wave> waves = windows.waves(networkId);
        Map<Long, Long> counts = responses.countByWindow(waves.stream().flatMap(w -> w.windowIds().stream()).toList());
        return waves.stream().map(w -> new Answered(w, w.windowIds().stream().mapToLong(id -> counts.getOrDefault(id, 0L)).sum()))
                .toList();
    }

    /** The waves that can be checked: answered, and not the reference itself. */
    public List<String> checkable(long networkId, Calibrated reference) {
        return checkable(answered(networkId), reference);
    }

    /** The waves of these that can be checked. */
    static List<String> checkable(List<Answered> waves, Calibrated reference) {
        return waves.stream().filter(a -> a.responses() > 0 && !a.wave().name().equals(reference.referenceWindow()))
                .map(a -> a.wave().name()).toList();
    }

    /** Each item's drift, flagged items first, then by size. */
    public List<CalibrationService.Drift> drift(long networkId, Calibrated reference, String waveName) {
        String key = reference.id() + "|" + waveName + "|" + responses.count(windows.wave(networkId, waveName).windowIds());
        return cache.get(key, k -> calibrations.drift(networkId, reference, waveName).stream()
                .sorted(Comparator.comparing((CalibrationService.Drift d) -> !d.flagged())
                        .thenComparing(d -> -Math.abs(d.difference())))
                .toList());
    }

    /**
     * The reference window checked for DIF between the languages it was answered in, kept until another
     * answer arrives in it (one free calibration per language and relationship is too dear for every view).
     */
    public CalibrationService.DifCheck dif(long networkId, Calibrated reference) {
        String key = reference.id() + "|" + responses.count(windows.wave(networkId, reference.referenceWindow()).windowIds());
        return difCache.get(key, k -> calibrations.dif(networkId, reference.referenceWindow()));
    }

    public record Summary(int version, String referenceWindow, String wave, long flagged) {
    }

    /**
     * The active calibration with the drift of the newest closed wave, for the network admin's overview
     * (an open window changes with every answer, and its drift is not yet worth a look).
     */
    public Optional<Summary> summary(long networkId) {
        return store.active(networkId).map(c -> {
            String wave = answered(networkId).stream()
                    .filter(a -> a.wave().closed() && a.responses() > 0 && !a.wave().name().equals(c.referenceWindow()))
                    .map(a -> a.wave().name()).findFirst().orElse(null);
            long flagged = wave == null ? 0 : drift(networkId, c, wave).stream().filter(CalibrationService.Drift::flagged).count();
            return new Summary(c.version(), c.referenceWindow(), wave, flagged);
        });
    }
}

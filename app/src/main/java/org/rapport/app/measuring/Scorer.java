package org.rapport.app.measuring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.calibration.Scale;
import org.rapport.app.calibration.ScaleFit;
import org.rapport.app.calibration.Scoring;
import org.rapport.app.calibration.StepTimes;
import org.rapport.app.calibration.UnitMeasure;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.response.Responses;
import org.rapport.app.school.Schools;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Scores each response once per calibration: at submission (in its transaction, with its batch row),
 * for every response of the network when a calibration becomes active, and on first use for any
 * response still without scores (one stored before its network had a calibration, say).
 */
@Component
class Scorer {
    private static final int CHUNK = 2000;
    private final ScoreRepository store;
    private final Scales scales;
    private final ItemBank bank;
    private final Calibrations calibrations;
    private final Responses responses;
    private final Windows windows;
    private final Schools schools;
    /** A window's wave: its network and its name (neither changes). */
    private record WaveOf(long networkId, String name) {
    }

    private final Cache<Long, WaveOf> waveOfWindow = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Set<Long> wavesEnsured = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // which calibration is active changes rarely; a stale one only means scores to add on first use
    private final Cache<Long, Optional<Calibrated>> activeOfNetwork = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(Duration.ofSeconds(30)).build();
    private final Cache<String, Scoring.Anchored> anchored = Caffeine.newBuilder().maximumSize(1_000).build();

    Scorer(ScoreRepository store, Scales scales, ItemBank bank, Calibrations calibrations, Responses responses, Windows windows,
           Schools schools) {
        this.store = store;
        this.scales = scales;
        this.bank = bank;
        this.calibrations = calibrations;
        this.responses = responses;
        this.windows = windows;
        this.schools = schools;
    }

    @EventListener
    void stored(Responses.Stored response) {
        WaveOf wave = waveOfWindow.get(response.windowId(), w -> {
            SurveyWindow window = windows.get(w);
            return new WaveOf(schools.find(window.schoolId()).orElseThrow().networkId(), window.name());
        });
        // once per window and instance: the wave gets an open batch for its answers to join, if it has none
        boolean firstHere = wavesEnsured.add(response.windowId());
        Optional<Calibrated> calibration = activeOfNetwork.get(wave.networkId(), calibrations::active);
        store.added(response.id(), response.windowId(), response.classId(), wave.networkId(), wave.name(), firstHere,
                calibration.map(Calibrated::id).orElse(null), calibration.map(c -> score(c, response.answers())).orElse(null));
    }

    @EventListener
    void calibrated(CalibrationService.NewCalibration event) {
        activeOfNetwork.invalidate(event.networkId());
        Calibrated calibration = calibrations.active(event.networkId()).orElseThrow();
        List<Long> windowIds = windows.waves(event.networkId()).stream().flatMap(wave -> wave.windowIds().stream()).toList();
        rescore(calibration, windowIds, new StepTimes("rescoring of network " + event.networkId()));
    }

    /**
     * Scores every response of these windows on the calibration and stores the scores, a window at a time: all scored at
     * once ({@link BulkScoring}), and outside a transaction the next window read and the last one's scores written on
     * two other threads meanwhile, so that the database's work and the scoring overlap.
     */
    void rescore(Calibrated calibration, List<Long> windowIds, StepTimes steps) {
        BulkScoring bulk = new BulkScoring(bank.items(), scales, scale -> anchored(calibration, scale));
        steps.lap("prepare");
        if (windowIds.isEmpty()) {
            steps.log();
            return;
        }
        // inside a caller's transaction the scores must be written in it (the new calibration is not committed yet)
        boolean overlap = !org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive();
        java.util.concurrent.ExecutorService io = overlap ? java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "rescoring");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            java.util.concurrent.Future<List<AnswerRow>> reading = submit(io, () -> responses.answers(List.of(windowIds.get(0))));
            java.util.concurrent.Future<?> writing = java.util.concurrent.CompletableFuture.completedFuture(null);
            for (int w = 0; w < windowIds.size(); w++) {
                List<AnswerRow> answers = reading.get();
                if (w + 1 < windowIds.size()) {
                    long next = windowIds.get(w + 1);
                    reading = submit(io, () -> responses.answers(List.of(next)));
                }
                steps.lap("read answers (waiting)");
                Map<UUID, byte[]> bulkScored = bulk.score(answers);
                Map<UUID, byte[]> scored = bulkScored != null ? bulkScored : scoreEach(calibration, answers);
                steps.lap("score");
                writing.get();
                steps.lap("write scores (waiting)");
                writing = submit(io, () -> {
                    store.saveScores(calibration.id(), scored);
                    return null;
                });
            }
            writing.get();
            steps.lap("write scores (waiting)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rescoring interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            if (io != null) {
                io.shutdownNow();
            }
        }
        steps.log();
    }

    /** Runs {@code work} on {@code io}, or at once on this thread when there is none. */
    private static <T> java.util.concurrent.Future<T> submit(java.util.concurrent.ExecutorService io, java.util.concurrent.Callable<T> work) {
        if (io != null) {
            return io.submit(work);
        }
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(work.call());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scores the responses that have none on the calibration yet; returns every response's scores by id. */
    Map<UUID, byte[]> scoreMissing(Calibrated calibration, Collection<UUID> missing) {
        Map<UUID, byte[]> scored = new HashMap<>();
        List<UUID> ids = new ArrayList<>(missing);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            scored.putAll(scoreAndSave(calibration, responses.answersOf(ids.subList(from, Math.min(ids.size(), from + CHUNK)))));
        }
        return scored;
    }

    /** Scores the responses these answers belong to and stores their scores. */
    private Map<UUID, byte[]> scoreAndSave(Calibrated calibration, List<AnswerRow> answers) {
        Map<UUID, byte[]> scored = scoreEach(calibration, answers);
        store.saveScores(calibration.id(), scored);
        return scored;
    }

    /** The scores of the responses these answers belong to, by response. */
    private Map<UUID, byte[]> scoreEach(Calibrated calibration, List<AnswerRow> answers) {
        Map<UUID, List<AnswerRow>> byResponse = new LinkedHashMap<>();
        for (AnswerRow a : answers) {
            byResponse.computeIfAbsent(a.response(), r -> new ArrayList<>()).add(a);
        }
        Map<UUID, byte[]> scored = new HashMap<>();
        byResponse.forEach((id, rows) -> scored.put(id, score(calibration, rows)));
        return scored;
    }

    /** One response's blocks measured on every scale of their relationship the calibration holds. */
    byte[] score(Calibrated calibration, List<AnswerRow> answers) {
        record Key(Relationship relationship, long target) {
        }
        Map<Key, List<AnswerRow>> blocks = new LinkedHashMap<>();
        for (AnswerRow a : answers) {
            bank.item(a.item()).ifPresent(item -> blocks.computeIfAbsent(
                    new Key(item.relationship(), a.target() == null ? 0 : a.target()), k -> new ArrayList<>()).add(a));
        }
        List<BlockScores.Block> out = new ArrayList<>();
        blocks.forEach((key, rows) -> {
            List<Scale> list = scales.of(key.relationship());
            float[] points = new float[list.size()];
            float[] errors = new float[list.size()];
            byte[][] counts = new byte[list.size()][BlockScores.VALUES];
            long[] items = new long[list.size()];
            short[] scores = new short[list.size()];
            Arrays.fill(points, Float.NaN);
            Arrays.fill(errors, Float.NaN);
            for (int s = 0; s < list.size(); s++) {
                Scoring.Anchored scoring = anchored(calibration, list.get(s));
                UnitMeasure m = scoring == null ? null : scoring.score(rows);
                if (m != null) {
                    points[s] = (float) m.points();
                    errors[s] = (float) m.standardError();
                    for (int v = 0; v < BlockScores.VALUES; v++) {
                        counts[s][v] = (byte) m.answerCounts()[v];
                    }
                    items[s] = m.items();
                    scores[s] = (short) m.score();
                }
            }
            out.add(new BlockScores.Block(key.relationship(), key.target(), points, errors, counts, items, scores));
        });
        return BlockScores.encode(out);
    }

    /** The scale's anchored scoring on the calibration; null where the calibration holds no fit of the scale. */
    Scoring.Anchored anchored(Calibrated calibration, Scale scale) {
        ScaleFit fit = calibration.scale(scale);
        if (fit == null) {
            return null;
        }
        return anchored.get(calibration.id() + "|" + scale.key(), k -> new Scoring.Anchored(scale, fit, bank));
    }
}

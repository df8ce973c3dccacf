package org.rapport.app.survey;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.rapport.app.response.Responses;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the held parts of timetable pupils' submissions as responses (docs/DATA-PROTECTION.md) once their window is
 * settled: closed, and no longer to be reopened (its results are first shown or calibrated, or the time to reopen it
 * has passed). Every part, one per transaction, in random order, so that no two parts of one submission are ever
 * written together; and nothing stored while more answers can still come says which classes a pupil who just sent is
 * in (a class's count growing at a submission would, and so would one growing between a close and a reopening). Every
 * few minutes, windows whose time to reopen has passed, and whatever a crash left waiting.
 */
@Component
class PartRelease {
    private static final Logger LOG = LoggerFactory.getLogger(PartRelease.class);
    /** Rounds over a window's held parts before the results are read anyway (a part that cannot be read, say). */
    private static final int ROUNDS = 50;
    private static final long PAUSE_MS = 20;
    private final Responses responses;
    private final Windows windows;
    private final WindowService life;
    private final TransactionTemplate fresh;
    /** One snapshot of the held and the stored parts, so that a release meanwhile (another instance's) moves no count. */
    private final TransactionTemplate snapshot;
    private final SecureRandom random = new SecureRandom();

    PartRelease(Responses responses, Windows windows, WindowService life, PlatformTransactionManager transactions) {
        this.life = life;
        this.responses = responses;
        this.windows = windows;
        this.fresh = new TransactionTemplate(transactions);
        this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    /** Heard before the settled windows' results are computed or calibrated: their answers are all there. */
    @EventListener
    void settled(Windows.Settled settled) {
        settled.windowIds().forEach(this::releaseAll);
    }

    /**
     * Every part still held in the window, one per transaction, in random order; returns once none is left, so that the
     * results or the calibration that follow read every part. A part another release holds (another request, or another
     * instance, settling the same window) is waited for: read while a few parts are still on their way, a class could
     * count fewer than k parts and be left out of that look, or a teacher's result show fewer pupils than it has.
     */
    void releaseAll(long windowId) {
        Set<Long> fewSenders = null;
        for (int round = 0; round < ROUNDS; round++) {
            List<UUID> held = new ArrayList<>(fresh.execute(tx -> responses.heldParts(windowId)));
            if (held.isEmpty()) {
                return;
            }
            if (round > 0) {
                pause();
            }
            if (fewSenders == null) {
                // home groups with fewer than k senders: their pupils' parts of other classes are withheld, never counted
                fewSenders = snapshot.execute(tx -> responses.fewSenders(windowId));
            }
            Set<Long> few = fewSenders;
            Collections.shuffle(held, random);
            for (UUID id : held) {
                try {
                    fresh.executeWithoutResult(tx -> responses.releaseOne(id, few));
                } catch (RuntimeException e) {
                    LOG.warn("a held part of window {} not released yet: {}", windowId, e.toString());
                }
            }
        }
        LOG.warn("window {} still holds parts after {} rounds; the sweep stores them", windowId, ROUNDS);
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closed windows that can no longer be reopened (their time has passed, or a crash came before their release). */
    @Scheduled(fixedDelayString = "${rapport.held-parts-sweep-ms:300000}", initialDelayString = "${rapport.held-parts-sweep-ms:300000}")
    void sweep() {
        for (long windowId : responses.windowsHolding()) {
            SurveyWindow window = windows.get(windowId);
            if (window.status() == SurveyWindow.Status.CLOSED && !life.reopening(window).allowed()) {
                releaseAll(windowId);
            }
        }
    }
}

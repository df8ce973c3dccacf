package org.rapport.app.survey;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.response.Responses;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the held parts of timetable pupils' submissions as responses (docs/DATA-PROTECTION.md), each class's in a
 * transaction of its own so that no two parts of one submission are ever written together: after a submission,
 * a class of its pattern as soon as k of its parts wait (k the smallest group shown, {@code rapport.min-cell-size});
 * when the window closes, whatever waits, one part per transaction in random order; and every few minutes,
 * whatever a crash left waiting.
 */
@Component
class PartRelease {
    private static final Logger LOG = LoggerFactory.getLogger(PartRelease.class);
    private final Responses responses;
    private final Windows windows;
    private final TransactionTemplate fresh;
    private final int minimum;
    private final SecureRandom random = new SecureRandom();

    PartRelease(Responses responses, Windows windows, PlatformTransactionManager transactions, RapportProperties properties) {
        this.responses = responses;
        this.windows = windows;
        this.fresh = new TransactionTemplate(transactions);
        this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.minimum = properties.minCellSize();
    }

    /** Once the caller's transaction has committed, releases each class of {@code classes} whose parts are enough. */
    void afterCommit(long windowId, List<Long> classes) {
        List<Long> order = new ArrayList<>(classes);
        Collections.shuffle(order, random);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            releaseReady(windowId, order);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                releaseReady(windowId, order);
            }
        });
    }

    private void releaseReady(long windowId, List<Long> classes) {
        for (Long classId : classes) {
            try {
                fresh.execute(tx -> responses.release(windowId, classId, minimum));
            } catch (RuntimeException e) {
                // the parts wait, committed, for the next submission of the class, the window's close or the sweep
                LOG.warn("held parts of class {} in window {} not released yet: {}", classId, windowId, e.toString());
            }
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void closed(WindowService.Closed closed) {
        releaseAll(closed.windowId());
    }

    /** Every part still held in the window, one per transaction, in random order. */
    void releaseAll(long windowId) {
        List<UUID> held = new ArrayList<>(fresh.execute(tx -> responses.heldParts(windowId)).keySet());
        Collections.shuffle(held, random);
        for (UUID id : held) {
            try {
                fresh.executeWithoutResult(tx -> responses.releaseOne(windowId, id));
            } catch (RuntimeException e) {
                LOG.warn("a held part of window {} not released yet: {}", windowId, e.toString());
            }
        }
    }

    /** What a crash between a submission (or a close) and its release left waiting. */
    @Scheduled(fixedDelayString = "${rapport.held-parts-sweep-ms:300000}", initialDelayString = "${rapport.held-parts-sweep-ms:300000}")
    void sweep() {
        for (long windowId : responses.windowsHolding()) {
            SurveyWindow window = windows.get(windowId);
            if (window.status() == SurveyWindow.Status.CLOSED) {
                releaseAll(windowId);
            } else {
                Map<UUID, Long> held = fresh.execute(tx -> responses.heldParts(windowId));
                releaseReady(windowId, held.values().stream().distinct().toList());
            }
        }
    }
}

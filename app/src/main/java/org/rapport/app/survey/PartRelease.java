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
 * Stores the held parts of timetable pupils' submissions as responses (docs/DATA-PROTECTION.md), when their window closes:
 * every part, one per transaction, in random order, so that no two parts of one submission are ever written together,
 * and nothing stored while the window is open says which classes a pupil who just sent is in (a class's count growing
 * at the moment of a submission would). Every few minutes, whatever a crash left waiting in a closed window.
 */
@Component
class PartRelease {
    private static final Logger LOG = LoggerFactory.getLogger(PartRelease.class);
    private final Responses responses;
    private final Windows windows;
    private final TransactionTemplate fresh;
    private final SecureRandom random = new SecureRandom();

    PartRelease(Responses responses, Windows windows, PlatformTransactionManager transactions) {
        this.responses = responses;
        this.windows = windows;
        this.fresh = new TransactionTemplate(transactions);
        this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void closed(WindowService.Closed closed) {
        releaseAll(closed.windowId());
    }

    /** Every part still held in the window, one per transaction, in random order. */
    void releaseAll(long windowId) {
        List<UUID> held = new ArrayList<>(fresh.execute(tx -> responses.heldParts(windowId)));
        Collections.shuffle(held, random);
        for (UUID id : held) {
            try {
                fresh.executeWithoutResult(tx -> responses.releaseOne(id));
            } catch (RuntimeException e) {
                LOG.warn("a held part of window {} not released yet: {}", windowId, e.toString());
            }
        }
    }

    /** What a crash between a close and its release left waiting. */
    @Scheduled(fixedDelayString = "${rapport.held-parts-sweep-ms:300000}", initialDelayString = "${rapport.held-parts-sweep-ms:300000}")
    void sweep() {
        for (long windowId : responses.windowsHolding()) {
            if (windows.get(windowId).status() == SurveyWindow.Status.CLOSED) {
                releaseAll(windowId);
            }
        }
    }
}

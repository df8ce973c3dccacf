package org.rapport.app.window;

import java.util.List;
import java.util.Optional;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Survey windows: created as drafts, opened for answers, closed for good. */
@Service
public class WindowService {
    private final WindowRepository repository;
    private final Windows windows;
    private final ItemBank bank;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<OpeningCheck> openingChecks;
    private final Schools schools;

    WindowService(WindowRepository repository, Windows windows, ItemBank bank, ApplicationEventPublisher events,
                  ObjectProvider<OpeningCheck> openingChecks, Schools schools) {
        this.schools = schools;
        this.repository = repository;
        this.windows = windows;
        this.bank = bank;
        this.events = events;
        this.openingChecks = openingChecks;
    }

    /** What stops the school's windows from opening (a safeguarding lead to name), each with its fix; empty when nothing does. */
    public List<OpeningCheck.Blocker> blockers(School school) {
        return openingChecks.orderedStream().map(c -> c.blocker(school)).flatMap(Optional::stream).toList();
    }

    /** Published within the closing transaction: what is kept only while a window is open goes with it. */
    public record Closed(long windowId) {
    }

    @Transactional
    public SurveyWindow create(School school, String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 80 || clean.chars().anyMatch(c -> c < 32)) {
            throw new InvalidInputException("name", "give the window a name of 1 to 80 characters, e.g. Autumn 2026");
        }
        if (repository.nameTaken(school.id(), clean)) {
            throw new InvalidInputException("name", "this school already has a window called " + clean);
        }
        if (windows.wave(school.networkId(), clean).windows().stream().anyMatch(w -> w.rawDeletedOn() != null)) {
            // its results are kept as they were when raw answers were deleted, and nothing joins it any more
            throw new InvalidInputException("name", "the network's survey round " + clean + " is closed for good: its raw answers "
                    + "have been deleted. Choose another name");
        }
        return windows.get(repository.create(school.id(), clean, bank.version()));
    }

    /** Opens a draft window; 409 naming the fix while something must be done first (see {@link OpeningCheck}). */
    @Transactional
    public SurveyWindow open(SurveyWindow window) {
        List<OpeningCheck.Blocker> blockers = windows.get(window.id()).status() == SurveyWindow.Status.DRAFT
                ? blockers(schools.find(window.schoolId()).orElseThrow()) : List.of();
        if (!blockers.isEmpty()) {
            throw new ConflictException(blockers.get(0).field(), blockers.get(0).problem());
        }
        if (!repository.setStatus(window.id(), SurveyWindow.Status.DRAFT, SurveyWindow.Status.OPEN)) {
            throw new ConflictException("status", "only a window that has not been opened yet can be opened; this one is "
                    + windows.get(window.id()).status().name().toLowerCase());
        }
        return windows.get(window.id());
    }

    @Transactional
    public SurveyWindow close(SurveyWindow window) {
        if (!repository.setStatus(window.id(), SurveyWindow.Status.OPEN, SurveyWindow.Status.CLOSED)) {
            throw new ConflictException("status", "only an open window can be closed; this one is "
                    + windows.get(window.id()).status().name().toLowerCase());
        }
        events.publishEvent(new Closed(window.id()));
        return windows.get(window.id());
    }

    /** Records that a window's raw answers were deleted today; false if they already were. */
    @Transactional
    public boolean markRawDeleted(SurveyWindow window) {
        return repository.markRawDeleted(window.id(), java.time.LocalDate.now());
    }
}

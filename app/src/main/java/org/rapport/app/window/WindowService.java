package org.rapport.app.window;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Text;
import org.rapport.app.web.TypedText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Survey windows: created as drafts, opened for answers, closed. A closed window can be reopened for
 * {@code rapport.reopen-days} (default 7) after it closed, until its school's results are first shown
 * and while its round's raw answers are all there (docs/OPERATIONS.md, "A window's life").
 */
@Service
public class WindowService {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private final WindowRepository repository;
    private final Windows windows;
    private final ItemBank bank;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<OpeningCheck> openingChecks;
    private final Schools schools;
    private final Clock clock;
    private final Duration reopenFor;

    WindowService(WindowRepository repository, Windows windows, ItemBank bank, ApplicationEventPublisher events,
                  ObjectProvider<OpeningCheck> openingChecks, Schools schools, Clock clock,
                  @Value("${rapport.reopen-days:7}") int reopenDays) {
        if (reopenDays < 0) {
            throw new IllegalStateException("rapport.reopen-days (RAPPORT_REOPEN_DAYS) must be 0 (never reopen) or more, not " + reopenDays);
        }
        this.schools = schools;
        this.repository = repository;
        this.windows = windows;
        this.bank = bank;
        this.events = events;
        this.openingChecks = openingChecks;
        this.clock = clock;
        this.reopenFor = Duration.ofDays(reopenDays);
    }

    /** What stops the school's windows from opening (a safeguarding lead to name), each with its fix; empty when nothing does. */
    public List<OpeningCheck.Blocker> blockers(School school) {
        return openingChecks.orderedStream().map(c -> c.blocker(school)).flatMap(Optional::stream).toList();
    }

    /** Published within the closing transaction: what is kept only while a window is open goes with it. */
    public record Closed(long windowId) {
    }

    /** Published within the reopening transaction. */
    public record Reopened(long windowId) {
    }

    /**
     * A draft window of the school. Its name is kept tidied (no spaces at the ends, one space between words); a name that
     * reads as one the school has already (differing only in capitals, spaces or the form of its characters: "summer  2026"
     * beside "Summer 2026") is refused, naming it, and so is one that reads as a round of the network without being written
     * as it is (rounds are joined by their exact name, so the near twin would have made a round of its own).
     */
    @Transactional
    public SurveyWindow create(School school, String name) {
        String clean = TypedText.tidy(name);
        if (clean.isEmpty() || clean.length() > 80 || clean.chars().anyMatch(c -> c < 32)) {
            throw new InvalidInputException("name", "give the window a name of 1 to 80 characters, e.g. Autumn 2026");
        }
        // shown in sentences (a goal's windows, a page's title): an override in it would turn them around
        int hidden = TypedText.refusedInName(clean);
        if (hidden >= 0) {
            throw new InvalidInputException("name", TypedText.fault("name", clean, hidden));
        }
        if (!TypedText.visible(clean)) {
            throw new InvalidInputException("name", "give the window a name of 1 to 80 characters, e.g. Autumn 2026");
        }
        String likeness = TypedText.likeness(clean);
        for (SurveyWindow w : repository.forSchool(school.id())) {
            if (TypedText.likeness(w.name()).equals(likeness)) {
                throw new InvalidInputException("name", "this school already has a window called " + w.name()
                        + (w.name().equals(clean) ? "" : " (names that differ only in capitals, spaces or the form of their letters count as one)"));
            }
        }
        List<Long> network = schools.inNetwork(school.networkId()).stream().map(School::id).filter(id -> id != school.id()).toList();
        List<String> rounds = windows.forSchools(network).stream().map(SurveyWindow::name)
                .filter(n -> TypedText.likeness(n).equals(likeness)).distinct().toList();
        if (!rounds.isEmpty() && !rounds.contains(clean)) {
            throw new InvalidInputException("name", "the network's survey round is called " + rounds.get(0) + ": write its name as it is to join "
                    + "it, or choose another name");
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
        if (!repository.open(window.id(), today())) {
            throw new ConflictException("status", "only a window that has not been opened yet can be opened; this one is "
                    + windows.get(window.id()).status().name().toLowerCase());
        }
        // its teams from now on, for good: a team re-formed later would let its members subtract a colleague's result
        schools.freezeTeams(window.id(), window.schoolId());
        return windows.get(window.id());
    }

    @Transactional
    public SurveyWindow close(SurveyWindow window) {
        if (!repository.close(window.id(), clock.instant(), today())) {
            throw new ConflictException("status", "only an open window can be closed; this one is "
                    + windows.get(window.id()).status().name().toLowerCase());
        }
        events.publishEvent(new Closed(window.id()));
        return windows.get(window.id());
    }

    /** How long after closing a window can be reopened. */
    public Duration reopenPeriod() {
        return reopenFor;
    }

    /** Why a window can or cannot be reopened now. */
    public enum ReopenState { ALLOWED, NOT_CLOSED, RESULTS_SEEN, TOO_LATE, RAW_DELETED, ROUND_FROZEN }

    /** Whether the window can be reopened now, until when, or why not. */
    public record Reopening(ReopenState state, Instant until, Instant resultsSeenAt, LocalDate rawDeletedOn) {
        public boolean allowed() {
            return state == ReopenState.ALLOWED;
        }

        /** What a person reads: the bundles' {@code window.reopen.<STATE>}, with the times in the server's zone, in English. */
        public Text text() {
            return text(Locale.ENGLISH);
        }

        /** The same with the months named in {@code locale}'s language. */
        public Text text(Locale locale) {
            return new Text("window.reopen." + state.name(), format(until, locale), format(resultsSeenAt, locale),
                    rawDeletedOn == null ? "" : rawDeletedOn.toString());
        }

        private static String format(Instant t, Locale locale) {
            return t == null ? "" : WHEN.withLocale(locale).format(t.atZone(ZoneId.systemDefault()));
        }
    }

    public Reopening reopening(SurveyWindow window) {
        Instant until = window.closedAt() == null ? null : window.closedAt().plus(reopenFor);
        ReopenState state;
        if (!window.isClosed()) {
            state = ReopenState.NOT_CLOSED;
        } else if (window.rawDeletedOn() != null) {
            state = ReopenState.RAW_DELETED;
        } else if (roundFrozen(window)) {
            state = ReopenState.ROUND_FROZEN;
        } else if (window.resultsSeenAt() != null) {
            state = ReopenState.RESULTS_SEEN;
        } else if (until == null || !clock.instant().isBefore(until)) {
            state = ReopenState.TOO_LATE;
        } else {
            state = ReopenState.ALLOWED;
        }
        return new Reopening(state, until, window.resultsSeenAt(), window.rawDeletedOn());
    }

    /** Another school of the round deleted its raw answers: the round's results are frozen, and nothing joins it. */
    private boolean roundFrozen(SurveyWindow window) {
        long network = windows.networkOf(window);
        return windows.wave(network, window.name()).windows().stream().anyMatch(w -> w.rawDeletedOn() != null);
    }

    /**
     * Opens a closed window again (409 with the reason when it cannot be). What closing deleted stays
     * deleted: who got which e-mailed code is forgotten at close, and unused codes and drafts the
     * retention job deleted after the grace period do not come back.
     */
    @Transactional
    public SurveyWindow reopen(SurveyWindow window) {
        SurveyWindow now = windows.get(window.id());
        Reopening reopening = reopening(now);
        // a window that takes answers again needs what any opening window needs (a safeguarding lead)
        List<OpeningCheck.Blocker> blockers = reopening.allowed() ? blockers(schools.find(now.schoolId()).orElseThrow()) : List.of();
        if (!blockers.isEmpty()) {
            throw new ConflictException(blockers.get(0).field(), blockers.get(0).problem());
        }
        if (!reopening.allowed() || !repository.reopen(now.id(), clock.instant().minus(reopenFor))) {
            Reopening why = reopening.allowed() ? reopening(windows.get(window.id())) : reopening;
            throw new ConflictException("status", why.allowed() ? new Text("window.reopen.TOO_LATE", "", "", "") : why.text());
        }
        events.publishEvent(new Reopened(now.id()));
        return windows.get(now.id());
    }

    /** Records that a window's raw answers were deleted today; false if they already were. */
    @Transactional
    public boolean markRawDeleted(SurveyWindow window) {
        return repository.markRawDeleted(window.id(), today());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
    }
}

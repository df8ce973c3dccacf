package org.rapport.app.window;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.web.NotFoundException;
import org.springframework.stereotype.Service;

/** What other features may read of survey windows. */
@Service
public class Windows {
    private final WindowRepository windows;
    private final Schools schools;
    private final Clock clock;
    /** Windows known to be marked as seen: a mark is never undone (a seen window is never reopened), so no write is repeated. */
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();

    private final org.springframework.context.ApplicationEventPublisher events;

    Windows(WindowRepository windows, Schools schools, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.windows = windows;
        this.schools = schools;
        this.clock = clock;
    }

    public SurveyWindow get(long windowId) {
        return windows.find(windowId).orElseThrow(() -> new NotFoundException("survey window", windowId));
    }

    /** A school's windows, newest first. */
    public List<SurveyWindow> forSchool(long schoolId) {
        return windows.forSchool(schoolId);
    }

    /** The windows called {@code name} in the network's schools. */
    public Wave wave(long networkId, String name) {
        return new Wave(name, windows.named(schoolIds(networkId), name));
    }

    /** The network's waves, newest first: by the first opening among their windows, then by creation. */
    public List<Wave> waves(long networkId) {
        Map<String, List<SurveyWindow>> byName = new LinkedHashMap<>();
        for (SurveyWindow w : windows.forSchools(schoolIds(networkId))) {
            byName.computeIfAbsent(w.name(), n -> new ArrayList<>()).add(w);
        }
        List<Wave> waves = new ArrayList<>();
        byName.forEach((name, list) -> waves.add(new Wave(name, list)));
        Comparator<Wave> opened = Comparator.comparing(
                (Wave w) -> w.windows().stream().map(SurveyWindow::openedOn).filter(d -> d != null).min(Comparator.naturalOrder())
                        .orElse(null), Comparator.nullsFirst(Comparator.<java.time.LocalDate>naturalOrder().reversed()));
        waves.sort(opened.thenComparing(w -> -w.windows().get(0).id()));
        return waves;
    }

    private List<Long> schoolIds(long networkId) {
        return schools.inNetwork(networkId).stream().map(School::id).toList();
    }

    /** Closed windows of these schools (all schools if null) closed on or before {@code day}. */
    public List<SurveyWindow> closedBy(java.util.Collection<Long> schoolIds, java.time.LocalDate day) {
        return windows.closedBy(schoolIds, day);
    }

    /** The windows of these schools, oldest first. */
    public List<SurveyWindow> forSchools(Collection<Long> schoolIds) {
        return schoolIds.isEmpty() ? List.of() : windows.forSchools(schoolIds);
    }

    /** The network a window's school belongs to. */
    public long networkOf(SurveyWindow window) {
        return schools.find(window.schoolId()).orElseThrow().networkId();
    }

    /**
     * Records that results of these windows' schools are being shown to someone: from the first time
     * after a window closed, it can no longer be reopened. Open windows are left as they are (their
     * results are known to be still coming in). Call before the results are computed, so that a reopening
     * at the same moment either comes first (and the results shown are of an open window) or is refused.
     */
    public void resultsShown(Collection<SurveyWindow> shown) {
        List<Long> ids = shown.stream().filter(SurveyWindow::isClosed).map(SurveyWindow::id).filter(id -> !seen.contains(id)).toList();
        if (!ids.isEmpty()) {
            // marked now or before; a window reopened meanwhile is not closed, and stays unmarked
            List<Long> marked = windows.markResultsSeen(ids, clock.instant());
            if (!marked.isEmpty()) {
                // heard before the results are computed: what waits for a window to be settled is stored first
                events.publishEvent(new Settled(marked));
            }
            seen.addAll(marked);
        }
    }

    /**
     * Published when closed windows can no longer be reopened because their results are being shown or calibrated:
     * whatever waited for the round's last answer (a timetable pupil's parts) is stored now.
     */
    public record Settled(List<Long> windowIds) {
    }

    public void resultsShown(SurveyWindow window) {
        resultsShown(List.of(window));
    }
}

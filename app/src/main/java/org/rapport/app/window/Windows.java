package org.rapport.app.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.web.NotFoundException;
import org.springframework.stereotype.Service;

/** What other features may read of survey windows. */
@Service
public class Windows {
    private final WindowRepository windows;
    private final Schools schools;

    Windows(WindowRepository windows, Schools schools) {
        this.windows = windows;
        this.schools = schools;
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
}

package org.rapport.app.access;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.Schools;
import org.rapport.app.window.ResponseCounts;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Service;

/**
 * A window's response rates from its codes: each class for pupils and parents, and the staff; with each
 * group's unused codes and how many of them have a survey in progress.
 */
@Service
class ResponseRates implements ResponseCounts {
    private final CodeRepository codes;
    private final Schools schools;
    private final CodesInProgress inProgress;

    ResponseRates(CodeRepository codes, Schools schools, CodesInProgress inProgress) {
        this.codes = codes;
        this.schools = schools;
        this.inProgress = inProgress;
    }

    @Override
    public List<RateRow> rates(SurveyWindow window) {
        Map<Long, ClassGroup> classes = new HashMap<>();
        List<ClassGroup> ordered = schools.classesEver(window.schoolId());
        ordered.forEach(c -> classes.put(c.id(), c));
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            position.put(ordered.get(i).id(), i);
        }
        // surveys in progress per group: counted from the unused codes' drafts, never linked to anyone
        Map<String, String> groupOf = new HashMap<>();
        List<byte[]> unused = new java.util.ArrayList<>();
        for (CodeRepository.UnusedOf u : codes.unusedOf(window.id())) {
            groupOf.put(java.util.HexFormat.of().formatHex(u.hash()), u.role() + "/" + u.classId());
            unused.add(u.hash());
        }
        Map<String, Integer> started = new HashMap<>();
        for (byte[] h : inProgress.withDrafts(unused)) {
            started.merge(groupOf.get(java.util.HexFormat.of().formatHex(h)), 1, Integer::sum);
        }
        return codes.counts(List.of(window.id())).stream()
                .sorted(Comparator.comparing((CodeRepository.Count c) -> c.role().ordinal())
                        .thenComparing(c -> c.classId() == null ? Integer.MAX_VALUE : position.getOrDefault(c.classId(), Integer.MAX_VALUE)))
                .map(c -> new RateRow(c.role(), c.classId() == null ? null : classes.get(c.classId()).name(), c.issued(), c.used(), c.unused(),
                        started.getOrDefault(c.role() + "/" + c.classId(), 0)))
                .toList();
    }
}

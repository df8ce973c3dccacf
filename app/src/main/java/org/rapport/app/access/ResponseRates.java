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

/** A window's response rates from its codes: each class for pupils and parents, and the staff. */
@Service
class ResponseRates implements ResponseCounts {
    private final CodeRepository codes;
    private final Schools schools;

    ResponseRates(CodeRepository codes, Schools schools) {
        this.codes = codes;
        this.schools = schools;
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
        return codes.counts(List.of(window.id())).stream()
                .sorted(Comparator.comparing((CodeRepository.Count c) -> c.role().ordinal())
                        .thenComparing(c -> c.classId() == null ? Integer.MAX_VALUE : position.getOrDefault(c.classId(), Integer.MAX_VALUE)))
                .map(c -> new RateRow(c.role(), c.classId() == null ? null : classes.get(c.classId()).name(), c.issued(), c.used()))
                .toList();
    }
}

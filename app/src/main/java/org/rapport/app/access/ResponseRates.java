package org.rapport.app.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.response.Responses;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.Schools;
import org.rapport.app.window.ResponseCounts;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Service;

/**
 * A window's response rates from its codes: each class for pupils and parents, and the staff; with each
 * group's unused codes and how many of them have a survey in progress. A timetable's teaching sets (classes
 * that are no pupil's home group) get a row of their own, not counted in the totals: their pupils' codes are
 * their home groups', so a set's rate is the pupils whose pattern includes it, and how many of them answered:
 * the parts of submissions its class has stored, none until the window is settled (a count that grew at a submission, or between a close and a reopening,
 * set by set, would say whose timetable had just answered); and then only from k pupils on (below, "fewer than k",
 * not even 0: a few pupils' answers counted set by set are their timetables). For the same reason
 * a set's row has no unused or started count: those are its pupils' home groups'.
 */
@Service
class ResponseRates implements ResponseCounts {
    private final CodeRepository codes;
    private final Schools schools;
    private final Responses responses;
    private final Codes invitations;
    private final CodesInProgress inProgress;

    private final int minimum;

    ResponseRates(CodeRepository codes, Schools schools, Responses responses, Codes invitations, CodesInProgress inProgress,
                  org.rapport.app.config.RapportProperties properties) {
        this.minimum = properties.minCellSize();
        this.codes = codes;
        this.schools = schools;
        this.responses = responses;
        this.invitations = invitations;
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
        List<byte[]> unused = new ArrayList<>();
        for (CodeRepository.UnusedOf u : codes.unusedOf(window.id())) {
            groupOf.put(HexFormat.of().formatHex(u.hash()), u.role() + "/" + u.classId());
            unused.add(u.hash());
        }
        Map<String, Integer> started = new HashMap<>();
        for (byte[] h : inProgress.withDrafts(unused)) {
            started.merge(groupOf.get(HexFormat.of().formatHex(h)), 1, Integer::sum);
        }
        // a group's codes, timetable or not, in one row
        Map<List<Object>, int[]> groups = new java.util.LinkedHashMap<>();
        for (CodeRepository.Count c : codes.counts(List.of(window.id()))) {
            int[] sum = groups.computeIfAbsent(java.util.Arrays.asList(c.role(), c.classId()), k -> new int[3]);
            sum[0] += c.issued();
            sum[1] += c.used();
            sum[2] += c.unused();
        }
        List<RateRow> rows = new ArrayList<>();
        List<Long> rowClass = new ArrayList<>();
        groups.forEach((k, sum) -> {
            RespondentRole role = (RespondentRole) k.get(0);
            Long classId = (Long) k.get(1);
            rows.add(new RateRow(role, classId == null ? null : classes.get(classId).name(), sum[0], sum[1], sum[2],
                    started.getOrDefault(role + "/" + classId, 0), true, 0, false));
            rowClass.add(classId);
        });
        List<Codes.PatternInvited> patterns = invitations.invitedPatterns(List.of(window.id()));
        if (!patterns.isEmpty()) {
            Set<Long> homes = new HashSet<>();
            Map<Long, Integer> inSet = new HashMap<>();
            for (Codes.PatternInvited p : patterns) {
                homes.add(p.homeClassId());
                p.classIds().forEach(c -> inSet.merge(c, p.codes(), Integer::sum));
            }
            Map<Long, Integer> answered = responses.partsByClass(window.id());
            // counted only once the window is settled: closed, and nothing of it waits any more
            boolean later = !window.isClosed() || responses.windowsHolding().contains(window.id());
            inSet.forEach((classId, pupils) -> {
                if (!homes.contains(classId) && classes.containsKey(classId)) {
                    int n = answered.getOrDefault(classId, 0);
                    // below k, not even 0: which sets have an answer would say whose timetable it is, when few have answered
                    rows.add(new RateRow(RespondentRole.PUPIL, classes.get(classId).name(), pupils, n < minimum || later ? 0 : n, 0, 0,
                            false, n < minimum && !later ? minimum : 0, later));
                    rowClass.add(classId);
                }
            });
        }
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            index.add(i);
        }
        index.sort(Comparator.comparing((Integer i) -> rows.get(i).role().ordinal())
                .thenComparing(i -> rows.get(i).counted() ? 0 : 1)
                .thenComparing(i -> rowClass.get(i) == null ? Integer.MAX_VALUE : position.getOrDefault(rowClass.get(i), Integer.MAX_VALUE)));
        return index.stream().map(rows::get).toList();
    }
}

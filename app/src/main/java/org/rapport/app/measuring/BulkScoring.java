package org.rapport.app.measuring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.rapport.app.calibration.Scale;
import org.rapport.app.calibration.Scoring;
import org.rapport.app.calibration.UnitMeasure;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerRow;

/**
 * Scores many responses on one calibration at once, as a calibration's rescoring does: the same packed scores as
 * {@link Scorer#score} gives each response, with the bank's items numbered once, each block's answers gathered by
 * number and each block's measure looked up by its answered items and raw score ({@link Scoring.Anchored}), without
 * grouping every answer by maps of ids.
 */
final class BulkScoring {
    private final Scales scales;
    /** Item numbers: the bank's items in its order, with their relationship. */
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Relationship[] relationshipOf;
    /** Per relationship and scale: its anchored scoring (null: not calibrated) and each item number's column on it. */
    private final Map<Relationship, Scoring.Anchored[]> anchored = new java.util.EnumMap<>(Relationship.class);
    private final Map<Relationship, int[][]> columns = new java.util.EnumMap<>(Relationship.class);

    BulkScoring(List<Item> items, Scales scales, java.util.function.Function<Scale, Scoring.Anchored> anchoredOf) {
        this.scales = scales;
        relationshipOf = new Relationship[items.size()];
        List<String> ids = new ArrayList<>();
        for (Item item : items) {
            numbers.put(item.id(), ids.size());
            relationshipOf[ids.size()] = item.relationship();
            ids.add(item.id());
        }
        for (Relationship r : Relationship.values()) {
            List<Scale> list = scales.of(r);
            Scoring.Anchored[] a = new Scoring.Anchored[list.size()];
            int[][] c = new int[list.size()][];
            for (int s = 0; s < a.length; s++) {
                a[s] = anchoredOf.apply(list.get(s));
                c[s] = a[s] == null ? null : a[s].columns(ids);
            }
            anchored.put(r, a);
            columns.put(r, c);
        }
    }

    /**
     * Each response's packed scores, by response; null when the answers do not come grouped by response (as
     * {@link org.rapport.app.response.Responses#answers} gives them), which the caller then scores one by one.
     */
    Map<UUID, byte[]> score(List<AnswerRow> answers) {
        Map<UUID, byte[]> out = new LinkedHashMap<>();
        Set<UUID> done = new HashSet<>();
        int from = 0;
        while (from < answers.size()) {
            UUID response = answers.get(from).response();
            int to = from + 1;
            while (to < answers.size() && answers.get(to).response().equals(response)) {
                to++;
            }
            if (!done.add(response)) {
                return null;
            }
            out.put(response, score(answers, from, to));
            from = to;
        }
        return out;
    }

    /** One response's scores: its answers from {@code from} to {@code to}. */
    private byte[] score(List<AnswerRow> answers, int from, int to) {
        int n = to - from;
        // blocks (a relationship and a teacher, or none) in the order they first appear, and each answer's block
        int[] blockOf = new int[n];
        Relationship[] blockRelationship = new Relationship[n];
        long[] blockTarget = new long[n];
        int blocks = 0;
        int[] itemOf = new int[n];
        for (int k = 0; k < n; k++) {
            AnswerRow a = answers.get(from + k);
            Integer number = numbers.get(a.item());
            if (number == null) {
                blockOf[k] = -1;
                continue;
            }
            itemOf[k] = number;
            Relationship r = relationshipOf[number];
            long target = a.target() == null ? 0 : a.target();
            int b = 0;
            while (b < blocks && !(blockRelationship[b] == r && blockTarget[b] == target)) {
                b++;
            }
            if (b == blocks) {
                blockRelationship[b] = r;
                blockTarget[b] = target;
                blocks++;
            }
            blockOf[k] = b;
        }
        // each block's answers together, in the order they came
        int[] start = new int[blocks + 1];
        for (int b : blockOf) {
            if (b >= 0) {
                start[b + 1]++;
            }
        }
        for (int b = 0; b < blocks; b++) {
            start[b + 1] += start[b];
        }
        int[] next = Arrays.copyOf(start, blocks);
        int[] items = new int[start[blocks]];
        int[] values = new int[start[blocks]];
        for (int k = 0; k < n; k++) {
            if (blockOf[k] >= 0) {
                int p = next[blockOf[k]]++;
                items[p] = itemOf[k];
                values[p] = answers.get(from + k).value();
            }
        }
        AnswerRow first = answers.get(from);
        List<BlockScores.Block> out = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            Relationship r = blockRelationship[b];
            Scoring.Anchored[] list = anchored.get(r);
            int[][] cols = columns.get(r);
            int count = scales.of(r).size();
            float[] points = new float[count];
            float[] errors = new float[count];
            byte[][] counts = new byte[count][BlockScores.VALUES];
            long[] answered = new long[count];
            short[] scores = new short[count];
            Arrays.fill(points, Float.NaN);
            Arrays.fill(errors, Float.NaN);
            for (int s = 0; s < count; s++) {
                UnitMeasure m = list[s] == null ? null
                        : list[s].score(first.response(), null, first.windowId(), first.classId(), cols[s], items, values, start[b], start[b + 1]);
                if (m != null) {
                    points[s] = (float) m.points();
                    errors[s] = (float) m.standardError();
                    for (int v = 0; v < BlockScores.VALUES; v++) {
                        counts[s][v] = (byte) m.answerCounts()[v];
                    }
                    answered[s] = m.items();
                    scores[s] = (short) m.score();
                }
            }
            out.add(new BlockScores.Block(r, blockTarget[b], points, errors, counts, answered, scores));
        }
        return BlockScores.encode(out);
    }
}

package org.rapport.app.measuring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.privacy.Population;
import org.rapport.app.school.SchoolStructure;

/**
 * What a wave's reports need, kept up to date batch by batch instead of recomputed from every answer:
 * per relationship, its cells (who answered about each teacher, in each class, at each school, by
 * batch) and per group and batch the sufficient statistics of its respondents' measures on each
 * scale. A new batch adds its responses; nothing already folded in is read again.
 */
final class WaveState {
    final long calibrationId;
    final List<Long> windowIds;
    final SchoolStructure structure;
    final Map<Long, Long> schoolOfWindow;
    long watermark;
    WaveResults results;
    /**
     * Guards the model's estimates made on demand ({@link LazyResults}) and their caches below. Never held while a
     * database lock is taken: a reader already inside a transaction that holds the wave's report lock (freezing a
     * round, publishing "you said") may estimate while another request holds this state's monitor and waits for that
     * report lock, so the two must not share a lock. Taken after the monitor (shrinkage estimates a parent), never before.
     */
    final Object estimates = new Object();
    private final Map<Relationship, Cells> byRelationship = new EnumMap<>(Relationship.class);
    private final Map<UUID, Integer> respondentIds = new HashMap<>();

    /** {@code modelled}: the scales whose groups the model of their answers measures (only theirs keep raw scores). */
    WaveState(long calibrationId, List<Long> windowIds, SchoolStructure structure, Map<Long, Long> schoolOfWindow, Scales scales,
              java.util.function.Predicate<org.rapport.app.calibration.Scale> modelled) {
        this.calibrationId = calibrationId;
        this.windowIds = List.copyOf(windowIds);
        this.structure = structure;
        this.schoolOfWindow = Map.copyOf(schoolOfWindow);
        for (Relationship r : Relationship.values()) {
            List<org.rapport.app.calibration.Scale> list = scales.of(r);
            boolean[] counted = new boolean[list.size()];
            for (int s = 0; s < counted.length; s++) {
                counted[s] = modelled.test(list.get(s));
            }
            byRelationship.put(r, new Cells(r, list.size(), structure, counted));
        }
    }

    /** What a value was computed from, and the value. */
    private record Kept<T>(List<Long> from, T value) {
    }

    private final Map<String, Kept<Double>> typicalSpreads = new HashMap<>();
    private final Map<String, Kept<org.rapport.measure.GroupMeasure>> measures = new HashMap<>();

    /** A scale's typical spread among some groups, computed again only when what it rests on ({@code from}) changed. */
    double typicalSpread(String key, List<Long> from, java.util.function.DoubleSupplier compute) {
        assert Thread.holdsLock(estimates);
        Kept<Double> kept = typicalSpreads.get(key);
        if (kept == null || !kept.from().equals(from)) {
            kept = new Kept<>(from, compute.getAsDouble());
            typicalSpreads.put(key, kept);
        }
        return kept.value();
    }

    /** A group's model measure on a scale, computed again only when what it rests on ({@code from}) changed. */
    org.rapport.measure.GroupMeasure measure(String key, List<Long> from, java.util.function.Supplier<org.rapport.measure.GroupMeasure> compute) {
        assert Thread.holdsLock(estimates);
        Kept<org.rapport.measure.GroupMeasure> kept = measures.get(key);
        if (kept == null || !kept.from().equals(from)) {
            kept = new Kept<>(from, compute.get());
            measures.put(key, kept);
        }
        return kept.value();
    }

    Cells cells(Relationship relationship) {
        return byRelationship.get(relationship);
    }

    /** Adds one scored response of {@code batch}. */
    void add(UUID response, long windowId, Long classId, long batch, List<BlockScores.Block> blocks) {
        int respondent = respondentIds.computeIfAbsent(response, r -> respondentIds.size());
        long school = schoolOfWindow.getOrDefault(windowId, 0L);
        Map<Relationship, List<BlockScores.Block>> byRel = new EnumMap<>(Relationship.class);
        for (BlockScores.Block b : blocks) {
            byRel.computeIfAbsent(b.relationship(), r -> new ArrayList<>()).add(b);
        }
        byRel.forEach((r, list) -> byRelationship.get(r).add(respondent, school, classId, batch, list));
    }

    /** Finishes a batch's additions (the cells' member lists become arrays). */
    void seal() {
        byRelationship.values().forEach(Cells::seal);
    }

    /** Sufficient statistics of one group on each scale of its relationship, per batch. */
    static final class GroupStats {
        final TreeMap<Long, Sums[]> byBatch = new TreeMap<>();
        /** The sums over every batch so far, kept as batches are added: the usual question costs nothing. */
        Sums[] all;

        Sums[] upTo(long watermark, int scales) {
            if (all != null && watermark >= byBatch.lastKey()) {
                return all;
            }
            Sums[] total = new Sums[scales];
            for (int s = 0; s < scales; s++) {
                total[s] = new Sums();
            }
            for (Sums[] part : byBatch.headMap(watermark, true).values()) {
                for (int s = 0; s < scales; s++) {
                    total[s].add(part[s]);
                }
            }
            return total;
        }
    }

    /**
     * n, Σ measure, Σ measure², Σ se², answers per value, respondents per band; and for the model of the group's answers,
     * its blocks counted by the items they answered and their raw score ({@code parts} of them; {@code unknown} blocks
     * measured without a known set of items, a scale of more than 64 items).
     */
    static final class Sums {
        int n;
        double sum;
        double squares;
        double errorSquares;
        final int[] answers = new int[BlockScores.VALUES];
        final int[] bands = new int[GroupResult.BANDS];
        int parts;
        int unknown;
        /** For the design effect of a respondent's several blocks (their WLEs), a cluster per respondent. */
        final org.rapport.measure.ClusterSums clusters = new org.rapport.measure.ClusterSums();
        /** Blocks by their answered items (a bit each) and raw score; null until the first. */
        Map<Long, int[]> scores;

        void add(double measure, double error, int[] counts) {
            n++;
            sum += measure;
            squares += measure * measure;
            errorSquares += error * error;
            for (int v = 0; v < answers.length; v++) {
                answers[v] += counts[v];
            }
            bands[GroupResult.band(measure)]++;
        }

        /** How much a respondent's several blocks, counted as members, overstate what the group's answers hold. */
        org.rapport.measure.DesignEffect designEffect() {
            return clusters.designEffect();
        }

        /** One block's answered items and raw score. */
        void addBlock(long items, int score) {
            if (items == 0) {
                unknown++;
                return;
            }
            addScores(items, score, 1);
        }

        private void addScores(long items, int score, int times) {
            if (scores == null) {
                scores = new HashMap<>();
            }
            int[] byScore = scores.get(items);
            if (byScore == null || byScore.length <= score) {
                int[] grown = new int[score + 1];
                if (byScore != null) {
                    System.arraycopy(byScore, 0, grown, 0, byScore.length);
                }
                byScore = grown;
                scores.put(items, byScore);
            }
            byScore[score] += times;
            parts += times;
        }

        void add(Sums other) {
            n += other.n;
            sum += other.sum;
            squares += other.squares;
            errorSquares += other.errorSquares;
            for (int v = 0; v < answers.length; v++) {
                answers[v] += other.answers[v];
            }
            for (int b = 0; b < bands.length; b++) {
                bands[b] += other.bands[b];
            }
            unknown += other.unknown;
            clusters.addAll(other.clusters);
            if (other.scores != null) {
                other.scores.forEach((items, byScore) -> {
                    for (int r = 0; r < byScore.length; r++) {
                        if (byScore[r] > 0) {
                            addScores(items, r, byScore[r]);
                        }
                    }
                });
            }
        }
    }

    /**
     * One relationship's members: cells and group statistics. A cell is a teacher (for relationships
     * about each teacher), a class (pupils and parents about their school), or a school (staff).
     */
    static final class Cells implements Population {
        private final Relationship relationship;
        private final int scaleCount;
        private final List<Long> cellKey = new ArrayList<>();
        private final List<Long> cellSchool = new ArrayList<>();
        private final Map<Long, Integer> cellIndex = new HashMap<>();
        private final List<long[]> batches = new ArrayList<>();
        private final List<List<int[]>> members = new ArrayList<>();
        private final Map<Integer, List<Integer>> pending = new LinkedHashMap<>();
        private long pendingBatch;
        private final Map<Long, List<Integer>> cellsOfSchool = new HashMap<>();
        /** For relationships about each teacher: the classes whose pupils answered about them. */
        private final Map<Long, Set<Long>> classesAbout = new HashMap<>();
        /** Statistics by group; {@link #groupsInOrder()} gives the canonical order. */
        final Map<GroupKey, GroupStats> groups = new HashMap<>();
        private final SchoolStructure structure;
        private Map<Long, long[]> teamTeachers;

        /** Per scale: whether blocks are counted by answered items and raw score (for the model). */
        private final boolean[] modelled;

        Cells(Relationship relationship, int scaleCount, SchoolStructure structure, boolean[] modelled) {
            this.relationship = relationship;
            this.scaleCount = scaleCount;
            this.structure = structure;
            this.modelled = modelled;
        }

        int scaleCount() {
            return scaleCount;
        }

        /** Its groups in canonical order (network, schools, classes, teachers, teams). */
        List<GroupKey> groupsInOrder() {
            List<GroupKey> ordered = new ArrayList<>(groups.keySet());
            java.util.Collections.sort(ordered);
            return ordered;
        }

        void add(int respondent, long school, Long classId, long batch, List<BlockScores.Block> blocks) {
            if (batch != pendingBatch) {
                seal();
            }
            pendingBatch = batch;
            // the network's, school's and class's measure of a respondent is the mean of their blocks: computed once
            Respondent all = Respondent.of(blocks, scaleCount);
            addTo(GroupKey.NETWORK, batch, all, blocks);
            addTo(GroupKey.school(school), batch, all, blocks);
            if (relationship.perTarget()) {
                Map<Long, List<BlockScores.Block>> byTeam = null;
                for (BlockScores.Block b : blocks) {
                    member(b.target(), school, respondent);
                    if (classId != null) {
                        classesAbout.computeIfAbsent(b.target(), t -> new HashSet<>()).add(classId);
                    }
                    addTo(GroupKey.teacher(b.target()), batch, Respondent.of(List.of(b), scaleCount), List.of(b));
                    Long team = structure.teamOf().get(b.target());
                    if (team != null) {
                        byTeam = byTeam == null ? new HashMap<>() : byTeam;
                        byTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(b);
                    }
                }
                if (byTeam != null) {
                    byTeam.forEach((team, list) -> addTo(GroupKey.team(team), batch, Respondent.of(list, scaleCount), list));
                }
            } else {
                boolean perClass = relationship.respondent().perClass() && classId != null;
                member(perClass ? classId : -school, school, respondent);
                if (perClass) {
                    addTo(GroupKey.ofClass(classId), batch, all, blocks);
                }
            }
        }

        /**
         * Adds a respondent to a group: their measure over these blocks to the averages, and each block's answered items
         * and raw score to the model's counts (a pupil's parts about several teachers each count there, as timetables'
         * parts do: docs/REPORTS.md).
         */
        private void addTo(GroupKey group, long batch, Respondent r, List<BlockScores.Block> blocks) {
            GroupStats stats = groups.computeIfAbsent(group, g -> new GroupStats());
            Sums[] sums = stats.byBatch.computeIfAbsent(batch, b -> newSums());
            if (stats.all == null) {
                stats.all = newSums();
            }
            for (int s = 0; s < scaleCount; s++) {
                if (r.measured[s]) {
                    sums[s].add(r.points[s], r.errors[s], r.counts[s]);
                    stats.all[s].add(r.points[s], r.errors[s], r.counts[s]);
                    if (modelled[s]) {
                        double[] points = new double[blocks.size()];
                        int m = 0;
                        for (BlockScores.Block b : blocks) {
                            if (b.measured(s)) {
                                sums[s].addBlock(b.items()[s], b.scores()[s]);
                                stats.all[s].addBlock(b.items()[s], b.scores()[s]);
                                points[m++] = b.points()[s];
                            }
                        }
                        sums[s].clusters.add(points, m);
                        stats.all[s].clusters.add(points, m);
                    }
                }
            }
        }

        private Sums[] newSums() {
            Sums[] sums = new Sums[scaleCount];
            for (int s = 0; s < scaleCount; s++) {
                sums[s] = new Sums();
            }
            return sums;
        }

        /** A respondent's measure on each scale over some of their blocks: the mean, with the error of a mean. */
        private record Respondent(boolean[] measured, double[] points, double[] errors, int[][] counts) {
            static Respondent of(List<BlockScores.Block> blocks, int scales) {
                boolean[] measured = new boolean[scales];
                double[] points = new double[scales];
                double[] errors = new double[scales];
                int[][] counts = new int[scales][];
                for (int s = 0; s < scales; s++) {
                    double sum = 0;
                    double squares = 0;
                    int m = 0;
                    int[] c = new int[BlockScores.VALUES];
                    for (BlockScores.Block b : blocks) {
                        if (b.measured(s)) {
                            sum += b.points()[s];
                            squares += (double) b.errors()[s] * b.errors()[s];
                            for (int v = 0; v < c.length; v++) {
                                c[v] += b.counts()[s][v];
                            }
                            m++;
                        }
                    }
                    if (m > 0) {
                        measured[s] = true;
                        points[s] = sum / m;
                        errors[s] = Math.sqrt(squares) / m;
                        counts[s] = c;
                    }
                }
                return new Respondent(measured, points, errors, counts);
            }
        }

        private void member(long key, long school, int respondent) {
            Integer cell = cellIndex.get(key);
            if (cell == null) {
                cell = cellKey.size();
                cellIndex.put(key, cell);
                cellKey.add(key);
                cellSchool.add(school);
                batches.add(new long[0]);
                members.add(new ArrayList<>());
                cellsOfSchool.computeIfAbsent(school, s -> new ArrayList<>()).add(cell);
            }
            pending.computeIfAbsent(cell, c -> new ArrayList<>()).add(respondent);
        }

        void seal() {
            pending.forEach((cell, list) -> {
                long[] b = batches.get(cell);
                long[] grown = Arrays.copyOf(b, b.length + 1);
                grown[b.length] = pendingBatch;
                batches.set(cell, grown);
                members.get(cell).add(list.stream().mapToInt(Integer::intValue).toArray());
            });
            pending.clear();
        }

        /**
         * The school a group's results belong to, among whose peers it is shrunk and shown in a spread. A
         * class's and a teacher's come from the responses (the school whose window their pupils answered
         * in), never from the roster at look time: a head who took a teacher's teaching out of the roster,
         * or moved it, between two looks would otherwise take that teacher out of the school's spread and
         * read their result as the difference. A team's school is the team's own (its make-up is the
         * leaders' audit's concern).
         */
        long schoolOf(GroupKey group) {
            return switch (group.kind()) {
                case NETWORK -> 0;
                case SCHOOL -> group.id();
                case CLASS -> relationship.perTarget() ? 0L : answeredIn(group.id());
                case TEACHER -> relationship.perTarget() ? answeredIn(group.id()) : 0L;
                case TEAM -> structure.teamSchool().getOrDefault(group.id(), 0L);
            };
        }

        private long answeredIn(long key) {
            Integer cell = cellIndex.get(key);
            return cell == null ? 0L : cellSchool.get(cell);
        }

        /** Each teacher answered about, with the classes whose pupils answered about them (relationships about each teacher). */
        Map<Long, Set<Long>> classesAbout() {
            return Collections.unmodifiableMap(classesAbout);
        }

        @Override
        public int cells() {
            return cellKey.size();
        }

        @Override
        public long[] batches(int cell) {
            return batches.get(cell);
        }

        @Override
        public int[] respondents(int cell, int index) {
            return members.get(cell).get(index);
        }

        @Override
        public int[] cellsOf(GroupKey group) {
            return switch (group.kind()) {
                case NETWORK -> java.util.stream.IntStream.range(0, cellKey.size()).toArray();
                case SCHOOL -> cellsOfSchool.getOrDefault(group.id(), List.of()).stream().mapToInt(Integer::intValue).toArray();
                case CLASS, TEACHER -> {
                    Integer cell = cellIndex.get(group.id());
                    yield cell == null ? new int[0] : new int[] {cell};
                }
                case TEAM -> cellsOf(group, definition(group));
            };
        }

        @Override
        public int[] cellsOf(GroupKey group, long[] definition) {
            return Arrays.stream(definition).mapToObj(cellIndex::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
        }

        @Override
        public long[] definition(GroupKey group) {
            if (group.kind() != GroupKey.Kind.TEAM) {
                return null;
            }
            if (teamTeachers == null) {
                // each team's teachers, sorted, indexed once (a scan of every teacher per team would grow with schools²)
                Map<Long, List<Long>> byTeam = new HashMap<>();
                structure.teamOf().forEach((teacher, team) -> byTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(teacher));
                teamTeachers = new HashMap<>();
                byTeam.forEach((team, teachers) -> teamTeachers.put(team, teachers.stream().mapToLong(Long::longValue).sorted().toArray()));
            }
            return teamTeachers.getOrDefault(group.id(), new long[0]).clone();
        }
    }
}

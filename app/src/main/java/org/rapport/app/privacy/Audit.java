package org.rapport.app.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The disclosure audit (Chin and Özsoyoglu 1982) over atoms, exact and sparse. Every statistic Rapport
 * shows of a group adds up over its members, so what an onlooker can derive from the groups shown is
 * the linear span of their membership vectors. Columns are atoms: a cell's members of the batches
 * between two consecutive watermarks of the versions that hold the cell (members in exactly the same
 * shown groups), smallest first. The span is kept as a reduced row echelon basis in exact rational
 * arithmetic; a group is inserted by reducing it against the basis and eliminating its pivot from the
 * rows that hold it, so only the rows it changes are checked. A row of the reduced basis whose
 * non-zero entries are all equal is a derivable total of the members it covers; it exposes them when
 * they are fewer than {@code k} respondents. An atom is derivable exactly when such a row covers it
 * alone, so single atoms are found exactly; unions of atoms are found where reduction isolates them.
 *
 * <p>Cost: groups of different schools share no atoms except through the network's totals, so rows
 * stay within a school except the network's; inserting a group costs the entries of the rows it meets,
 * about (schools × atoms) in all for a release of a whole network instead of groups² × atoms dense.
 */
final class Audit {
    private final Population population;
    private final int k;
    /** Per cell, its atoms in batch order: the watermark each ends at and its column. */
    private final Map<Integer, long[]> atomEnds = new HashMap<>();
    private final Map<Integer, int[]> atomColumns = new HashMap<>();
    /** Per column: its cell, its first batch index and the index after its last, its size. */
    private int[] columnCell;
    private int[] columnFrom;
    private int[] columnTo;
    private int[] columnSize;
    /** Columns from here on are atoms of fewer than k respondents. */
    private int firstSmallColumn;
    private final Map<Integer, Row> basis = new HashMap<>();
    /** For each column, the pivots of the basis rows with a non-zero entry there (pivot columns left out). */
    private final Map<Integer, Set<Integer>> holders = new HashMap<>();
    private final Headcount headcount = new Headcount();

    /** A group of cells as shown up to a batch. */
    record Version(int[] cells, long watermark) {
    }

    Audit(Population population, int k, List<Version> versions) {
        this.population = population;
        this.k = k;
        Map<Integer, List<Long>> watermarks = new HashMap<>();
        for (Version v : versions) {
            for (int cell : v.cells()) {
                watermarks.computeIfAbsent(cell, c -> new ArrayList<>()).add(v.watermark());
            }
        }
        record Atom(int cell, int from, int to, int size, int order) {
        }
        List<Atom> atoms = new ArrayList<>();
        Map<Integer, List<Atom>> byCell = new HashMap<>();
        Map<Integer, long[]> ends = new HashMap<>();
        watermarks.forEach((cell, ws) -> {
            long[] marks = ws.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
            long[] batches = population.batches(cell);
            List<Atom> cellAtoms = new ArrayList<>();
            List<Long> cellEnds = new ArrayList<>();
            int i = 0;
            for (long mark : marks) {
                int from = i;
                int size = 0;
                while (i < batches.length && batches[i] <= mark) {
                    size += population.respondents(cell, i).length;
                    i++;
                }
                if (i > from) {
                    cellAtoms.add(new Atom(cell, from, i, size, cellAtoms.size()));
                    cellEnds.add(mark);
                }
            }
            atoms.addAll(cellAtoms);
            byCell.put(cell, cellAtoms);
            ends.put(cell, cellEnds.stream().mapToLong(Long::longValue).toArray());
        });
        // atoms of k or more respondents first: the basis rows whose pivots are small atoms then span
        // exactly the derivable combinations of small atoms, the only ones that can expose anybody
        atoms.sort(Comparator.comparingInt((Atom a) -> a.size() < k ? 1 : 0).thenComparingInt(Atom::size)
                .thenComparingInt(Atom::cell).thenComparingInt(Atom::from));
        columnCell = new int[atoms.size()];
        columnFrom = new int[atoms.size()];
        columnTo = new int[atoms.size()];
        columnSize = new int[atoms.size()];
        Map<Atom, Integer> column = new HashMap<>();
        int small = atoms.size();
        for (int c = atoms.size() - 1; c >= 0 && atoms.get(c).size() < k; c--) {
            small = c;
        }
        firstSmallColumn = small;
        for (int c = 0; c < atoms.size(); c++) {
            Atom a = atoms.get(c);
            column.put(a, c);
            columnCell[c] = a.cell();
            columnFrom[c] = a.from();
            columnTo[c] = a.to();
            columnSize[c] = a.size();
        }
        byCell.forEach((cell, list) -> {
            atomEnds.put(cell, ends.get(cell));
            atomColumns.put(cell, list.stream().mapToInt(column::get).toArray());
        });
    }

    /** Adds a version already shown (its safety was decided when it was). */
    void add(Version version) {
        Row row = reduce(row(version));
        if (!row.isEmpty()) {
            insert(row, new ArrayList<>());
        }
    }

    /** Adds the version if showing it with everything added so far exposes no fewer than k respondents; else changes nothing. */
    boolean tryAdd(Version version) {
        return decide(version, true);
    }

    /** Whether {@link #tryAdd} would add the version; changes nothing either way. */
    boolean admits(Version version) {
        return decide(version, false);
    }

    private boolean decide(Version version, boolean keep) {
        Row row = null;
        List<Row> undo = new ArrayList<>();
        try {
            row = reduce(row(version));
            if (row.isEmpty()) {
                return true;
            }
            List<Row> changed = insert(row, undo);
            boolean exposes = new SmallSetSearch().exposes(changed);
            if (exposes || !keep) {
                rollback(row.pivot(), undo);
            }
            return !exposes;
        } catch (ArithmeticException | SearchTooLarge refused) {
            // exact arithmetic beyond 64 bits, or a search beyond its budget, has not been met in practice;
            // refusing is the safe answer
            if (row != null) {
                rollback(row.pivot(), undo);
            }
            return false;
        }
    }

    private Row row(Version version) {
        List<Integer> cols = new ArrayList<>();
        for (int cell : version.cells()) {
            long[] ends = atomEnds.get(cell);
            if (ends == null) {
                continue;
            }
            int[] columns = atomColumns.get(cell);
            for (int a = 0; a < ends.length && ends[a] <= version.watermark(); a++) {
                cols.add(columns[a]);
            }
        }
        int[] sorted = cols.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        long[] num = new long[sorted.length];
        long[] den = new long[sorted.length];
        Arrays.fill(num, 1);
        Arrays.fill(den, 1);
        return new Row(sorted, num, den);
    }

    /** The row minus its combination of basis rows at their pivots: zero at every pivot. */
    private Row reduce(Row row) {
        Map<Integer, long[]> acc = null;
        for (int i = 0; i < row.cols.length; i++) {
            Row b = basis.get(row.cols[i]);
            if (b == null) {
                continue;
            }
            if (acc == null) {
                acc = row.toMap();
            }
            Q.subtractScaled(acc, b, row.num[i], row.den[i]);
        }
        return acc == null ? row : Row.of(acc);
    }

    /** Inserts a reduced, non-empty row; returns the rows it created or changed, recording their old forms. */
    private List<Row> insert(Row reduced, List<Row> undo) {
        Row row = reduced.normalised();
        int pivot = row.pivot();
        List<Row> changed = new ArrayList<>();
        Set<Integer> holding = holders.remove(pivot);
        if (holding != null) {
            for (int q : holding) {
                Row old = basis.get(q);
                undo.add(old);
                unindex(old);
                int at = Arrays.binarySearch(old.cols, pivot);
                Map<Integer, long[]> acc = old.toMap();
                Q.subtractScaled(acc, row, old.num[at], old.den[at]);
                Row updated = Row.of(acc);
                basis.put(q, updated);
                index(updated);
                changed.add(updated);
            }
        }
        basis.put(pivot, row);
        index(row);
        changed.add(row);
        return changed;
    }

    private void rollback(int pivot, List<Row> undo) {
        Row added = basis.remove(pivot);
        if (added != null) {
            unindex(added);
        }
        for (Row old : undo) {
            Row now = basis.get(old.pivot());
            if (now != null) {
                unindex(now);
            }
            // indexing the old row also says again that it holds the pivot column
            basis.put(old.pivot(), old);
            index(old);
        }
    }

    private void index(Row row) {
        int pivot = row.pivot();
        for (int c : row.cols) {
            if (c != pivot) {
                holders.computeIfAbsent(c, x -> new HashSet<>()).add(pivot);
            }
        }
    }

    private void unindex(Row row) {
        int pivot = row.pivot();
        for (int c : row.cols) {
            Set<Integer> h = holders.get(c);
            if (h != null) {
                h.remove(pivot);
                if (h.isEmpty()) {
                    holders.remove(c);
                }
            }
        }
    }

    /**
     * Whether some set of fewer than k respondents became derivable. Such a set S is made of small atoms,
     * and its indicator is the sum of the basis rows whose pivots lie in S (a reduced basis with small
     * atoms last holds every combination of small atoms in the rows pivoted on them). A smallest S is
     * made of rows linked by shared columns, and it is new only if one of them changed; so the search
     * grows linked sets of small-pivot rows from each changed row, while their pivots hold fewer than k
     * respondents, and reports a sum whose entries are all one and cover fewer than k respondents. The
     * search is exact; beyond {@link #SEARCH_BUDGET} sets it refuses.
     */
    private final class SmallSetSearch {
        private final Set<List<Integer>> seen = new HashSet<>();

        boolean exposes(List<Row> changed) {
            for (Row r : changed) {
                if (r.pivot() >= firstSmallColumn && grow(new java.util.TreeSet<>(List.of(r.pivot())), r.toMap())) {
                    return true;
                }
            }
            return false;
        }

        private boolean grow(java.util.TreeSet<Integer> pivots, Map<Integer, long[]> sum) {
            if (!seen.add(new ArrayList<>(pivots))) {
                return false;
            }
            if (seen.size() > SEARCH_BUDGET) {
                throw new SearchTooLarge();
            }
            if (allOnes(sum) && fewerThanK(sum.keySet())) {
                return true;
            }
            Set<Integer> linked = new java.util.TreeSet<>();
            for (int p : pivots) {
                for (int c : basis.get(p).cols) {
                    for (int q : holders.getOrDefault(c, Set.of())) {
                        if (q >= firstSmallColumn && !pivots.contains(q)) {
                            linked.add(q);
                        }
                    }
                }
            }
            for (int q : linked) {
                pivots.add(q);
                if (fewerThanK(pivots)) {
                    Map<Integer, long[]> next = new HashMap<>(sum);
                    Q.subtractScaled(next, basis.get(q), -1, 1);
                    if (grow(pivots, next)) {
                        return true;
                    }
                }
                pivots.remove(q);
            }
            return false;
        }
    }

    /** How many linked sets one candidate may look at before it is refused. */
    static final int SEARCH_BUDGET = 20_000;

    private static final class SearchTooLarge extends RuntimeException {
        SearchTooLarge() {
            super(null, null, false, false);
        }
    }

    private static boolean allOnes(Map<Integer, long[]> entries) {
        for (long[] q : entries.values()) {
            if (q[0] != 1 || q[1] != 1) {
                return false;
            }
        }
        return !entries.isEmpty();
    }

    /** Whether the atoms of these columns hold fewer than k respondents (a respondent in several cells counts once). */
    private boolean fewerThanK(Set<Integer> columns) {
        long sum = 0;
        int largest = 0;
        int firstCell = -1;
        boolean oneCell = true;
        for (int c : columns) {
            sum += columnSize[c];
            largest = Math.max(largest, columnSize[c]);
            firstCell = firstCell < 0 ? columnCell[c] : firstCell;
            oneCell &= columnCell[c] == firstCell;
        }
        if (sum < k) {
            return true;
        }
        if (oneCell || largest >= k) {
            return false;
        }
        for (int c : columns) {
            for (int i = columnFrom[c]; i < columnTo[c]; i++) {
                headcount.add(population.respondents(columnCell[c], i));
            }
        }
        return headcount.take() < k;
    }

    /** A sparse row: ascending columns and exact rational entries num/den (den > 0, in lowest terms). */
    static final class Row {
        final int[] cols;
        final long[] num;
        final long[] den;

        Row(int[] cols, long[] num, long[] den) {
            this.cols = cols;
            this.num = num;
            this.den = den;
        }

        static Row of(Map<Integer, long[]> entries) {
            int[] cols = entries.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            long[] num = new long[cols.length];
            long[] den = new long[cols.length];
            for (int i = 0; i < cols.length; i++) {
                long[] q = entries.get(cols[i]);
                num[i] = q[0];
                den[i] = q[1];
            }
            return new Row(cols, num, den);
        }

        boolean isEmpty() {
            return cols.length == 0;
        }

        int pivot() {
            return cols[0];
        }

        Map<Integer, long[]> toMap() {
            Map<Integer, long[]> m = new HashMap<>(cols.length * 2);
            for (int i = 0; i < cols.length; i++) {
                m.put(cols[i], new long[] {num[i], den[i]});
            }
            return m;
        }

        /** Divided by its leading entry, so that the pivot is 1. */
        Row normalised() {
            long pn = num[0];
            long pd = den[0];
            long[] n = new long[cols.length];
            long[] d = new long[cols.length];
            for (int i = 0; i < cols.length; i++) {
                long[] q = Q.of(Math.multiplyExact(num[i], pd), Math.multiplyExact(den[i], pn));
                n[i] = q[0];
                d[i] = q[1];
            }
            return new Row(cols, n, d);
        }
    }

    /** Exact rationals in two longs; overflow throws rather than rounds. */
    static final class Q {
        private Q() {
        }

        static long[] of(long num, long den) {
            if (den < 0) {
                num = Math.negateExact(num);
                den = Math.negateExact(den);
            }
            long g = gcd(Math.abs(num), den);
            return g > 1 ? new long[] {num / g, den / g} : new long[] {num, den};
        }

        /** acc −= (fn/fd)·row, dropping entries that become zero. */
        static void subtractScaled(Map<Integer, long[]> acc, Row row, long fn, long fd) {
            for (int i = 0; i < row.cols.length; i++) {
                long tn = Math.multiplyExact(fn, row.num[i]);
                long td = Math.multiplyExact(fd, row.den[i]);
                long[] cur = acc.get(row.cols[i]);
                long[] next = cur == null ? of(Math.negateExact(tn), td)
                        : of(Math.subtractExact(Math.multiplyExact(cur[0], td), Math.multiplyExact(tn, cur[1])), Math.multiplyExact(cur[1], td));
                if (next[0] == 0) {
                    acc.remove(row.cols[i]);
                } else {
                    acc.put(row.cols[i], next);
                }
            }
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long t = a % b;
                a = b;
                b = t;
            }
            return a == 0 ? 1 : a;
        }
    }
}

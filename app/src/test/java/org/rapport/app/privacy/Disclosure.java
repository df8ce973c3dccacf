package org.rapport.app.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a set of released groups lets anyone work out the answers of fewer than {@code k}
 * respondents. Every statistic Rapport shows of a group (counts per answer, sums behind means and
 * spreads) adds up over its members, so what an onlooker can derive is the linear span of the
 * released groups' membership vectors. The members split into atoms (members in exactly the same
 * released groups); the release is unsafe when the span contains an atom, or any reduced
 * combination covering one set of members, that holds fewer than {@code k} respondents
 * (the audit of Chin and Özsoyoglu 1982, over atoms).
 *
 * The dense reference the sparse audit is checked against in tests. <p>A {@link Member} is a response or its block about one teacher; the respondent is the response,
 * so one pupil's blocks about several teachers count once.
 */
final class Disclosure {
    private static final double EPS = 1e-9;

    private Disclosure() {
    }

    public static int respondents(Set<Member> members) {
        Set<java.util.UUID> people = new HashSet<>();
        for (Member m : members) {
            people.add(m.response());
        }
        return people.size();
    }

    /** True when releasing all {@code groups} together exposes no set of fewer than {@code k} respondents. */
    public static boolean safe(List<Set<Member>> groups, int k) {
        for (Set<Member> g : groups) {
            if (!g.isEmpty() && respondents(g) < k) {
                return false;
            }
        }
        List<Set<Member>> atoms = atoms(groups);
        // small atoms first, so that reduction isolates them where the span allows it
        atoms.sort(Comparator.comparingInt(Disclosure::respondents));
        Map<Member, Integer> atomOf = new HashMap<>();
        for (int a = 0; a < atoms.size(); a++) {
            for (Member m : atoms.get(a)) {
                atomOf.put(m, a);
            }
        }
        double[][] rows = new double[groups.size()][atoms.size()];
        for (int g = 0; g < groups.size(); g++) {
            for (Member m : groups.get(g)) {
                rows[g][atomOf.get(m)] = 1;
            }
        }
        for (double[] row : reducedRowEchelon(rows)) {
            if (exposesSmallSet(row, atoms, k)) {
                return false;
            }
        }
        return true;
    }

    /** A reduced row whose non-zero entries are all equal is a derivable total of the members it covers. */
    private static boolean exposesSmallSet(double[] row, List<Set<Member>> atoms, int k) {
        double value = 0;
        Set<Member> covered = new HashSet<>();
        for (int a = 0; a < row.length; a++) {
            if (Math.abs(row[a]) > EPS) {
                if (value != 0 && Math.abs(row[a] - value) > EPS) {
                    return false;
                }
                value = row[a];
                covered.addAll(atoms.get(a));
            }
        }
        return !covered.isEmpty() && respondents(covered) < k;
    }

    /** Members grouped by the set of groups they belong to. */
    static List<Set<Member>> atoms(List<Set<Member>> groups) {
        Map<Member, BitSet> signature = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (Member m : groups.get(g)) {
                signature.computeIfAbsent(m, x -> new BitSet()).set(g);
            }
        }
        Map<BitSet, Set<Member>> bySignature = new HashMap<>();
        signature.forEach((m, s) -> bySignature.computeIfAbsent(s, x -> new HashSet<>()).add(m));
        return new ArrayList<>(bySignature.values());
    }

    /** Gauss–Jordan elimination with partial pivoting; returns the non-zero rows. */
    static List<double[]> reducedRowEchelon(double[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        int r = 0;
        for (int c = 0; c < cols && r < rows; c++) {
            int pivot = r;
            for (int i = r + 1; i < rows; i++) {
                if (Math.abs(m[i][c]) > Math.abs(m[pivot][c])) {
                    pivot = i;
                }
            }
            if (Math.abs(m[pivot][c]) < EPS) {
                continue;
            }
            double[] t = m[pivot];
            m[pivot] = m[r];
            m[r] = t;
            double p = m[r][c];
            for (int j = c; j < cols; j++) {
                m[r][j] /= p;
            }
            for (int i = 0; i < rows; i++) {
                if (i != r && Math.abs(m[i][c]) > EPS) {
                    double f = m[i][c];
                    for (int j = c; j < cols; j++) {
                        m[i][j] -= f * m[r][j];
                    }
                }
            }
            r++;
        }
        return new ArrayList<>(Arrays.asList(m).subList(0, r));
    }
}

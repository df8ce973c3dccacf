package org.rapport.measure;

import java.util.Arrays;

/**
 * Merging answer categories that carry no information before a conditional ML calibration (Linacre
 * 2002, category collapsing). CML needs every category of every item observed in some row that is
 * neither a zero nor a full score; a value nobody chose there is merged into the next used value below
 * it (or, at the bottom, above it). Merging can give more rows a zero or full score, so it is repeated
 * until nothing changes.
 */
public final class CategoryMerge {
    private CategoryMerge() {
    }

    /**
     * Per item, answer value (0..{@code maxValue}) → model category, for the answers in {@code m}.
     * Applying it with {@link #recode} gives a matrix every category of which is informative.
     */
    public static int[][] unusedCategories(ResponseMatrix m, int maxValue) {
        int[][] categories = new int[m.items()][maxValue + 1];
        for (int[] item : categories) {
            for (int x = 0; x < item.length; x++) {
                item[x] = x;
            }
        }
        // each round merges at least one category or stops: at most items × values rounds
        for (int round = 0; round <= m.items() * (maxValue + 1); round++) {
            int[][] next = mergeOnce(m, categories);
            if (Arrays.deepEquals(next, categories)) {
                break;
            }
            categories = next;
        }
        return categories;
    }

    private static int[][] mergeOnce(ResponseMatrix m, int[][] categories) {
        int[] top = new int[m.items()];
        for (int v = 0; v < m.persons(); v++) {
            for (int i = 0; i < m.items(); i++) {
                int x = m.get(v, i);
                if (x != ResponseMatrix.MISSING) {
                    top[i] = Math.max(top[i], categories[i][x]);
                }
            }
        }
        // a row with a zero or full score (under the present merging) carries nothing on any category
        boolean[] informative = new boolean[m.persons()];
        for (int v = 0; v < m.persons(); v++) {
            boolean allLowest = true;
            boolean allHighest = true;
            int answered = 0;
            for (int i = 0; i < m.items(); i++) {
                int x = m.get(v, i);
                if (x != ResponseMatrix.MISSING) {
                    allLowest &= categories[i][x] == 0;
                    allHighest &= categories[i][x] == top[i];
                    answered++;
                }
            }
            informative[v] = answered > 1 && !allLowest && !allHighest;
        }
        int values = categories.length == 0 ? 0 : categories[0].length;
        int[][] out = new int[m.items()][];
        for (int i = 0; i < m.items(); i++) {
            boolean[] used = new boolean[values];
            for (int v = 0; v < m.persons(); v++) {
                int x = m.get(v, i);
                if (x != ResponseMatrix.MISSING && informative[v]) {
                    used[x] = true;
                }
            }
            out[i] = new int[values];
            int category = -1;
            for (int x = 0; x < values; x++) {
                if (used[x]) {
                    category++;
                }
                out[i][x] = Math.max(category, 0);
            }
        }
        return out;
    }

    /** The matrix with each answer replaced by its category. */
    public static ResponseMatrix recode(ResponseMatrix m, int[][] categories) {
        int[][] rows = new int[m.persons()][m.items()];
        for (int v = 0; v < m.persons(); v++) {
            for (int i = 0; i < m.items(); i++) {
                int x = m.get(v, i);
                rows[v][i] = x == ResponseMatrix.MISSING ? ResponseMatrix.MISSING : categories[i][x];
            }
        }
        return ResponseMatrix.of(m.itemNames(), rows);
    }
}

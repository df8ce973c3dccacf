package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** After merging, every category of every item is chosen by someone who carries information on it. */
class CategoryMergeTest {
    static final int MAX_VALUE = 4;

    @Example
    void mergingThatGivesARowAZeroScoreMergesAgain() {
        // item 2 has no 0: its 0 and 1 merge, which gives the first row a zero score; then item 1's 0 is
        // chosen by no informative row and merges too
        ResponseMatrix m = ResponseMatrix.of(List.of("i1", "i2"), new int[][] {{0, 1}, {1, 2}, {2, 1}, {1, 1}, {2, 2}});
        int[][] c = CategoryMerge.unusedCategories(m, MAX_VALUE);
        assertThat(c[0]).startsWith(0, 0, 1);
        assertThat(c[1]).startsWith(0, 0, 1);
        assertEveryCategoryInformative(m, c);
        // recoded, the matrix has the merged categories
        ResponseMatrix recoded = CategoryMerge.recode(m, c);
        assertThat(recoded.get(0, 0)).isZero();
        assertThat(recoded.get(1, 1)).isEqualTo(1);
    }

    @Example
    void categoriesEveryoneUsesInformativelyAreKept() {
        ResponseMatrix m = ResponseMatrix.of(List.of("i1", "i2"), new int[][] {{0, 1}, {1, 0}, {1, 2}, {2, 1}, {0, 2}, {2, 0}});
        int[][] c = CategoryMerge.unusedCategories(m, 2);
        assertThat(c[0]).containsExactly(0, 1, 2);
        assertThat(c[1]).containsExactly(0, 1, 2);
    }

    @Property(tries = 300)
    void everyCategoryLeftIsChosenByAnInformativeRow(@ForAll("matrices") int[][] rows) {
        ResponseMatrix m = ResponseMatrix.of(List.of("a", "b", "c"), rows);
        assertEveryCategoryInformative(m, CategoryMerge.unusedCategories(m, MAX_VALUE));
    }

    @Provide
    Arbitrary<int[][]> matrices() {
        Arbitrary<Integer> cell = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just((int) ResponseMatrix.MISSING)),
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, MAX_VALUE)));
        return cell.array(int[].class).ofSize(3).array(int[][].class).ofMinSize(1).ofMaxSize(12);
    }

    static void assertEveryCategoryInformative(ResponseMatrix m, int[][] categories) {
        int[] top = new int[m.items()];
        for (int v = 0; v < m.persons(); v++) {
            for (int i = 0; i < m.items(); i++) {
                if (m.get(v, i) != ResponseMatrix.MISSING) {
                    top[i] = Math.max(top[i], categories[i][m.get(v, i)]);
                }
            }
        }
        boolean[][] seen = new boolean[m.items()][MAX_VALUE + 1];
        for (int v = 0; v < m.persons(); v++) {
            boolean zero = true;
            boolean full = true;
            int answered = 0;
            for (int i = 0; i < m.items(); i++) {
                int x = m.get(v, i);
                if (x != ResponseMatrix.MISSING) {
                    zero &= categories[i][x] == 0;
                    full &= categories[i][x] == top[i];
                    answered++;
                }
            }
            for (int i = 0; answered > 1 && !zero && !full && i < m.items(); i++) {
                if (m.get(v, i) != ResponseMatrix.MISSING) {
                    seen[i][categories[i][m.get(v, i)]] = true;
                }
            }
        }
        for (int i = 0; i < m.items(); i++) {
            for (int k = 1; k <= top[i]; k++) {
                assertThat(seen[i][k]).as("item %d category %d of %d", i, k, top[i]).isTrue();
            }
            if (top[i] > 0) {
                assertThat(seen[i][0]).as("item %d category 0", i).isTrue();
            }
        }
    }
}

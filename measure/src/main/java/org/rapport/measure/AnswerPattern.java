package org.rapport.measure;

import java.util.Arrays;

/** Which items a person answered; persons are grouped by it for conditional estimation. */
public final class AnswerPattern {
    private final long[] bits;
    private final int[] items;
    private final int maxScore;
    private final int hash;

    private AnswerPattern(long[] bits, int[] items, int maxScore) {
        this.bits = bits;
        this.items = items;
        this.maxScore = maxScore;
        this.hash = Arrays.hashCode(bits);
    }

    static AnswerPattern complete(int itemCount, int[] maxCategory) {
        int[] row = new int[itemCount];
        return of(row, maxCategory);
    }

    /** The pattern of the non-negative entries of {@code row}. */
    public static AnswerPattern of(int[] row, int[] maxCategory) {
        long[] bits = new long[(row.length + 63) >>> 6];
        int count = 0;
        int maxScore = 0;
        for (int i = 0; i < row.length; i++) {
            if (row[i] >= 0) {
                bits[i >>> 6] |= 1L << (i & 63);
                count++;
                maxScore += maxCategory[i];
            }
        }
        int[] items = new int[count];
        for (int i = 0, k = 0; i < row.length; i++) {
            if (row[i] >= 0) {
                items[k++] = i;
            }
        }
        return new AnswerPattern(bits, items, maxScore);
    }

    /** The pattern of the items whose bits are set in {@code items} (item i is bit i), of {@code maxCategory.length} items. */
    public static AnswerPattern ofMask(long items, int[] maxCategory) {
        if (maxCategory.length > Long.SIZE) {
            throw new IllegalArgumentException("a bit mask holds at most 64 items, not " + maxCategory.length);
        }
        int[] row = new int[maxCategory.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = (items & (1L << i)) != 0 ? 0 : -1;
        }
        return of(row, maxCategory);
    }

    /** The answered items, ascending. */
    public int[] items() {
        return items.clone();
    }

    int[] itemsUnsafe() {
        return items;
    }

    public int size() {
        return items.length;
    }

    /** Highest possible raw score on the answered items. */
    public int maxScore() {
        return maxScore;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnswerPattern other && hash == other.hash && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}

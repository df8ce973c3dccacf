package org.rapport.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything conditional estimation and item fit need, after one pass over the data: for each
 * pattern of answered items and each raw score on it, the number of persons and their counts per
 * item and category. Estimation cost then grows with items and categories, not with persons, and
 * statistics of two partitions of the data {@link #merge merge} into the statistics of the whole.
 */
public final class SufficientStatistics {
    private final List<String> itemNames;
    private final int[] maxCategory;
    private final int[] categoryOffset;
    private final int categoryCells;
    private final Map<AnswerPattern, PatternCounts> byPattern = new HashMap<>();
    private final List<PatternCounts> patterns = new ArrayList<>();
    private long persons;

    private SufficientStatistics(List<String> itemNames, int[] maxCategory) {
        if (itemNames.size() != maxCategory.length) {
            throw new IllegalArgumentException(itemNames.size() + " item names but " + maxCategory.length + " maximum categories");
        }
        this.itemNames = List.copyOf(itemNames);
        this.maxCategory = maxCategory.clone();
        this.categoryOffset = new int[maxCategory.length + 1];
        for (int i = 0; i < maxCategory.length; i++) {
            categoryOffset[i + 1] = categoryOffset[i] + maxCategory[i] + 1;
        }
        this.categoryCells = categoryOffset[maxCategory.length];
    }

    public static SufficientStatistics of(ResponseMatrix data, int[] maxCategory) {
        return of(data, maxCategory, null);
    }

    /**
     * One pass over {@code data}. Where {@code index} is given, it records each person's pattern
     * and score so that person measures can be looked up afterwards.
     */
    public static SufficientStatistics of(ResponseMatrix data, int[] maxCategory, PersonIndex index) {
        SufficientStatistics stats = new SufficientStatistics(data.itemNames(), maxCategory);
        stats.add(data, index);
        return stats;
    }

    private void add(ResponseMatrix data, PersonIndex index) {
        int items = data.items();
        byte[] cells = data.data();
        int[] row = new int[items];
        PatternCounts complete = null;
        for (int v = 0, p = 0; v < data.persons(); v++, p += items) {
            boolean anyMissing = false;
            int score = 0;
            for (int i = 0; i < items; i++) {
                int x = cells[p + i];
                if (x < 0) {
                    anyMissing = true;
                } else if (x > maxCategory[i]) {
                    throw new IllegalArgumentException("person " + (v + 1) + ", item " + itemNames.get(i)
                            + ": category " + x + " is above the item's maximum " + maxCategory[i]);
                } else {
                    score += x;
                }
                row[i] = x;
            }
            PatternCounts counts;
            if (!anyMissing) {
                if (complete == null) {
                    complete = countsFor(AnswerPattern.complete(items, maxCategory));
                }
                counts = complete;
            } else {
                counts = countsFor(AnswerPattern.of(row, maxCategory));
            }
            counts.add(score, row, categoryOffset, categoryCells);
            if (index != null) {
                index.set(v, counts.index, score);
            }
        }
        persons += data.persons();
    }

    private PatternCounts countsFor(AnswerPattern pattern) {
        PatternCounts counts = byPattern.get(pattern);
        if (counts == null) {
            counts = new PatternCounts(pattern, patterns.size());
            byPattern.put(pattern, counts);
            patterns.add(counts);
        }
        return counts;
    }

    /** The statistics of both partitions together; neither argument changes. */
    public static SufficientStatistics merge(SufficientStatistics a, SufficientStatistics b) {
        if (!a.itemNames.equals(b.itemNames) || !Arrays.equals(a.maxCategory, b.maxCategory)) {
            throw new IllegalArgumentException("statistics of different items or categories cannot be merged");
        }
        SufficientStatistics merged = new SufficientStatistics(a.itemNames, a.maxCategory);
        for (SufficientStatistics part : List.of(a, b)) {
            for (PatternCounts counts : part.patterns) {
                merged.countsFor(counts.pattern).addAll(counts);
            }
            merged.persons += part.persons;
        }
        return merged;
    }

    public List<String> itemNames() {
        return itemNames;
    }

    public int items() {
        return maxCategory.length;
    }

    public int maxCategory(int item) {
        return maxCategory[item];
    }

    public int[] maxCategories() {
        return maxCategory.clone();
    }

    public long persons() {
        return persons;
    }

    public List<PatternCounts> patterns() {
        return Collections.unmodifiableList(patterns);
    }

    /** Offset of item {@code i}'s category 0 in a per-score category count array. */
    public int categoryOffset(int item) {
        return categoryOffset[item];
    }

    /** Total count of answers in category {@code h} of item {@code i}, over all persons. */
    public long categoryCount(int item, int h) {
        long n = 0;
        for (PatternCounts counts : patterns) {
            n += counts.categoryTotals == null ? 0 : counts.categoryTotals[categoryOffset[item] + h];
        }
        return n;
    }

    /** Same as {@link #categoryCount} but only persons whose score is neither 0 nor full on their items. */
    public long categoryCountNonExtreme(int item, int h) {
        long n = 0;
        for (PatternCounts counts : patterns) {
            for (int r = 1; r < counts.pattern.maxScore(); r++) {
                long[] byCategory = counts.categoryCounts(r);
                if (byCategory != null) {
                    n += byCategory[categoryOffset[item] + h];
                }
            }
        }
        return n;
    }

    /** Counts for one pattern of answered items. */
    public static final class PatternCounts {
        private final AnswerPattern pattern;
        private final int index;
        private final long[] scoreCounts;
        private final long[][] categoryCountsByScore;
        private long[] categoryTotals;

        PatternCounts(AnswerPattern pattern, int index) {
            this.pattern = pattern;
            this.index = index;
            this.scoreCounts = new long[pattern.maxScore() + 1];
            this.categoryCountsByScore = new long[pattern.maxScore() + 1][];
        }

        void add(int score, int[] row, int[] offset, int cells) {
            scoreCounts[score]++;
            long[] byCategory = categoryCountsByScore[score];
            if (byCategory == null) {
                byCategory = categoryCountsByScore[score] = new long[cells];
            }
            if (categoryTotals == null) {
                categoryTotals = new long[cells];
            }
            for (int i = 0; i < row.length; i++) {
                if (row[i] >= 0) {
                    byCategory[offset[i] + row[i]]++;
                    categoryTotals[offset[i] + row[i]]++;
                }
            }
        }

        void addAll(PatternCounts other) {
            for (int r = 0; r < scoreCounts.length; r++) {
                scoreCounts[r] += other.scoreCounts[r];
                long[] theirs = other.categoryCountsByScore[r];
                if (theirs != null) {
                    if (categoryCountsByScore[r] == null) {
                        categoryCountsByScore[r] = new long[theirs.length];
                    }
                    addInto(categoryCountsByScore[r], theirs);
                }
            }
            if (other.categoryTotals != null) {
                if (categoryTotals == null) {
                    categoryTotals = new long[other.categoryTotals.length];
                }
                addInto(categoryTotals, other.categoryTotals);
            }
        }

        private static void addInto(long[] target, long[] source) {
            for (int k = 0; k < target.length; k++) {
                target[k] += source[k];
            }
        }

        public AnswerPattern pattern() {
            return pattern;
        }

        /** Position of this pattern in {@link SufficientStatistics#patterns()}. */
        public int index() {
            return index;
        }

        public long count(int score) {
            return scoreCounts[score];
        }

        /** Per item and category counts of persons with this score, or null if there are none. */
        public long[] categoryCounts(int score) {
            return categoryCountsByScore[score];
        }
    }
}

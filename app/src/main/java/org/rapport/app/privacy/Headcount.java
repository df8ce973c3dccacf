package org.rapport.app.privacy;

import java.util.BitSet;

/** Counts distinct respondents (a pupil's blocks about several teachers once), reusing one bit set. */
final class Headcount {
    private final BitSet seen = new BitSet();
    private int count;

    void add(int[] respondents) {
        for (int r : respondents) {
            if (!seen.get(r)) {
                seen.set(r);
                count++;
            }
        }
    }

    /** The count so far; starts again from nobody. */
    int take() {
        int out = count;
        count = 0;
        seen.clear();
        return out;
    }

    /** Distinct respondents of the cells' members of batches up to {@code watermark}. */
    int of(Population population, int[] cells, long watermark) {
        for (int cell : cells) {
            long[] batches = population.batches(cell);
            for (int i = 0; i < batches.length && batches[i] <= watermark; i++) {
                add(population.respondents(cell, i));
            }
        }
        return take();
    }
}

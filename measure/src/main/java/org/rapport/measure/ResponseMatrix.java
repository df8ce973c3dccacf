package org.rapport.measure;

import java.util.List;

/**
 * Answers of persons (rows) to items (columns), categories 0..127, {@link #MISSING} where an item
 * was not answered. Stored row-major in one byte array so that a million persons fit in memory.
 */
public final class ResponseMatrix {
    public static final byte MISSING = -1;

    private final List<String> itemNames;
    private final int persons;
    private final int items;
    private final byte[] data;

    public ResponseMatrix(List<String> itemNames, int persons, byte[] data) {
        this.itemNames = List.copyOf(itemNames);
        this.items = itemNames.size();
        this.persons = persons;
        if (data.length != (long) persons * items) {
            throw new IllegalArgumentException("data holds " + data.length + " cells, expected " + persons + " x " + items);
        }
        this.data = data;
    }

    /** Builds a matrix from rows of ints; a negative value means missing. */
    public static ResponseMatrix of(List<String> itemNames, int[][] rows) {
        int items = itemNames.size();
        byte[] data = new byte[rows.length * items];
        for (int v = 0; v < rows.length; v++) {
            if (rows[v].length != items) {
                throw new IllegalArgumentException("row " + (v + 1) + " has " + rows[v].length + " answers, expected " + items);
            }
            for (int i = 0; i < items; i++) {
                int x = rows[v][i];
                if (x > Byte.MAX_VALUE) {
                    throw new IllegalArgumentException("row " + (v + 1) + ", item " + itemNames.get(i) + ": category " + x + " is above 127");
                }
                data[v * items + i] = x < 0 ? MISSING : (byte) x;
            }
        }
        return new ResponseMatrix(itemNames, rows.length, data);
    }

    public int persons() {
        return persons;
    }

    public int items() {
        return items;
    }

    public List<String> itemNames() {
        return itemNames;
    }

    /** The answer of person {@code v} to item {@code i}, or {@link #MISSING}. */
    public int get(int v, int i) {
        return data[v * items + i];
    }

    /** The raw row-major data; do not modify. */
    byte[] data() {
        return data;
    }

    /** The same persons with only the items somebody answered (a bank may hold more items than were asked). */
    public ResponseMatrix answeredItems() {
        boolean[] answered = new boolean[items];
        for (int p = 0; p < data.length; p++) {
            if (data[p] != MISSING) {
                answered[p % items] = true;
            }
        }
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < items; i++) {
            if (answered[i]) {
                names.add(itemNames.get(i));
            }
        }
        if (names.size() == items) {
            return this;
        }
        byte[] kept = new byte[persons * names.size()];
        for (int v = 0, q = 0; v < persons; v++) {
            for (int i = 0; i < items; i++) {
                if (answered[i]) {
                    kept[q++] = data[v * items + i];
                }
            }
        }
        return new ResponseMatrix(names, persons, kept);
    }

    /** Highest category anyone used, per item (0 where nobody answered). */
    public int[] observedMaxCategories() {
        int[] max = new int[items];
        for (int v = 0, p = 0; v < persons; v++) {
            for (int i = 0; i < items; i++, p++) {
                if (data[p] > max[i]) {
                    max[i] = data[p];
                }
            }
        }
        return max;
    }

}

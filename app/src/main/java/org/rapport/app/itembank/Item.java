package org.rapport.app.itembank;

/** One question of the bank; its text is the message {@code item.<id>}, its options {@code scale.<scale>.<value>}. */
public record Item(String id, Relationship relationship, String facet, String scale) {
    public static final int MAX_VALUE = 4;

    public String textKey() {
        return "item." + id;
    }

    public String optionKey(int value) {
        return "scale." + scale + "." + value;
    }
}

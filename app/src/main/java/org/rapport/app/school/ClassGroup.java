package org.rapport.app.school;

import java.util.LinkedHashMap;
import java.util.Map;

/** A class: its pupils counted, never named; {@code familyLanguages} as "pl:3 ar:2" when the school knows them (else null). */
public record ClassGroup(long id, long schoolId, String ref, String name, String yearGroup, int pupils, String familyLanguages) {

    /**
     * Names as a school counts them: runs of digits by their value, so that "7A" comes before "10A" and "Year 9"
     * before "Year 10"; otherwise case-insensitive, then as written. Nulls last.
     */
    public static final java.util.Comparator<String> NATURAL = ClassGroup::compareNaturally;

    /** Year group, then the class's name, each in {@link #NATURAL} order. */
    public static final java.util.Comparator<ClassGroup> IN_ORDER = java.util.Comparator
            .comparing(ClassGroup::yearGroup, NATURAL).thenComparing(ClassGroup::name, NATURAL).thenComparingLong(ClassGroup::id);

    static int compareNaturally(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i), y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                int c = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    public ClassGroup(long id, long schoolId, String ref, String name, String yearGroup, int pupils) {
        this(id, schoolId, ref, name, yearGroup, pupils, null);
    }

    /** How many families read each language best, in the roster's order (empty when none is known). */
    public Map<String, Integer> familyLanguageCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (familyLanguages != null) {
            for (String part : familyLanguages.trim().split("\\s+")) {
                String[] kv = part.split(":");
                out.merge(kv[0], Integer.parseInt(kv[1]), Integer::sum);
            }
        }
        return out;
    }
}

package org.rapport.app.school;

import java.util.LinkedHashMap;
import java.util.Map;

/** A class: its pupils counted, never named; {@code familyLanguages} as "pl:3 ar:2" when the school knows them (else null). */
public record ClassGroup(long id, long schoolId, String ref, String name, String yearGroup, int pupils, String familyLanguages) {

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

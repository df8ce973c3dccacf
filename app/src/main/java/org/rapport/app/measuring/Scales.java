package org.rapport.app.measuring;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.springframework.stereotype.Component;

/** Each relationship's scales in a fixed order (the relationship, then its facets): the layout of stored scores. */
@Component
class Scales {
    private final Map<Relationship, List<Scale>> byRelationship = new EnumMap<>(Relationship.class);

    Scales(ItemBank bank) {
        for (Relationship r : Relationship.values()) {
            byRelationship.put(r, Scale.all(bank).stream().filter(s -> s.relationship() == r).toList());
        }
    }

    List<Scale> of(Relationship relationship) {
        return byRelationship.get(relationship);
    }
}

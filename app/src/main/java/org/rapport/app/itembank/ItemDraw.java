package org.rapport.app.itembank;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which items a respondent is asked (planned missingness). Each facet's items are shuffled once per
 * respondent; block t takes the next {@code itemsPerFacet} of them, wrapping round, so a pupil's
 * blocks about different teachers ask different items of a facet while there are enough. The
 * calibration relies on that rotation (see the measures package).
 */
public final class ItemDraw {
    private ItemDraw() {
    }

    /** Item ids for {@code blocks} blocks of a relationship (1 for relationships without targets). */
    public static List<List<String>> blocks(ItemBank bank, Relationship relationship, int blocks, Random random) {
        List<List<String>> out = new ArrayList<>();
        for (int t = 0; t < blocks; t++) {
            out.add(new ArrayList<>());
        }
        for (List<Item> facetItems : bank.facets(relationship).values()) {
            List<Item> shuffled = new ArrayList<>(facetItems);
            Collections.shuffle(shuffled, random);
            int per = Math.min(relationship.itemsPerFacet(), shuffled.size());
            for (int t = 0; t < blocks; t++) {
                for (int k = 0; k < per; k++) {
                    out.get(t).add(shuffled.get((t * per + k) % shuffled.size()).id());
                }
            }
        }
        return out;
    }
}

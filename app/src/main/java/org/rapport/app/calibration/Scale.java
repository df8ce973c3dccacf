package org.rapport.app.calibration;

import java.util.ArrayList;
import java.util.List;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;

/** A Rasch scale: a whole relationship (all its items; the arrow of the trust map) or one of its facets. */
public record Scale(Relationship relationship, String facet) {

    public static Scale of(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? new Scale(Relationship.valueOf(key), null)
                : new Scale(Relationship.valueOf(key.substring(0, slash)), key.substring(slash + 1));
    }

    /** Every scale of the bank: each relationship, then its facets. */
    public static List<Scale> all(ItemBank bank) {
        List<Scale> scales = new ArrayList<>();
        for (Relationship r : Relationship.values()) {
            scales.add(new Scale(r, null));
            for (String facet : bank.facets(r).keySet()) {
                scales.add(new Scale(r, facet));
            }
        }
        return scales;
    }

    public String key() {
        return facet == null ? relationship.name() : relationship.name() + "/" + facet;
    }

    /** Its name as people read it: "Pupils about the school", or with its part, "Pupils about the school · Belonging". */
    public String label(org.springframework.context.MessageSource messages, java.util.Locale locale) {
        String name = "relationship." + relationship.name();
        String whole = messages.getMessage(name, null, name, locale);
        return facet == null ? whole : whole + " · " + messages.getMessage(ItemBank.facetKey(facet), null, ItemBank.facetKey(facet), locale);
    }

    public boolean isRelationship() {
        return facet == null;
    }

    public List<Item> items(ItemBank bank) {
        if (facet == null) {
            return bank.facets(relationship).values().stream().flatMap(List::stream).toList();
        }
        return bank.facets(relationship).getOrDefault(facet, List.of());
    }

    /**
     * The most sets of a scale's items its blocks may be able to answer for groups on it to be measured by the model of
     * their answers (docs/REPORTS.md): its curves cost 3–40 ms and up to a megabyte for each set.
     */
    public static final int MOST_ANSWER_SETS = 16;

    /**
     * How many sets of the scale's items a block can answer: from each of its facets the survey draws the relationship's
     * items per facet, any of which may be left unanswered (at least one answered in all).
     */
    public long answerSets(ItemBank bank) {
        long sets = 1;
        for (java.util.Map.Entry<String, List<Item>> f : bank.facets(relationship).entrySet()) {
            if (facet != null && !f.getKey().equals(facet)) {
                continue;
            }
            int n = f.getValue().size();
            int drawn = Math.min(relationship.itemsPerFacet(), n);
            long subsets = 0;
            long choose = 1;
            for (int k = 0; k <= drawn; k++) {
                subsets += choose;
                choose = choose * (n - k) / (k + 1);
            }
            sets *= subsets;
        }
        return sets - 1;
    }

    /** Whether groups on this scale are measured by the model of their answers (parts), not by averaged measures. */
    public boolean measuredByModel(ItemBank bank) {
        return answerSets(bank) <= MOST_ANSWER_SETS;
    }

    public boolean contains(Item item) {
        return item.relationship() == relationship && (facet == null || facet.equals(item.facet()));
    }
}

package org.rapport.app.report;

import java.util.List;

/**
 * First reports: per relationship and facet, how often each answer was given, with n and response
 * rate. A cell with fewer respondents than the privacy threshold carries no counts at all.
 */
public record Report(String title, long windowId, String windowName, String schoolName, int minCellSize,
                     List<RelationshipSection> relationships) {

    public record RelationshipSection(String relationship, String label, int respondents, int invited,
                                      Double responseRate, boolean suppressed, List<FacetCell> facets) {
    }

    /** {@code counts} and {@code shares} are null when suppressed. Index = answer value 0..4. */
    public record FacetCell(String facet, String label, int respondents, boolean suppressed, Integer answers,
                            int[] counts, double[] shares, List<String> optionLabels) {
    }
}

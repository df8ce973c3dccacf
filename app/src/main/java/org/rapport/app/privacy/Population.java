package org.rapport.app.privacy;

/**
 * Who is in the groups of one scope, as the privacy engine needs to know it, without member lists.
 * Members fall into cells (a teacher's blocks, a class's responses, a school's staff responses): each
 * member is in exactly one cell, and every group is a union of whole cells. Members arrive in numbered
 * batches, so a group as shown up to batch {@code w} is its cells' members of batches up to {@code w}.
 * Each member belongs to one respondent, named by a small number (a pupil's blocks about several
 * teachers are one respondent).
 */
public interface Population {
    /** How many cells; cells are numbered from 0. */
    int cells();

    /** The batches in which the cell got members, ascending. */
    long[] batches(int cell);

    /** The respondents of the cell's members of its {@code index}-th batch: each once, a cell holding one member per respondent. */
    int[] respondents(int cell, int index);

    /** The cells of a group as it is made up now (empty when it has none). */
    int[] cellsOf(GroupKey group);

    /** The cells of a group made up as stored in {@code definition} (see {@link #definition}). */
    int[] cellsOf(GroupKey group, long[] definition);

    /** What the ledger must keep to know a group's make-up again (a team's teachers), or null when its key says it. */
    long[] definition(GroupKey group);
}

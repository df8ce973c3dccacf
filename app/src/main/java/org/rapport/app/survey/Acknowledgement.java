package org.rapport.app.survey;

/**
 * What a submission is acknowledged with, only after its transaction committed. For a pupil
 * ({@code pupil}), the page ends with whom they can talk to about a worry: {@code support}, the
 * school's own words, or general advice when the school has set none.
 */
public record Acknowledgement(String receipt, int answered, String message, boolean pupil, String support) {
}

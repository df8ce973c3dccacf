package org.rapport.app.survey;

/**
 * What a submission is acknowledged with, only after its transaction committed. For a pupil
 * ({@code pupil}), the page ends with whom they can talk to about a worry: {@code support}, the
 * school's own words, or general advice when the school has set none. {@code supportLanguage} and
 * {@code supportDirection} are the language and direction of the school's text when it wrote one for
 * the survey's language, null for its one text for every language (whose language is unknown). Kept
 * as the receipt, so that the same submission sent again shows the same text.
 */
public record Acknowledgement(String receipt, int answered, String message, boolean pupil, String support, String supportLanguage,
                              String supportDirection) {
}

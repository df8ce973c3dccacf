package org.rapport.app.survey;

/** What a submission is acknowledged with, only after its transaction committed. */
public record Acknowledgement(String receipt, int answered, String message) {
}

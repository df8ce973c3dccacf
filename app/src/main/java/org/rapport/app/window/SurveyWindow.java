package org.rapport.app.window;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code rawDeletedOn}: the day its raw answers were deleted (its released results are kept), or null;
 * {@code closedAt}: when it last closed (null unless closed); {@code resultsSeenAt}: when its school's
 * results were first shown after it closed (null: not yet; from then on it cannot be reopened).
 */
public record SurveyWindow(long id, long schoolId, String name, Status status, String itemBank,
                           LocalDate openedOn, LocalDate closedOn, LocalDate rawDeletedOn, Instant closedAt, Instant resultsSeenAt) {
    public enum Status { DRAFT, OPEN, CLOSED }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public boolean isClosed() {
        return status == Status.CLOSED;
    }
}

package org.rapport.app.window;

import java.time.LocalDate;

/** {@code rawDeletedOn}: the day its raw answers were deleted (its released results are kept), or null. */
public record SurveyWindow(long id, long schoolId, String name, Status status, String itemBank,
                           LocalDate openedOn, LocalDate closedOn, LocalDate rawDeletedOn) {
    public enum Status { DRAFT, OPEN, CLOSED }

    public boolean isOpen() {
        return status == Status.OPEN;
    }
}

package org.rapport.app.window;

import java.time.LocalDate;

public record SurveyWindow(long id, long schoolId, String name, Status status, String itemBank,
                           LocalDate openedOn, LocalDate closedOn) {
    public enum Status { DRAFT, OPEN, CLOSED }

    public boolean isOpen() {
        return status == Status.OPEN;
    }
}

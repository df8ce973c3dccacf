package org.rapport.app.goal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** A goal deleted on {@code deletedOn}, which its owner can restore until {@code removedOn}, when it is removed for good. */
public record DeletedGoal(Goal goal, LocalDate deletedOn) {

    /** The day the goal is removed for good. */
    @JsonProperty
    public LocalDate removedOn() {
        return deletedOn.plusDays(Goals.KEPT_AFTER_DELETION_DAYS);
    }
}

package org.rapport.app.retention;

import org.springframework.stereotype.Service;

/** Who deleted data, in the deletion log, for two records of one person merged into one (docs/ROSTER.md). */
@Service
public class StaffDeletions {
    private final DeletionLog log;

    StaffDeletions(DeletionLog log) {
        this.log = log;
    }

    public void move(long from, long into) {
        log.moveDeleter(from, into);
    }
}

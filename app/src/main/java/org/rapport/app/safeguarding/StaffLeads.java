package org.rapport.app.safeguarding;

import org.springframework.stereotype.Service;

/** Who is a designated lead and who reviewed concerns, for two records of one person merged into one (docs/ROSTER.md). */
@Service
public class StaffLeads {
    private final SafeguardingRepository store;

    StaffLeads(SafeguardingRepository store) {
        this.store = store;
    }

    /** Where {@code from} was a lead, {@code into} is; the concerns {@code from} reviewed are {@code into}'s. */
    public void move(long from, long into) {
        store.moveStaff(from, into);
    }
}

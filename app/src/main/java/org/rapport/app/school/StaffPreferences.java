package org.rapport.app.school;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a member of staff chooses for themselves: the language of Rapport's pages and of their e-mail. */
@Service
public class StaffPreferences {
    private final RosterRepository roster;

    StaffPreferences(RosterRepository roster) {
        this.roster = roster;
    }

    /** Keeps the person's language (a tag already checked as on offer). */
    @Transactional
    public void setLanguage(long staffId, String language) {
        roster.setLanguage(staffId, language);
    }
}

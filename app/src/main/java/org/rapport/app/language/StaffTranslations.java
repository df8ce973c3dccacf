package org.rapport.app.language;

import org.springframework.stereotype.Service;

/** Who imported a translation, for two records of one person merged into one (docs/ROSTER.md). */
@Service
public class StaffTranslations {
    private final TranslationRepository store;

    StaffTranslations(TranslationRepository store) {
        this.store = store;
    }

    public void move(long from, long into) {
        store.moveImporter(from, into);
    }
}

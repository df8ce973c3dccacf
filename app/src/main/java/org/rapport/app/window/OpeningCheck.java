package org.rapport.app.window;

import java.util.Optional;
import org.rapport.app.school.School;
import org.rapport.app.web.Text;

/**
 * What must be in place before a school's window may open, asked by {@link WindowService#open} and
 * the window page; features above the window answer it (safeguarding: the school has a designated
 * safeguarding lead), so that the window needs none of them.
 */
public interface OpeningCheck {

    /** Why the school's windows cannot open yet; empty when nothing stops them. */
    Optional<Blocker> blocker(School school);

    /**
     * {@code field}: what the API's problem names; {@code problem}: the refusal as the API says it,
     * with the address of the fix; {@code onPage}: the same for the window page, which links to
     * {@code fixPath} with the words {@code fix}.
     */
    record Blocker(String field, Text problem, Text onPage, Text fix, String fixPath) {
    }
}

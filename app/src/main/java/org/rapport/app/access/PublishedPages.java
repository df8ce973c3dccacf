package org.rapport.app.access;

import java.util.Optional;

/**
 * Whether a school has a "you said, we did" page shown at its public address, for the letters and slips that point to it
 * (a withdrawn page is not pointed to). Answered by the package that owns the pages, which uses this one.
 */
public interface PublishedPages {
    /** The school's public address key while it has a page shown; empty when none is (never published, or withdrawn). */
    Optional<String> keyOf(long schoolId);
}

package org.rapport.app.access;

import java.util.Collection;
import java.util.List;

/**
 * Which unused codes have a survey in progress (answers saved as a draft). The drafts are the survey
 * feature's; it answers this, so that replacing a group's codes never voids one a respondent has started,
 * and the window's page can count them per group. Nothing here says whose draft it is.
 */
public interface CodesInProgress {

    /** Those of these code hashes that have a draft. */
    List<byte[]> withDrafts(Collection<byte[]> hashes);
}

package org.rapport.app.survey;

import java.util.Collection;
import java.util.List;
import org.rapport.app.access.CodesInProgress;
import org.springframework.stereotype.Component;

/** Tells the access feature which codes have a survey in progress: a draft is made when a code is first entered. */
@Component
class DraftedCodes implements CodesInProgress {
    private final DraftRepository drafts;

    DraftedCodes(DraftRepository drafts) {
        this.drafts = drafts;
    }

    @Override
    public List<byte[]> withDrafts(Collection<byte[]> hashes) {
        return hashes.isEmpty() ? List.of() : drafts.existing(hashes);
    }
}

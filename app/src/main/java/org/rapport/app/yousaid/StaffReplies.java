package org.rapport.app.yousaid;

import java.util.List;
import org.springframework.stereotype.Service;

/** A teacher's replies to their classes and what they published, for two records of one person merged into one (docs/ROSTER.md). */
@Service
public class StaffReplies {
    private final YouSaidRepository store;

    StaffReplies(YouSaidRepository store) {
        this.store = store;
    }

    /** The windows after which both replied to their classes (a window has one reply of a teacher). */
    public List<Long> clashes(long a, long b) {
        return store.replyClashes(a, b);
    }

    public int replies(long staffId) {
        return store.countReplies(staffId);
    }

    /** Their replies, and what they published, become {@code into}'s; call in the merge's transaction. */
    public void move(long from, long into) {
        store.move(from, into);
    }
}

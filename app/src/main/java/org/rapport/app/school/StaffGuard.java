package org.rapport.app.school;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.web.Text;

/**
 * What a change of who is on a school's staff, or in which role, must keep, asked by every change of it (a roster
 * upload and its preview, retiring or merging a person); features above the school answer it (safeguarding: while a
 * window is open, the school keeps a designated safeguarding lead), so that the school needs none of them.
 */
public interface StaffGuard {

    /**
     * A change of the school's staff: its accounts now ({@code before}) and as the change would leave them
     * ({@code after}: each with the school, role and whether active it would have; one who leaves the school is
     * left out), and the accounts merged away into another ({@code mergedInto}: from → into).
     */
    record Change(List<StaffMember> before, List<StaffMember> after, Map<Long, Long> mergedInto) {
        public Change(List<StaffMember> before, List<StaffMember> after) {
            this(before, after, Map.of());
        }
    }

    /** Why the school's staff cannot change so, naming the fix; empty when it may. */
    Optional<Text> refusal(School school, Change change);
}

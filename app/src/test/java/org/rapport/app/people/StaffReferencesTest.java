package org.rapport.app.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A merge of two records of one person must leave no row naming the record merged away: every column that
 * references staff(id) is either moved by {@link People#merge} (through the package that owns its table) or goes
 * with the deleted account. A migration that adds one fails here until the merge knows what to do with it.
 */
class StaffReferencesTest extends AppTest {
    /** Moved to the person kept. */
    static final Set<String> MOVED = Set.of("answer.target_staff", "comment.target_staff", "teaching.staff_id", "report_share.teacher_id",
            "report_view.teacher_id", "report_view.viewer_id", "self_view.teacher_id", "safeguarding_lead.staff_id", "concern.reviewed_by",
            "goal.teacher_id", "goal.created_by", "you_said.published_by", "teacher_reply.teacher_id", "translation.imported_by",
            "deletion_log.deleted_by", "staff_change.person_id", "staff_change.done_by", "window_team.staff_id");
    /** Deleted with the account merged away: its links, its failed sign-ins, who was mailed which code (never while a window is open). */
    static final Set<String> CASCADE = Set.of("account_token.staff_id", "sign_in_failure.staff_id", "code_recipient.staff_id");

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyColumnThatNamesAMemberOfStaffIsMovedByAMergeOrGoesWithTheAccount() {
        List<String[]> references = jdbc.sql("""
                select c.conrelid::regclass::text, a.attname, c.confdeltype from pg_constraint c
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
                where c.contype = 'f' and c.confrelid = 'staff'::regclass and c.connamespace = current_schema()::regnamespace""")
                .query((rs, n) -> new String[] {rs.getString(1) + "." + rs.getString(2), rs.getString(3)}).list();
        Set<String> found = new TreeSet<>();
        for (String[] r : references) {
            found.add(r[0]);
            if (CASCADE.contains(r[0])) {
                assertThat(r[1]).as(r[0] + " is deleted with its account").isEqualTo("c");
            }
        }
        Set<String> known = new TreeSet<>(MOVED);
        known.addAll(CASCADE);
        assertThat(found).as("columns referencing staff(id): move each in People.merge, or delete it with the account").isEqualTo(known);
    }
}

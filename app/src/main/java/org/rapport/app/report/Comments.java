package org.rapport.app.report;

import java.util.List;
import java.util.Set;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measures.Answers;
import org.rapport.app.measures.GroupResult;
import org.rapport.app.privacy.PrivacyEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Comments as the privacy engine lets them be read: only for a group that is shown, only those of the
 * members of the release being shown (so a comment that arrives later waits, like the measure, until
 * enough others have come with it), for the whole group and never beside a breakdown of it, in
 * alphabetical order (which says nothing about who wrote first).
 */
@Service
public class Comments {
    private final JdbcClient jdbc;
    private final PrivacyEngine privacy;
    private final Answers answers;

    public Comments(JdbcClient jdbc, PrivacyEngine privacy, Answers answers) {
        this.jdbc = jdbc;
        this.privacy = privacy;
        this.answers = answers;
    }

    /** The comments of the pupils of a teacher's shown group. */
    public List<String> aboutTeacher(long networkId, String windowName, long teacherId, GroupResult group) {
        return read(networkId, windowName, Relationship.PUPIL_TEACHER, "teacher:" + teacherId, group, teacherId);
    }

    /** The comments on a school-wide relationship of a school's shown group. */
    public List<String> aboutSchool(long networkId, String windowName, Relationship relationship, long schoolId, GroupResult group) {
        if (!relationship.takesSchoolComments()) {
            return List.of();
        }
        return read(networkId, windowName, relationship, "school:" + schoolId, group, null);
    }

    private List<String> read(long networkId, String windowName, Relationship relationship, String groupKey, GroupResult group,
                              Long teacherId) {
        if (group == null || !group.shown()) {
            return List.of();
        }
        Set<String> members = privacy.shownMembers(new PrivacyEngine.Scope(networkId, windowName, relationship.name()), groupKey);
        if (members.isEmpty()) {
            return List.of();
        }
        List<Long> windows = answers.wave(networkId, windowName).stream().map(Answers.WaveWindow::id).toList();
        record Row(String member, String body) {
        }
        return jdbc.sql("""
                        select c.response_id, c.target_staff, c.body from comment c join response r on r.id = c.response_id
                        where r.window_id = any(?) and c.relationship = ? and (cast(? as bigint) is null or c.target_staff = ?)""")
                .params(windows.toArray(Long[]::new), relationship.name(), teacherId, teacherId)
                .query((rs, n) -> {
                    long target = rs.getLong(2);
                    String member = rs.wasNull() ? rs.getString(1) : rs.getString(1) + "/" + target;
                    return new Row(member, rs.getString(3));
                })
                .list().stream()
                .filter(r -> members.contains(r.member()))
                .map(Row::body)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }
}

package org.rapport.app.report;

import java.util.List;
import java.util.Set;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.window.SurveyWindow;
import java.util.UUID;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.response.Responses;
import org.rapport.app.window.Windows;
import org.springframework.stereotype.Service;

/**
 * Comments as the privacy engine lets them be read: only for a group that is shown, only those of the
 * members of the release being shown (so a comment that arrives later waits, like the measure, until
 * enough others have come with it), for the whole group and never beside a breakdown of it, in
 * alphabetical order (which says nothing about who wrote first).
 */
@Service
class Comments {
    private final MeasureService measures;
    private final Windows windows;
    private final Responses responses;

    Comments(MeasureService measures, Windows windows, Responses responses) {
        this.measures = measures;
        this.windows = windows;
        this.responses = responses;
    }

    /** The comments of the pupils of a teacher's shown group. */
    List<String> aboutTeacher(long networkId, String windowName, long teacherId, GroupResult group) {
        return read(networkId, windowName, Relationship.PUPIL_TEACHER, GroupKey.teacher(teacherId), group, teacherId);
    }

    /** The comments on a school-wide relationship of a school's shown group. */
    List<String> aboutSchool(long networkId, String windowName, Relationship relationship, long schoolId, GroupResult group) {
        if (!relationship.takesSchoolComments()) {
            return List.of();
        }
        return read(networkId, windowName, relationship, GroupKey.school(schoolId), group, null);
    }

    private List<String> read(long networkId, String windowName, Relationship relationship, GroupKey groupKey, GroupResult group,
                              Long teacherId) {
        if (group == null || !group.shown()) {
            return List.of();
        }
        // the group's own windows: a teacher's are their school's, a school's its own
        List<Long> windowIds = windows.wave(networkId, windowName).windows().stream()
                .filter(w -> w.schoolId() == group.schoolId()).map(SurveyWindow::id).toList();
        List<Responses.Comment> comments = responses.comments(windowIds, relationship, teacherId);
        if (comments.isEmpty()) {
            return List.of();
        }
        Set<UUID> shown = measures.shownUpTo(comments.stream().map(Responses.Comment::response).toList(), group.watermark());
        return comments.stream()
                .filter(c -> shown.contains(c.response()))
                .map(Responses.Comment::body)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }
}

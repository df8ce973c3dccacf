package org.rapport.app.survey;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;

/**
 * A survey in progress: its plan, the answers and comments given so far, and the language it is taken in (a tag, or null).
 * {@code holder}: for a timetable pupil's survey, the hash of the key of the device it was started on ({@link DraftHolder}),
 * which alone gets it back; null for everyone else's. {@code reached}: the furthest part the respondent has gone on to with
 * "Save and continue" (0 before any), where the survey carries on when they come back ({@link Session#resumeAt()}).
 */
record Draft(SurveyPlan plan, Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments, String language, String holder,
             int reached) {

    Draft(SurveyPlan plan) {
        this(plan, new LinkedHashMap<>(), new LinkedHashMap<>(), null, null, 0);
    }

    Draft(SurveyPlan plan, Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments, String language) {
        this(plan, answers, comments, language, null, 0);
    }

    Draft(SurveyPlan plan, Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments, String language, String holder) {
        this(plan, answers, comments, language, holder, 0);
    }

    /** The same draft with these answers, comments and language, held and reached as before. */
    Draft with(Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments, String language) {
        return new Draft(plan, answers, comments, language, holder, reached);
    }

    /** The same draft, having gone on to part {@code part} (kept where it is further than any part reached before). */
    Draft reaching(int part) {
        return part <= reached ? this : new Draft(plan, answers, comments, language, holder, part);
    }
}

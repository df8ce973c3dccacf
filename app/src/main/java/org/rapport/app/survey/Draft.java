package org.rapport.app.survey;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;

/**
 * A survey in progress: its plan, the answers and comments given so far, and the language it is taken in (a tag, or null).
 * {@code holder}: for a timetable pupil's survey, the hash of the key of the device it was started on ({@link DraftHolder}),
 * which alone gets it back; null for everyone else's.
 */
record Draft(SurveyPlan plan, Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments, String language, String holder) {

    Draft(SurveyPlan plan) {
        this(plan, new LinkedHashMap<>(), new LinkedHashMap<>(), null, null);
    }

    Draft(SurveyPlan plan, Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments, String language) {
        this(plan, answers, comments, language, null);
    }

    /** The same draft with these answers, comments and language, held as before. */
    Draft with(Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments, String language) {
        return new Draft(plan, answers, comments, language, holder);
    }
}

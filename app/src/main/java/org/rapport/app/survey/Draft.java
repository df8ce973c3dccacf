package org.rapport.app.survey;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;

/** A survey in progress: its plan, the answers and comments given so far, and the language it is taken in (a tag, or null). */
record Draft(SurveyPlan plan, Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments, String language) {

    Draft(SurveyPlan plan) {
        this(plan, new LinkedHashMap<>(), new LinkedHashMap<>(), null);
    }
}

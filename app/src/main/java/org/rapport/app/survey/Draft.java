package org.rapport.app.survey;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;

/** A survey in progress: its plan and the answers and comments given so far. */
record Draft(SurveyPlan plan, Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments) {

    Draft(SurveyPlan plan) {
        this(plan, new LinkedHashMap<>(), new LinkedHashMap<>());
    }
}

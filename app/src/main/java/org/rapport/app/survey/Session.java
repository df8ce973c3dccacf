package org.rapport.app.survey;

import java.util.Map;
import org.rapport.app.access.CodeContext;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;

/**
 * A survey in progress: what its code opens, its plan, the answers and comments saved so far, and the
 * language it was last taken in (a tag, or null before any was kept).
 */
public record Session(CodeContext context, SurveyPlan plan, Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments,
                      String language) {

    static Session of(CodeContext context, Draft draft) {
        return new Session(context, draft.plan(), draft.answers(), draft.comments(), draft.language());
    }
}

package org.rapport.app.survey;

import java.util.List;
import java.util.Map;
import org.rapport.app.access.CodeContext;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;

/**
 * A survey in progress: what its code opens, its plan, the answers and comments saved so far, and the
 * language it was last taken in (a tag, or null before any was kept). For a timetable pupil, the classes they
 * choose from ({@link ClassChoices#NONE} for everyone else); {@code plan} is null until they have chosen, and
 * {@code startedElsewhere} when the survey was started on another device (whose answers this one is never shown).
 * {@code holderKey}: the key just given to this device for the survey it started ({@link DraftHolder}), else null.
 * {@code reached}: the furthest part gone on to with "Save and continue" ({@link Draft#reached()}).
 */
public record Session(CodeContext context, SurveyPlan plan, Map<AnswerKey, Integer> answers, Map<CommentKey, String> comments,
                      String language, ClassChoices choices, boolean startedElsewhere, String holderKey, int reached) {

    static Session of(CodeContext context, Draft draft, ClassChoices choices) {
        return of(context, draft, choices, null);
    }

    static Session of(CodeContext context, Draft draft, ClassChoices choices, String holderKey) {
        List<Long> classes = draft.plan().classes();
        return new Session(context, draft.plan(), draft.answers(), draft.comments(), draft.language(),
                choices.offered() && classes != null ? choices.with(classes.subList(1, classes.size())) : choices, false, holderKey,
                draft.reached());
    }

    /** A timetable pupil who has not chosen their classes on this device: nothing to answer until they have. */
    static Session choosing(CodeContext context, ClassChoices choices, boolean startedElsewhere) {
        return new Session(context, null, Map.of(), Map.of(), null, choices, startedElsewhere, null, 0);
    }

    /** Whether the pupil must choose their classes before the survey has questions. */
    public boolean mustChoose() {
        return plan == null;
    }

    /**
     * The part to carry on at: the furthest part the respondent went on to with "Save and continue", on this device or
     * another; else after the last part with anything answered or written (saved as they went, without a page sent), or
     * that part itself where some of its questions are still open; the first for a survey not begun;
     * {@code plan().blocks().size()} (nothing left but to send) where the last part is answered or gone past. A part
     * skipped on the way is not where the respondent left off (each page says how to go back to it). A survey resumed
     * always started at its first part; then at the last part answered, though the respondent had gone further.
     */
    public int resumeAt() {
        return Math.min(plan.blocks().size(), Math.max(reached, lastAnswered()));
    }

    private int lastAnswered() {
        int last = -1;
        for (int b = 0; b < plan.blocks().size(); b++) {
            SurveyPlan.Block block = plan.blocks().get(b);
            if (block.items().stream().anyMatch(i -> answers.containsKey(block.key(i)))
                    || (block.commentKey() != null && comments.containsKey(block.commentKey()))) {
                last = b;
            }
        }
        if (last < 0) {
            return 0;
        }
        SurveyPlan.Block block = plan.blocks().get(last);
        return block.items().stream().allMatch(i -> answers.containsKey(block.key(i))) ? last + 1 : last;
    }

    /** Whether the pupil may still change the classes they chose: nothing answered or written yet. */
    public boolean mayChooseAgain() {
        return choices.offered() && answers.isEmpty() && comments.isEmpty();
    }
}

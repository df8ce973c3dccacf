package org.rapport.app.survey;

import java.util.Map;
import org.rapport.app.access.CodeContext;
import org.rapport.app.access.Codes;
import org.rapport.app.language.Language;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.Text;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Taking a survey before it is sent: starting it with a code, resuming it, and saving answers as they come. */
@Service
public class SurveySessions {
    private final Codes codes;
    private final DraftRepository drafts;
    private final Planner planner;
    private final AnswerValidator validator;
    private final RespondentNetwork network;

    SurveySessions(Codes codes, DraftRepository drafts, Planner planner, AnswerValidator validator, RespondentNetwork network) {
        this.network = network;
        this.codes = codes;
        this.drafts = drafts;
        this.planner = planner;
        this.validator = validator;
    }

    /** Opens the survey for a canonical code, creating its draft on first use. */
    @Transactional
    public Session start(String code) {
        CodeContext context = codes.open(code);
        network.use(context.window());
        Draft draft = drafts.find(context.codeHash()).orElse(null);
        if (draft == null) {
            draft = new Draft(planner.plan(context));
            drafts.save(context.codeHash(), draft);
        }
        return Session.of(context, draft);
    }

    /** The current session of a code entered before. */
    @Transactional(readOnly = true)
    public Session resume(String code) {
        CodeContext context = codes.open(code);
        network.use(context.window());
        Draft draft = drafts.find(context.codeHash())
                .orElseThrow(() -> new ConflictException("code", new Text("survey.error.notStarted")));
        return Session.of(context, draft);
    }

    /** Merges answers and comments (keys as sent) into the draft; a null answer or a blank comment clears it. */
    @Transactional
    public Session saveDraft(String code, Map<String, Integer> answers, Map<String, String> comments) {
        return saveDraft(code, answers, comments, null);
    }

    /** As {@link #saveDraft(String, Map, Map)}, keeping the language the survey is being taken in (null: as before). */
    @Transactional
    public Session saveDraft(String code, Map<String, Integer> answers, Map<String, String> comments, Language language) {
        CodeContext context = codes.open(code);
        network.use(context.window());
        Draft draft = drafts.lock(context.codeHash()).orElseGet(() -> new Draft(planner.plan(context)));
        Draft saved = new Draft(draft.plan(), validator.answers(draft, answers), validator.comments(draft, comments),
                language == null ? draft.language() : language.tag());
        drafts.save(context.codeHash(), saved);
        return Session.of(context, saved);
    }

    /** Deletes the drafts of these codes (unsent answers of a window that has closed); returns how many. */
    @Transactional
    public int discardDrafts(java.util.Collection<byte[]> codeHashes) {
        return drafts.delete(codeHashes);
    }
}

package org.rapport.app.survey;

import java.util.Map;
import org.rapport.app.access.CodeContext;
import org.rapport.app.access.Codes;
import org.rapport.app.language.Language;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
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

    /** As {@link #start(String, String)} from a client that holds no survey's key. */
    @Transactional
    public Session start(String code) {
        return start(code, null);
    }

    /**
     * Opens the survey for a canonical code, creating its draft on first use; a timetable pupil who has not chosen their
     * classes yet, or whose survey was started on another device ({@code holderKey} not its key), gets the classes to
     * choose from and nothing saved.
     */
    @Transactional
    public Session start(String code, String holderKey) {
        CodeContext context = codes.open(code);
        network.use(context.window());
        ClassChoices choices = planner.choices(context);
        Draft draft = drafts.find(context.codeHash()).orElse(null);
        if (draft != null && !DraftHolder.holds(draft, holderKey)) {
            return Session.choosing(context, choices, true);
        }
        if (draft == null) {
            if (choices.offered()) {
                return Session.choosing(context, choices, false);
            }
            draft = new Draft(planner.plan(context));
            drafts.save(context.codeHash(), draft);
        }
        return Session.of(context, draft, choices);
    }

    /** As {@link #resume(String, String)} from a client that holds no survey's key. */
    @Transactional(readOnly = true)
    public Session resume(String code) {
        return resume(code, null);
    }

    /** The current session of a code entered before (as {@link #start(String, String)} says for a timetable pupil). */
    @Transactional(readOnly = true)
    public Session resume(String code, String holderKey) {
        CodeContext context = codes.open(code);
        network.use(context.window());
        Draft draft = drafts.find(context.codeHash()).orElse(null);
        if (draft != null && !DraftHolder.holds(draft, holderKey)) {
            return Session.choosing(context, planner.choices(context), true);
        }
        // the classes offered matter only until something is answered (they may be chosen again until then)
        ClassChoices choices = draft != null && (!draft.answers().isEmpty() || !draft.comments().isEmpty()) ? ClassChoices.NONE
                : planner.choices(context);
        if (draft == null) {
            if (choices.offered()) {
                return Session.choosing(context, choices, false);
            }
            throw new ConflictException("code", new Text("survey.error.notStarted"));
        }
        return Session.of(context, draft, choices);
    }

    /**
     * A timetable pupil's classes, chosen from those their home group offers (at most as many as any of its pupils has):
     * the survey is drawn for them. On the device that started the survey, chosen again only while nothing is answered or
     * written (409 after); from another device ({@code holderKey} not the survey's), the survey starts again here and what
     * was saved is deleted. A new survey gets a new key for this device ({@link Session#holderKey()}). An unknown class,
     * one twice, or too many is refused (400) with nothing changed.
     */
    @Transactional
    public Session choose(String code, java.util.List<Long> classIds, Language language, String holderKey) {
        CodeContext context = codes.open(code);
        network.use(context.window());
        ClassChoices choices = planner.choices(context);
        if (!choices.offered()) {
            throw new ConflictException("classes", new Text("survey.classes.notOffered"));
        }
        java.util.List<Long> chosen = classIds == null ? java.util.List.of() : classIds;
        java.util.Set<Long> offered = new java.util.HashSet<>();
        choices.classes().forEach(c -> offered.add(c.classId()));
        if (chosen.stream().anyMatch(id -> id == null || !offered.contains(id))) {
            throw new InvalidInputException("classes", new Text("survey.classes.unknown"));
        }
        if (new java.util.HashSet<>(chosen).size() != chosen.size()) {
            throw new InvalidInputException("classes", new Text("survey.classes.twice"));
        }
        if (chosen.size() > choices.most()) {
            throw new InvalidInputException("classes", new Text("survey.classes.tooMany", choices.most()));
        }
        Draft before = drafts.lock(context.codeHash()).orElse(null);
        boolean ours = before != null && before.holder() != null && DraftHolder.holds(before, holderKey);
        if (ours && (!before.answers().isEmpty() || !before.comments().isEmpty())) {
            throw new ConflictException("classes", new Text("survey.classes.fixed"));
        }
        String key = ours ? holderKey : DraftHolder.newKey();
        // in the order offered, so that the same choice always draws the same survey
        java.util.List<Long> ordered = choices.classes().stream().map(ClassChoices.Choice::classId).filter(chosen::contains).toList();
        Draft draft = new Draft(planner.plan(context, ordered), new java.util.LinkedHashMap<>(), new java.util.LinkedHashMap<>(),
                language != null ? language.tag() : ours ? before.language() : null, DraftHolder.hash(key));
        drafts.save(context.codeHash(), draft);
        return Session.of(context, draft, choices, ours ? null : key);
    }

    /** Merges answers and comments (keys as sent) into the draft; a null answer or a blank comment clears it. */
    @Transactional
    public Session saveDraft(String code, Map<String, Integer> answers, Map<String, String> comments) {
        return saveDraft(code, answers, comments, null, null);
    }

    /** As {@link #saveDraft(String, Map, Map, Language, String)} from a client that holds no survey's key. */
    @Transactional
    public Session saveDraft(String code, Map<String, Integer> answers, Map<String, String> comments, Language language) {
        return saveDraft(code, answers, comments, language, null);
    }

    /**
     * As {@link #saveDraft(String, Map, Map)}, keeping the language the survey is being taken in (null: as before); a
     * timetable pupil's survey only from the device it was started on (409 from any other).
     */
    @Transactional
    public Session saveDraft(String code, Map<String, Integer> answers, Map<String, String> comments, Language language, String holderKey) {
        return saveDraft(code, answers, comments, language, holderKey, 0);
    }

    /**
     * As {@link #saveDraft(String, Map, Map, Language, String)}, the respondent going on to part {@code reached} ("Save
     * and continue"): kept where it is the furthest part yet, for the survey to carry on there when they come back.
     */
    @Transactional
    public Session saveDraft(String code, Map<String, Integer> answers, Map<String, String> comments, Language language, String holderKey,
                             int reached) {
        CodeContext context = codes.open(code);
        network.use(context.window());
        Draft draft = drafts.lock(context.codeHash()).orElseGet(() -> new Draft(planner.plan(context)));
        if (!DraftHolder.holds(draft, holderKey)) {
            throw startedElsewhere();
        }
        Draft saved = draft.with(validator.answers(draft, answers), validator.comments(draft, comments),
                language == null ? draft.language() : language.tag()).reaching(Math.min(reached, draft.plan().blocks().size()));
        drafts.save(context.codeHash(), saved);
        // not the classes offered: saving is the survey's busiest call, and its answer needs none
        return Session.of(context, saved, ClassChoices.NONE);
    }

    static ConflictException startedElsewhere() {
        return new ConflictException("code", new Text("survey.error.startedElsewhere"));
    }

    /** Deletes the drafts of these codes (unsent answers of a window that has closed); returns how many. */
    @Transactional
    public int discardDrafts(java.util.Collection<byte[]> codeHashes) {
        return drafts.delete(codeHashes);
    }
}

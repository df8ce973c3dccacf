package org.rapport.app.survey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.access.AccessCode;
import org.rapport.app.access.Codes;
import org.rapport.app.language.Language;
import org.rapport.app.language.Languages;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Text;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/** Taking a survey over JSON: the access code is the only credential, sent in the body, never in a URL. */
@ApiController
@Tag(name = "Taking a survey")
class SurveyApi {
    private final Codes codes;
    private final SurveySessions sessions;
    private final Submissions submissions;
    private final SurveyView view;
    private final Languages languages;
    private final org.rapport.app.yousaid.YouSaidWeDid youSaid;

    SurveyApi(Codes codes, SurveySessions sessions, Submissions submissions, SurveyView view, Languages languages,
              org.rapport.app.yousaid.YouSaidWeDid youSaid) {
        this.youSaid = youSaid;
        this.languages = languages;
        this.codes = codes;
        this.sessions = sessions;
        this.submissions = submissions;
        this.view = view;
    }

    public record CodeBody(@NotNull(message = "send the access code") @Size(max = 40, message = "a code is 10 characters") String code,
                           @Schema(description = "optional: the language to take the survey in (a tag such as pl); else the one it was "
                                   + "last taken in, else Accept-Language") @Size(max = 20, message = "a language tag such as pl") String language) {
    }

    public record AnswersBody(@NotNull(message = "send the access code") @Size(max = 40, message = "a code is 10 characters") String code,
                              @Size(max = AnswerValidator.MAX_ANSWERS, message = "too many answers in one request") Map<String, Integer> answers,
                              @Schema(description = "optional comments by the blocks' commentKey; a blank one clears it")
                              Map<String, String> comments,
                              @Schema(description = "optional: the language the survey is being taken in (a tag such as pl), kept in the draft "
                                      + "and stored with the response") @Size(max = 20, message = "a language tag such as pl") String language) {
    }

    /**
     * {@code youSaid}: the path of the school's "you said, we did" page, where it has published one (else null);
     * {@code replies}: what each teacher the survey is about last replied to their classes, by teacher id;
     * {@code chooseClasses}: for a timetable pupil, the classes to choose from while they may still choose (no blocks
     * until they have chosen: {@code PUT /api/v1/survey/classes}), else null; {@code startedElsewhere}: the survey was
     * started on another device, whose answers are not shown here (choosing classes here starts it again, deleting them).
     */
    public record SurveyDocument(String school, String window, String role, String language, String direction,
                                 List<SurveyView.BlockView> blocks, Map<String, Integer> answers, Map<String, String> comments, String youSaid,
                                 Map<Long, String> replies, ClassChoices chooseClasses, boolean startedElsewhere) {
    }

    public record ClassesBody(@NotNull(message = "send the access code") @Size(max = 40, message = "a code is 10 characters") String code,
                              @Schema(description = "the ids of the pupil's classes besides their home group, from chooseClasses; "
                                      + "empty for none") @Size(max = 100, message = "at most 100 classes") List<Long> classes,
                              @Schema(description = "optional: the language the survey is being taken in (a tag such as pl)")
                              @Size(max = 20, message = "a language tag such as pl") String language) {
    }

    public record Saved(int answered, int questions) {
    }

    @Operation(summary = "Start or resume a survey", description = "Rate-limited per client. Answers the blocks and the answers saved so far.")
    @PostMapping("/api/v1/survey/session")
    SurveyDocument session(@Valid @RequestBody CodeBody body, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                           Locale locale) {
        String code = codes.enter(body.code());
        Language asked = language(body.language());
        Session s = sessions.start(code, request.getHeader(DraftHolder.HEADER));
        // send it back with this code's drafts and submission: then a limit reached by others behind the same address does not stop them
        response.setHeader(org.rapport.app.access.CodeProof.HEADER, codes.proof(code));
        if (asked != null && !asked.tag().equals(s.language()) && !s.mustChoose()) {
            s = sessions.saveDraft(code, Map.of(), Map.of(), asked, request.getHeader(DraftHolder.HEADER));
        }
        Language language = asked != null ? asked : s.language() != null ? languages.of(Locale.forLanguageTag(s.language())) : languages.of(locale);
        return document(s, language);
    }

    @Operation(summary = "Choose a timetable pupil's classes",
            description = "For a code whose survey document has chooseClasses: the pupil's classes besides their home group, from "
                    + "those offered and at most 'most' of them. Answers the survey drawn for them. Allowed again only while nothing "
                    + "is answered (409 after).")
    @PutMapping("/api/v1/survey/classes")
    SurveyDocument classes(@Valid @RequestBody ClassesBody body, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                           Locale locale) {
        Language asked = language(body.language());
        Session s = sessions.choose(canonical(body.code()), body.classes(), asked, request.getHeader(DraftHolder.HEADER));
        if (s.holderKey() != null) {
            // this device's key to the survey it started: send it back with every later call of this code
            response.setHeader(DraftHolder.HEADER, s.holderKey());
        }
        return document(s, asked != null ? asked : s.language() != null ? languages.of(Locale.forLanguageTag(s.language())) : languages.of(locale));
    }

    @Operation(summary = "Save answers to the draft", description = "Keys as in the survey document; a null value clears an answer.")
    @PutMapping("/api/v1/survey/draft")
    Saved draft(@Valid @RequestBody AnswersBody body, HttpServletRequest request) {
        Session s = sessions.saveDraft(canonical(body.code()), body.answers(), body.comments(), language(body.language()),
                request.getHeader(DraftHolder.HEADER));
        return new Saved(s.answers().size(), s.plan().questions());
    }

    @Operation(summary = "Submit the survey",
            description = "Idempotent: retrying with the same Idempotency-Key returns the same acknowledgement, "
                    + "which is sent only after the answers are durably stored.")
    @PostMapping("/api/v1/survey/submit")
    Acknowledgement submit(@Parameter(description = "a unique key per submission, e.g. a UUID")
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @Valid @RequestBody AnswersBody body, HttpServletRequest request) {
        return submissions.submit(canonical(body.code()), key, body.answers(), body.comments(), language(body.language()),
                request.getHeader(DraftHolder.HEADER));
    }

    private SurveyDocument document(Session s, Language language) {
        ClassChoices choose = s.mustChoose() || s.mayChooseAgain() ? s.choices() : null;
        if (s.mustChoose()) {
            return new SurveyDocument(view.schoolName(s), s.context().window().name(), s.context().role().name(), language.tag(),
                    language.direction(), List.of(), Map.of(), Map.of(),
                    youSaid.keyOf(s.context().window().schoolId()).map(k -> "/you-said/" + k).orElse(null), Map.of(), choose,
                    s.startedElsewhere());
        }
        return new SurveyDocument(view.schoolName(s), s.context().window().name(), s.context().role().name(), language.tag(),
                language.direction(), view.blocks(s.plan(), language.locale()), SurveyView.answers(s), SurveyView.comments(s),
                youSaid.keyOf(s.context().window().schoolId()).map(k -> "/you-said/" + k).orElse(null),
                youSaid.replies(s.plan().blocks().stream().map(SurveyPlan.Block::targetId).filter(java.util.Objects::nonNull).distinct().toList(),
                        s.context().window().id()), choose, false);
    }

    /** The language a client names (null when it names none); one not on offer is refused, naming those that are. */
    private Language language(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        return languages.find(tag).orElseThrow(() -> new InvalidInputException("language", "'" + (tag.length() > 20 ? tag.substring(0, 20) : tag)
                + "' is not a language this server offers; it offers " + String.join(", ", languages.all().stream().map(Language::tag).toList())));
    }

    private static String canonical(String code) {
        return AccessCode.normalise(code).orElseThrow(() -> new InvalidInputException("code", new Text("survey.error.codeForm")));
    }
}

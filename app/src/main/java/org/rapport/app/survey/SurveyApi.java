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
import org.rapport.app.web.ApiController;
import org.rapport.app.web.InvalidInputException;
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

    SurveyApi(Codes codes, SurveySessions sessions, Submissions submissions, SurveyView view) {
        this.codes = codes;
        this.sessions = sessions;
        this.submissions = submissions;
        this.view = view;
    }

    public record CodeBody(@NotNull(message = "send the access code") @Size(max = 40, message = "a code is 10 characters") String code) {
    }

    public record AnswersBody(@NotNull(message = "send the access code") @Size(max = 40, message = "a code is 10 characters") String code,
                              @Size(max = AnswerValidator.MAX_ANSWERS, message = "too many answers in one request") Map<String, Integer> answers,
                              @Schema(description = "optional comments by the blocks' commentKey; a blank one clears it")
                              Map<String, String> comments) {
    }

    public record SurveyDocument(String school, String window, String role, List<SurveyView.BlockView> blocks,
                                 Map<String, Integer> answers, Map<String, String> comments) {
    }

    public record Saved(int answered, int questions) {
    }

    @Operation(summary = "Start or resume a survey", description = "Rate-limited per client. Answers the blocks and the answers saved so far.")
    @PostMapping("/api/v1/survey/session")
    SurveyDocument session(@Valid @RequestBody CodeBody body, HttpServletRequest request, Locale locale) {
        String code = codes.enter(body.code(), request.getRemoteAddr());
        return document(sessions.start(code), locale);
    }

    @Operation(summary = "Save answers to the draft", description = "Keys as in the survey document; a null value clears an answer.")
    @PutMapping("/api/v1/survey/draft")
    Saved draft(@Valid @RequestBody AnswersBody body) {
        Session s = sessions.saveDraft(canonical(body.code()), body.answers(), body.comments());
        return new Saved(s.answers().size(), s.plan().questions());
    }

    @Operation(summary = "Submit the survey",
            description = "Idempotent: retrying with the same Idempotency-Key returns the same acknowledgement, "
                    + "which is sent only after the answers are durably stored.")
    @PostMapping("/api/v1/survey/submit")
    Acknowledgement submit(@Parameter(description = "a unique key per submission, e.g. a UUID")
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @Valid @RequestBody AnswersBody body) {
        return submissions.submit(canonical(body.code()), key, body.answers(), body.comments());
    }

    private SurveyDocument document(Session s, Locale locale) {
        return new SurveyDocument(view.schoolName(s), s.context().window().name(), s.context().role().name(),
                view.blocks(s.plan(), locale), SurveyView.answers(s), SurveyView.comments(s));
    }

    private static String canonical(String code) {
        return AccessCode.normalise(code).orElseThrow(() -> new InvalidInputException("code",
                "a code has 10 letters and numbers, like ABCDE-23456"));
    }
}

package org.rapport.app.window;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.BodyValidator;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

@ApiController
@Tag(name = "Survey windows and access codes")
class WindowApi {
    private final WindowService windows;
    private final Windows reads;
    private final ResponseCounts responses;
    private final SchoolAccess access;
    private final WindowAccess windowAccess;
    private final BodyValidator validator;
    private final Clock clock;
    private final int purgeGraceDays;

    WindowApi(WindowService windows, Windows reads, ResponseCounts responses, SchoolAccess access, WindowAccess windowAccess,
              BodyValidator validator, Clock clock, RapportProperties properties) {
        this.clock = clock;
        this.purgeGraceDays = properties.purgeGraceDays();
        this.windows = windows;
        this.reads = reads;
        this.responses = responses;
        this.access = access;
        this.windowAccess = windowAccess;
        this.validator = validator;
    }

    public record NewWindow(@NotBlank(message = "give the window a name") @Size(max = 80, message = "at most 80 characters") String name) {
    }

    /**
     * A group's codes: issued (including unused ones purged after closing), used, unused, and unused with a survey in progress.
     * {@code teachingSet}: a timetable's teaching set, whose pupils are counted in their home groups (not in the totals);
     * {@code fewerThan}: for such a set, k when fewer than k of its pupils answered ({@code used} and {@code rate} then 0
     * and say nothing), else null; {@code later}: for such a set, not counted yet (its answers wait for the window to be
     * settled; {@code used} and {@code rate} then 0 and say nothing).
     */
    public record RateView(RespondentRole role, String group, int issued, int used, int unused, int started, double rate, boolean teachingSet,
                           Integer fewerThan, boolean later) {
    }

    @Operation(summary = "The survey windows of a school")
    @GetMapping("/api/v1/schools/{schoolId}/windows")
    List<SurveyWindow> list(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId) {
        return reads.forSchool(access.view(user, schoolId).id());
    }

    @Operation(summary = "Create a survey window (not yet open)")
    @PostMapping("/api/v1/schools/{schoolId}/windows")
    @ResponseStatus(HttpStatus.CREATED)
    SurveyWindow create(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                        @RequestBody(required = false) NewWindow body) {
        School school = access.manage(user, schoolId);
        return windows.create(school, validator.check(body).name());
    }

    @Operation(summary = "A window with its status")
    @GetMapping("/api/v1/windows/{windowId}")
    SurveyWindow get(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return windowAccess.view(user, windowId).window();
    }

    @Operation(summary = "Open a window for answers")
    @PostMapping("/api/v1/windows/{windowId}/open")
    SurveyWindow open(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return windows.open(windowAccess.manage(user, windowId).window());
    }

    @Operation(summary = "Close a window, once confirmed",
            description = "Two steps. Without confirm=true nothing changes: the answer is 409 with the window's response rates "
                    + "(rates per role, each with started: the surveys started and not sent that closing stops; lowestClasses: the lowest "
                    + "classes per role), unusedCodesDeletedAfterDays and reopenableUntil, "
                    + "for the caller to show before closing. With confirm=true the window closes (409 if it is not open). "
                    + "Closing forgets at once which e-mailed code went to whom; unused codes and drafts are deleted after the grace period.")
    @PostMapping("/api/v1/windows/{windowId}/close")
    ResponseEntity<Object> close(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                                 @RequestParam(required = false) String confirm) {
        SurveyWindow window = windowAccess.manage(user, windowId).window();
        if (confirm != null && !confirm.equals("true") && !confirm.equals("false")) {
            throw new InvalidInputException("confirm", "confirm is true or false, not " + InvalidInputException.abbreviate(confirm, 20));
        }
        if (!"true".equals(confirm)) {
            if (!window.isOpen()) {
                throw new ConflictException("status", "only an open window can be closed; this one is " + window.status().name().toLowerCase());
            }
            ClosePreview preview = ClosePreview.of(responses.rates(window), purgeGraceDays, clock.instant(), windows.reopenPeriod());
            String detail = "Closing stops all answers. Check the response rates, then send confirm=true to close.";
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
            problem.setTitle("Confirm closing");
            problem.setProperty("errors", List.of(Map.of("field", "confirm", "message", detail)));
            preview.asProperties().forEach(problem::setProperty);
            return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(windows.close(window));
    }

    @Operation(summary = "Reopen a closed window",
            description = "Possible for rapport.reopen-days (default 7) after it closed, until its results are first shown, and while "
                    + "its round's raw answers are all kept; otherwise 409 naming the reason. What closing deleted does not come back.")
    @PostMapping("/api/v1/windows/{windowId}/reopen")
    SurveyWindow reopen(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return windows.reopen(windowAccess.manage(user, windowId).window());
    }

    public record Reopening(boolean allowed, String state, java.time.Instant until, String reason) {
    }

    @Operation(summary = "Whether a window can be reopened now, until when, or why not")
    @GetMapping("/api/v1/windows/{windowId}/reopening")
    Reopening reopening(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        WindowService.Reopening r = windows.reopening(windowAccess.manage(user, windowId).window());
        return new Reopening(r.allowed(), r.state().name(), r.until(), r.text().english());
    }

    @Operation(summary = "Codes issued, used and unused per group",
            description = "Per class for pupils and parents, and for teachers and leaders: codes issued (purged unused codes "
                    + "included, so that rates stay right after closing), used, still unused, and of the unused how many have a survey in "
                    + "progress (started, not sent). Counts only: no code is ever linked to a person. For a timetable (a OneRoster import), "
                    + "a row per teaching set too (teachingSet: true, not in any total): its pupils, whose codes are in their home groups, "
                    + "and how many of them answered, counted once the window is settled (closed, and its results read or calibrated or its time to reopen passed), and only from k "
                    + "pupils on (fewerThan: k, below); its unused and started are 0 (its pupils' home groups have them).")
    @GetMapping("/api/v1/windows/{windowId}/response-rates")
    List<RateView> rates(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return responses.rates(windowAccess.view(user, windowId).window()).stream()
                .map(r -> new RateView(r.role(), r.group(), r.issued(), r.used(), r.unused(), r.started(), r.rate(), !r.counted(),
                        r.fewerThan() > 0 ? r.fewerThan() : null, r.later())).toList();
    }
}

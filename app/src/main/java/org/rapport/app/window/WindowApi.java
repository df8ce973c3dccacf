package org.rapport.app.window;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.BodyValidator;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

    WindowApi(WindowService windows, Windows reads, ResponseCounts responses, SchoolAccess access, WindowAccess windowAccess,
              BodyValidator validator) {
        this.windows = windows;
        this.reads = reads;
        this.responses = responses;
        this.access = access;
        this.windowAccess = windowAccess;
        this.validator = validator;
    }

    public record NewWindow(@NotBlank(message = "give the window a name") @Size(max = 80, message = "at most 80 characters") String name) {
    }

    /** A group's codes: issued (including unused ones purged after closing), used, unused, and unused with a survey in progress. */
    public record RateView(RespondentRole role, String group, int issued, int used, int unused, int started, double rate) {
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

    @Operation(summary = "Close a window for good")
    @PostMapping("/api/v1/windows/{windowId}/close")
    SurveyWindow close(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return windows.close(windowAccess.manage(user, windowId).window());
    }

    @Operation(summary = "Codes issued, used and unused per group",
            description = "Per class for pupils and parents, and for teachers and leaders: codes issued (purged unused codes "
                    + "included, so that rates stay right after closing), used, still unused, and of the unused how many have a survey in "
                    + "progress (started, not sent). Counts only: no code is ever linked to a person.")
    @GetMapping("/api/v1/windows/{windowId}/response-rates")
    List<RateView> rates(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return responses.rates(windowAccess.view(user, windowId).window()).stream()
                .map(r -> new RateView(r.role(), r.group(), r.issued(), r.used(), r.unused(), r.started(), r.rate())).toList();
    }
}

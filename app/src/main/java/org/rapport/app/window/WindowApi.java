package org.rapport.app.window;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.rapport.app.access.AccessCode;
import org.rapport.app.access.CodeService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.School;
import org.rapport.app.security.Access;
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
public class WindowApi {
    private final WindowService windows;
    private final CodeService codes;
    private final ResponseRates reports;
    private final Access access;
    private final WindowRepository repository;
    private final WindowAccess windowAccess;
    private final BodyValidator validator;

    public WindowApi(WindowService windows, CodeService codes, ResponseRates reports, Access access, WindowRepository repository,
                     WindowAccess windowAccess, BodyValidator validator) {
        this.validator = validator;
        this.repository = repository;
        this.windowAccess = windowAccess;
        this.windows = windows;
        this.codes = codes;
        this.reports = reports;
        this.access = access;
    }

    public record NewWindow(@NotBlank(message = "give the window a name") @Size(max = 80, message = "at most 80 characters") String name) {
    }

    public record CodeRequest(@NotNull(message = "choose PUPIL, PARENT, TEACHER or LEADER") RespondentRole role,
                              @Size(max = 500, message = "at most 500 classes at once") List<Long> classes) {
    }

    public record GeneratedCodes(long windowId, RespondentRole role, List<CodeGroup> groups) {
    }

    public record CodeGroup(String group, Long classId, int alreadyUsed, List<String> codes) {
    }

    public record RateView(RespondentRole role, String group, int issued, int used, double rate) {
    }

    @Operation(summary = "The survey windows of a school")
    @GetMapping("/api/v1/schools/{schoolId}/windows")
    public List<SurveyWindow> list(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId) {
        return repository.forSchool(access.viewSchool(user, schoolId).id());
    }

    @Operation(summary = "Create a survey window (not yet open)")
    @PostMapping("/api/v1/schools/{schoolId}/windows")
    @ResponseStatus(HttpStatus.CREATED)
    public SurveyWindow create(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                               @RequestBody(required = false) NewWindow body) {
        School school = access.manageSchool(user, schoolId);
        return windows.create(school, validator.check(body).name());
    }

    @Operation(summary = "A window with its status")
    @GetMapping("/api/v1/windows/{windowId}")
    public SurveyWindow get(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return windowAccess.view(user, windowId).window();
    }

    @Operation(summary = "Open a window for answers")
    @PostMapping("/api/v1/windows/{windowId}/open")
    public SurveyWindow open(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return windows.open(windowAccess.manage(user, windowId).window());
    }

    @Operation(summary = "Close a window for good")
    @PostMapping("/api/v1/windows/{windowId}/close")
    public SurveyWindow close(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return windows.close(windowAccess.manage(user, windowId).window());
    }

    @Operation(summary = "Generate access codes",
            description = "One code per pupil seat (PUPIL) or family (PARENT) of each class, or per teacher or leader. "
                    + "The codes are in this answer only: Rapport keeps their hashes. Generating again replaces a group's unused codes.")
    @PostMapping("/api/v1/windows/{windowId}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    public GeneratedCodes generate(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                                   @RequestBody(required = false) CodeRequest body) {
        SurveyWindow window = windowAccess.manage(user, windowId).window();
        validator.check(body);
        CodeService.Batch batch = codes.generate(window, body.role(), body.classes());
        return new GeneratedCodes(window.id(), body.role(), batch.groups().stream()
                .map(g -> new CodeGroup(g.name(), g.classId(), g.alreadyUsed(),
                        g.slips().stream().map(s -> AccessCode.format(s.code())).toList()))
                .toList());
    }

    @Operation(summary = "Codes issued and used per group")
    @GetMapping("/api/v1/windows/{windowId}/response-rates")
    public List<RateView> rates(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        return reports.responseRates(windowAccess.view(user, windowId).window()).stream()
                .map(r -> new RateView(r.role(), r.group(), r.issued(), r.used(), r.rate())).toList();
    }
}

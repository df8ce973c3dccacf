package org.rapport.app.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.BodyValidator;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowAccess;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

@ApiController
@Tag(name = "Survey windows and access codes")
class CodeApi {
    private final CodeService codes;
    private final WindowAccess windowAccess;
    private final BodyValidator validator;
    private final CodeMail mail;

    CodeApi(CodeService codes, WindowAccess windowAccess, BodyValidator validator, CodeMail mail) {
        this.mail = mail;
        this.codes = codes;
        this.windowAccess = windowAccess;
        this.validator = validator;
    }

    public record CodeRequest(@NotNull(message = "choose PUPIL, PARENT, TEACHER or LEADER") RespondentRole role,
                              @Size(max = 500, message = "at most 500 classes at once") List<Long> classes) {
    }

    public record GeneratedCodes(long windowId, RespondentRole role, List<CodeGroup> groups) {
    }

    /** {@code classes}: for a timetable's pupil codes, each code's other classes (the slip's line saying whose it is), else null. */
    public record CodeGroup(String group, Long classId, int alreadyUsed, List<String> codes, List<String> classes) {
    }

    @Operation(summary = "Generate access codes",
            description = "One code per pupil seat (PUPIL) or family (PARENT) of each class, or per teacher or leader. For a timetable "
                    + "(a OneRoster import) one code per pupil and per family in each home group, each pupil code for the pupil's set of "
                    + "classes (listed, code by code, in 'classes'). "
                    + "The codes are in this answer only: Rapport keeps their hashes. Generating again replaces a group's unused codes.")
    @PostMapping("/api/v1/windows/{windowId}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    GeneratedCodes generate(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                            @RequestBody(required = false) CodeRequest body) {
        SurveyWindow window = windowAccess.manage(user, windowId).window();
        validator.check(body);
        CodeService.Batch batch = codes.generate(window, body.role(), body.classes());
        return new GeneratedCodes(window.id(), body.role(), batch.groups().stream()
                .map(g -> new CodeGroup(g.name(), g.classId(), g.alreadyUsed(), g.slips().stream().map(CodeService.Slip::formatted).toList(),
                        g.slips().stream().anyMatch(s -> s.classes() != null)
                                ? g.slips().stream().map(s -> s.classes() == null ? "" : s.classes()).toList() : null))
                .toList());
    }

    public record Mailed(int sent) {
    }

    @Operation(summary = "E-mail teacher or leader codes, one personal message each",
            description = "Fresh codes dealt out at random to the school's active teachers (or leaders). Which code went to whom is kept, "
                    + "sealed and shown to nobody, only until the code is used or the window closes, for reminders. 409 once any code of "
                    + "that role is used; 400 without an SMTP server.")
    @PostMapping("/api/v1/windows/{windowId}/codes/mail")
    Mailed mail(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String role) {
        windowAccess.manage(user, windowId);
        return new Mailed(mail.mail(user, windowId, CodeController.role(role)));
    }

    public record Reminded(int sent) {
    }

    @Operation(summary = "Remind teachers or leaders whose e-mailed code is unused",
            description = "One message each, with the same code, to those whose e-mailed code of that role is still unused; nobody else. "
                    + "At most once a day (409 otherwise), only while the window is open (409); 400 without an SMTP server. "
                    + "The answer is a count: who was reminded is never shown.")
    @PostMapping("/api/v1/windows/{windowId}/codes/remind")
    Reminded remind(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                    @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String role) {
        windowAccess.manage(user, windowId);
        return new Reminded(mail.remind(user, windowId, CodeController.role(role)));
    }
}

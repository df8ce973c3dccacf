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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
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

    /**
     * A group's codes to print: {@code reprinted} of them given before, the rest new; {@code unshown} unused codes made before
     * codes were kept sealed, which work but cannot be shown; {@code inProgress} codes a replacement kept because a survey had
     * started with them. {@code classes}: for a timetable's pupil codes, each code's other classes (the slip's line saying
     * whose it is), else null.
     */
    public record CodeGroup(String group, Long classId, int alreadyUsed, List<String> codes, int reprinted, int unshown, int inProgress,
                            List<String> classes) {
    }

    private static GeneratedCodes view(SurveyWindow window, RespondentRole role, CodeService.Batch batch) {
        return new GeneratedCodes(window.id(), role, batch.groups().stream()
                .map(g -> new CodeGroup(g.name(), g.classId(), g.alreadyUsed(), g.slips().stream().map(CodeService.Slip::formatted).toList(),
                        g.reprinted(), g.unshown(), g.inProgress(),
                        g.slips().stream().anyMatch(s -> s.classes() != null)
                                ? g.slips().stream().map(s -> s.classes() == null ? "" : s.classes()).toList() : null))
                .toList());
    }

    @Operation(summary = "Access codes to print or hand out",
            description = "One code per pupil seat (PUPIL) or family (PARENT) of each class, or per teacher or leader. For a timetable "
                    + "(a OneRoster import) one code per pupil and per family in each home group, each pupil code for the pupil's set of "
                    + "classes (listed, code by code, in 'classes'). Each group's unused "
                    + "codes are given again (Rapport keeps them sealed until used, a week after the window closes at most) and new codes "
                    + "are made only for seats that have none: calling this again voids nothing. To void a lost sheet's codes, replace them.")
    @PostMapping("/api/v1/windows/{windowId}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    GeneratedCodes generate(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                            @RequestBody(required = false) CodeRequest body) {
        SurveyWindow window = windowAccess.manage(user, windowId).window();
        validator.check(body);
        return view(window, body.role(), codes.generate(window, body.role(), body.classes()));
    }

    public record ReplacementView(long windowId, RespondentRole role, int voids, int inProgress, int used, List<CodeService.Replaced> groups) {
    }

    @Operation(summary = "What replacing codes would void (changes nothing)",
            description = "For a role's codes (of these classes, or all): how many unused codes replacing would void (every slip, letter "
                    + "or e-mail of them stops working), and how many it keeps because a survey is in progress with them or they are used. "
                    + "Send voids back to replace.")
    @GetMapping("/api/v1/windows/{windowId}/codes/replacement")
    ReplacementView replacement(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                                @RequestParam(defaultValue = "") String role, @RequestParam(name = "classes", required = false) List<Long> classes) {
        SurveyWindow window = windowAccess.manage(user, windowId).window();
        if (classes != null && classes.size() > 500) {
            throw new org.rapport.app.web.InvalidInputException("classes", "at most 500 classes at once");
        }
        RespondentRole r = CodeController.role(role);
        CodeService.Replacement p = codes.preview(window, r, classes);
        return new ReplacementView(window.id(), r, p.voids(), p.inProgress(), p.used(), p.groups());
    }

    public record ReplaceRequest(@NotNull(message = "choose PUPIL, PARENT, TEACHER or LEADER") RespondentRole role,
                                 @Size(max = 500, message = "at most 500 classes at once") List<Long> classes,
                                 @NotNull(message = "confirm with the number of codes replacing voids, from GET .../codes/replacement") Integer voids) {
    }

    @Operation(summary = "Replace codes (a lost sheet)",
            description = "Voids a role's unused codes (of these classes, or all) that no survey has started, and makes new ones for the "
                    + "seats left without a code (a timetable's home group: for each pupil's set of classes, as many codes as its pupils); "
                    + "the answer has only the new codes. voids must be the number the replacement preview gave: "
                    + "409 with the current number if it changed (nothing is replaced then). A code with a survey in progress, or used, is "
                    + "never voided.")
    @PostMapping("/api/v1/windows/{windowId}/codes/replace")
    @ResponseStatus(HttpStatus.CREATED)
    GeneratedCodes replace(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                           @RequestBody(required = false) ReplaceRequest body) {
        SurveyWindow window = windowAccess.manage(user, windowId).window();
        validator.check(body);
        return view(window, body.role(), codes.replace(window, body.role(), body.classes(), body.voids()));
    }

    public record Mailed(int sent) {
    }

    @Operation(summary = "E-mail teacher or leader codes, one personal message each",
            description = "The group's unused codes (the printed teacher or leader sheet's, so hand out one or the other), and new ones for "
                    + "seats without one, dealt out at random to the school's active teachers (or leaders); someone e-mailed before gets the "
                    + "same code again. Which code went to whom is kept, "
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

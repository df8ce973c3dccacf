package org.rapport.app.yousaid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

@ApiController
@Tag(name = "You said, we did")
class YouSaidApi {
    private final YouSaidWeDid youSaid;

    YouSaidApi(YouSaidWeDid youSaid) {
        this.youSaid = youSaid;
    }

    @Operation(summary = "The school's released results of a window, to cite (school admins)")
    @GetMapping("/api/v1/windows/{windowId}/you-said/options")
    List<YouSaidWeDid.Heard> options(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Locale locale) {
        return youSaid.options(user, windowId, locale);
    }

    public record Publish(List<String> heard, String weWill, String byWhen) {
    }

    public record Published(String key, String path) {
    }

    @Operation(summary = "Publish what we heard, what we will do and by when (school admins)",
            description = "heard: scale keys among the options (results the privacy engine shows). One page per window: publishing again "
                    + "corrects it in place (and shows it again if withdrawn). Answers the school's public address.")
    @PostMapping("/api/v1/windows/{windowId}/you-said")
    @ResponseStatus(HttpStatus.CREATED)
    Published publish(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestBody Publish body, Locale locale) {
        String key = youSaid.publish(user, windowId, body.heard(), body.weWill(), body.byWhen(), locale);
        return new Published(key, "/you-said/" + key);
    }

    @Operation(summary = "Withdraw the window's page from the school's public address (school admins)",
            description = "Kept, to be put back with POST …/you-said/restore; publishing again corrects it and shows it again.")
    @org.springframework.web.bind.annotation.DeleteMapping("/api/v1/windows/{windowId}/you-said")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        youSaid.withdraw(user, windowId);
    }

    @Operation(summary = "Put a withdrawn page back on the school's public address (school admins)")
    @PostMapping("/api/v1/windows/{windowId}/you-said/restore")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void restore(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId) {
        youSaid.restore(user, windowId);
    }

    @Operation(summary = "A school's published pages, newest first (public)",
            description = "What was heard is shown afresh from the results the privacy engine releases now.")
    @GetMapping("/api/v1/you-said/{key}")
    YouSaidWeDid.Published published(@PathVariable String key, Locale locale) {
        return youSaid.published(key, locale);
    }

    public record Reply(String text) {
    }

    @Operation(summary = "My reply to my classes after a window (teachers)",
            description = "\"You told me…, so I will…\", at most 600 characters; shown to my pupils at the top of the questions about me when "
                    + "they next open a survey. An empty text removes it. A bidirectional control (U+202A to U+202E, U+2066 to U+2069), "
                    + "which would make it read differently from what was typed, is refused: 400 whose error names the field (text), the "
                    + "character and its position (from 1); nothing is saved.")
    @org.springframework.web.bind.annotation.PutMapping("/api/v1/windows/{windowId}/reply")
    Reply reply(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestBody Reply body) {
        youSaid.reply(user, windowId, body.text());
        return new Reply(youSaid.reply(user, windowId).orElse(""));
    }
}

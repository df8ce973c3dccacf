package org.rapport.app.retention;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.rapport.app.school.SchoolSettings;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController
@Tag(name = "Retention")
class RetentionApi {
    private final Retention retention;
    private final SchoolSettings settings;

    RetentionApi(Retention retention, SchoolSettings settings) {
        this.retention = retention;
        this.settings = settings;
    }

    @Operation(summary = "Delete a closed window's raw answers for good, once confirmed",
            description = "Responses, answers, comments, receipts, drafts and unused codes. The results the round showed are kept "
                    + "(frozen), so trends survive. Two steps: without confirm=true nothing changes and the answer is 409 (field confirm); "
                    + "with it the answers are deleted. 409 while any school's window of the round is open, while the network is not "
                    + "calibrated (the round's results could not be kept), or if already deleted. The 409 without confirm=true says how "
                    + "many responses go. The network's research export of the round (GET /api/v1/windows/{id}/research/…) no longer "
                    + "contains them once deleted, and says so in its note lines; the round's results, every school's and the network's, "
                    + "are kept as they were calculated before (frozen first).")
    @DeleteMapping("/api/v1/windows/{windowId}/raw")
    Map<String, Integer> deleteRaw(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                                   @RequestParam(required = false) String confirm) {
        retention.requireManage(user, windowId);
        if (confirm != null && !confirm.equals("true") && !confirm.equals("false")) {
            throw new InvalidInputException("confirm", "confirm is true or false, not " + InvalidInputException.abbreviate(confirm, 20));
        }
        if (!"true".equals(confirm)) {
            Retention.RawPreview preview = retention.preview(user, windowId);
            throw new ConflictException("confirm", "deleting a window's raw answers and comments is for good: "
                    + "send confirm=true to delete them (the results the round showed are kept). It deletes this school's "
                    + preview.responses() + (preview.responses() == 1 ? " response" : " responses") + " of " + preview.window()
                    + "; the network's research export of " + preview.window() + " will then no longer contain "
                    + (preview.responses() == 1 ? "it" : "them") + " (its category map may change, and it says which schools' raw "
                    + "answers were deleted and when), while the network's results already calculated for " + preview.window()
                    + " stay as they are.");
        }
        return retention.deleteRaw(user, windowId);
    }

    @Operation(summary = "Deletions of raw data", description = "The network's for a network admin, the school's for a school admin.")
    @GetMapping("/api/v1/deletions")
    List<Retention.Deletion> deletions(@AuthenticationPrincipal StaffUser user) {
        if (!(user.isNetworkAdmin() || user.isSchoolAdmin())) {
            throw new AccessDeniedException("admins only");
        }
        return retention.deletions(user);
    }

    public record Period(Integer retentionDays) {
    }

    @Operation(summary = "How long raw answers are kept after a window closes")
    @GetMapping("/api/v1/network/retention")
    Period period(@AuthenticationPrincipal StaffUser user) {
        return new Period(settings.retentionDays(user.networkId()).orElse(null));
    }

    @Operation(summary = "Set how long raw answers are kept", description = "Network admins; 30 to 3650 days, or null to keep them.")
    @PutMapping("/api/v1/network/retention")
    Period setPeriod(@AuthenticationPrincipal StaffUser user, @RequestBody(required = false) com.fasterxml.jackson.databind.JsonNode body) {
        settings.mayChangeRetention(user);
        // the field must be there: a misspelt one must not switch deletion off by reading as "keep them"
        if (body == null || !body.isObject() || !body.has("retentionDays") || !(body.get("retentionDays").isNull()
                || body.get("retentionDays").canConvertToInt() && body.get("retentionDays").isIntegralNumber())) {
            throw new org.rapport.app.web.InvalidInputException("retentionDays",
                    "send {\"retentionDays\": 30 to 3650} to delete raw answers that long after a window closes, or {\"retentionDays\": null} to keep them");
        }
        settings.setRetentionDays(user, body.get("retentionDays").isNull() ? null : body.get("retentionDays").intValue());
        return period(user);
    }
}

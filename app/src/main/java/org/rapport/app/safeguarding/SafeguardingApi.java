package org.rapport.app.safeguarding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.rapport.app.school.SchoolSettings;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

@ApiController
@Tag(name = "Safeguarding")
class SafeguardingApi {
    private final Safeguarding safeguarding;
    private final SchoolSettings settings;

    SafeguardingApi(Safeguarding safeguarding, SchoolSettings settings) {
        this.safeguarding = safeguarding;
        this.settings = settings;
    }

    @Operation(summary = "Comments that matched a concern phrase, for a designated safeguarding lead",
            description = "The text and the window only: nothing that narrows who wrote it. Not yet reviewed first. 403 for anyone who is not a lead.")
    @GetMapping("/api/v1/safeguarding/concerns")
    List<Safeguarding.Concern> concerns(@AuthenticationPrincipal StaffUser user) {
        if (!safeguarding.isLead(user)) {
            throw new AccessDeniedException("designated safeguarding leads only");
        }
        return safeguarding.concerns(user);
    }

    @Operation(summary = "Mark a concern as reviewed", description = "Kept, with who reviewed it and when.")
    @PostMapping("/api/v1/safeguarding/concerns/{concernId}/review")
    void review(@AuthenticationPrincipal StaffUser user, @PathVariable long concernId) {
        safeguarding.review(user, concernId);
    }

    /**
     * {@code leads}: the leads' staff ids; {@code leadByDefault}: true when none is named and the school's head
     * is the lead by default (ignored when sent); {@code escalateAfterHours}: how long a concern may wait
     * unreviewed before the school's admins are alerted (left as it is when not sent); {@code supportText}: what pupils
     * are told about whom to talk to in every language without a text of its own; {@code supportTexts}: the texts of
     * languages of their own, by language tag ({@code {"ar": "...", "es": "..."}}; a blank one: none for that language;
     * left as they are when not sent).
     */
    public record SchoolSafeguarding(List<Long> leads, Boolean leadByDefault, String supportText, Map<String, String> supportTexts,
                                     Integer escalateAfterHours) {
    }

    @Operation(summary = "A school's designated safeguarding leads, what its pupils are told about whom to talk to, and when a waiting concern escalates",
            description = "While no lead is named, the school's head (its first administrator) is the lead, and leadByDefault is true. "
                    + "A pupil reads supportTexts' text of the survey's language, else supportText.")
    @GetMapping("/api/v1/schools/{schoolId}/safeguarding")
    SchoolSafeguarding school(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId) {
        List<Safeguarding.Lead> staff = safeguarding.leads(user, schoolId);
        List<Long> leads = staff.stream().filter(Safeguarding.Lead::lead).map(Safeguarding.Lead::id).toList();
        return new SchoolSafeguarding(leads, staff.stream().anyMatch(Safeguarding.Lead::byDefault), settings.supportText(schoolId).orElse(null),
                settings.supportTexts(schoolId), safeguarding.escalationHours(schoolId));
    }

    @Operation(summary = "Set a school's leads, support text and escalation time",
            description = "School admins; leads must be active staff of the school. [] returns the school to its default lead, the head. "
                    + "escalateAfterHours: 1 to 168, optional. supportTexts: a text per language tag, each a language the survey is "
                    + "offered in (400 naming any other), at most 1000 characters; optional (left as they are when not sent), "
                    + "{} removes them all.")
    @PutMapping("/api/v1/schools/{schoolId}/safeguarding")
    SchoolSafeguarding setSchool(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @RequestBody SchoolSafeguarding body) {
        safeguarding.leads(user, schoolId);
        if (body.leads() == null) {
            throw new InvalidInputException("leads", "send the list of staff ids, [] for the default lead (the head)");
        }
        safeguarding.saveSchool(user, schoolId, body.leads(), body.supportText(), body.supportTexts(), body.escalateAfterHours());
        return school(user, schoolId);
    }

    @Operation(summary = "The concern phrases in force for the network, by language")
    @GetMapping("/api/v1/safeguarding/phrases")
    Map<String, List<String>> phrases(@AuthenticationPrincipal StaffUser user) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("network admins only");
        }
        return safeguarding.lists(user.networkId());
    }

    public record PhraseList(List<String> phrases) {
    }

    @Operation(summary = "Replace the network's concern phrases for one language",
            description = "One phrase per entry; a trailing * matches any ending. Refused whole, with each bad phrase named, if any is invalid.")
    @PutMapping("/api/v1/safeguarding/phrases/{language}")
    Map<String, List<String>> setPhrases(@AuthenticationPrincipal StaffUser user, @PathVariable String language, @RequestBody PhraseList body) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("network admins only");
        }
        if (body.phrases() == null) {
            throw new InvalidInputException("phrases", "send {\"phrases\": [...]}");
        }
        safeguarding.setPhrases(user, language, body.phrases());
        return safeguarding.lists(user.networkId());
    }
}

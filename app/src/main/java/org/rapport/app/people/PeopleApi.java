package org.rapport.app.people;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * A school's people changed one by one (school admins of the school, and the network's admins): each action is
 * previewed first (what it will change, or why it cannot be done, and the {@code confirm} value) and then sent with
 * that value; if anything changed in between, nothing is done (409).
 */
@ApiController
@Tag(name = "People")
class PeopleApi {
    private final People people;
    private final MessageSource messages;

    PeopleApi(People people, MessageSource messages) {
        this.people = people;
        this.messages = messages;
    }

    public record Person(long id, String name, String email, String staffId, String role, boolean leader, boolean active) {
        static Person of(StaffMember m) {
            return m == null ? null : new Person(m.id(), m.name(), m.email(), m.ref(), m.role(), m.leader(), m.active());
        }
    }

    /** {@code into}: the person kept, for a merge; {@code confirm}: null when it cannot be done ({@code refusals} say why). */
    public record PlanView(String action, Person person, Person into, String staffId, List<String> changes, List<String> refusals, String confirm) {
    }

    public record StaffIdRequest(String newId, String confirm) {
    }

    public record MergeRequest(Long into, String keepId, String confirm) {
    }

    public record ConfirmRequest(String confirm) {
    }

    private PlanView view(People.Plan plan) {
        Locale locale = LocaleContextHolder.getLocale();
        return new PlanView(plan.action().name(), Person.of(plan.person()), Person.of(plan.other()), plan.staffId(),
                plan.changes().stream().map(t -> t.in(messages, locale)).toList(), plan.refusals().stream().map(t -> t.in(messages, locale)).toList(),
                plan.confirm());
    }

    @Operation(summary = "The school's people (school admins)", description = "Everyone of the school's staff, active first.")
    @GetMapping("/api/v1/schools/{schoolId}/people")
    List<Person> list(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId) {
        return people.staff(user, schoolId).stream().map(Person::of).toList();
    }

    @Operation(summary = "What changing a person's staff id would do", description = "Body {newId}. Nothing changes.")
    @PostMapping("/api/v1/schools/{schoolId}/people/{staffId}/staff-id/preview")
    PlanView previewStaffId(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId,
                            @RequestBody(required = false) StaffIdRequest body) {
        return view(people.planStaffId(user, schoolId, staffId, body == null ? null : body.newId()));
    }

    @Operation(summary = "Change a person's staff id", description = "Body {newId, confirm}, confirm as the preview gave it; 409 if refused "
            + "or if anything changed since the preview.")
    @PostMapping("/api/v1/schools/{schoolId}/people/{staffId}/staff-id")
    PlanView changeStaffId(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId,
                           @RequestBody(required = false) StaffIdRequest body) {
        return view(people.changeStaffId(user, schoolId, staffId, body == null ? null : body.newId(), body == null ? null : body.confirm()));
    }

    @Operation(summary = "What retiring a person would do", description = "Nothing changes.")
    @PostMapping("/api/v1/schools/{schoolId}/people/{staffId}/retire/preview")
    PlanView previewRetire(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId) {
        return view(people.planRetire(user, schoolId, staffId));
    }

    @Operation(summary = "Retire a person: they can no longer sign in, teach no class and get no code; their history is kept",
            description = "Body {confirm}, as the preview gave it; 409 if refused or if anything changed since the preview.")
    @PostMapping("/api/v1/schools/{schoolId}/people/{staffId}/retire")
    PlanView retire(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId,
                    @RequestBody(required = false) ConfirmRequest body) {
        return view(people.retire(user, schoolId, staffId, body == null ? null : body.confirm()));
    }

    @Operation(summary = "What merging this person into another would do",
            description = "Body {into: the id of the person kept, keepId: \"into\" (default) or \"from\", the staff id the merged person keeps}. "
                    + "Nothing changes; refusals say why a merge cannot be done.")
    @PostMapping("/api/v1/schools/{schoolId}/people/{staffId}/merge/preview")
    PlanView previewMerge(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId,
                          @RequestBody(required = false) MergeRequest body) {
        return view(people.planMerge(user, schoolId, staffId, body == null ? null : body.into(), keep(body)));
    }

    @Operation(summary = "Merge this person into another, keeping everything each did",
            description = "Body {into, keepId, confirm}, confirm as the preview gave it; 409 if refused or if anything changed since the preview.")
    @PostMapping("/api/v1/schools/{schoolId}/people/{staffId}/merge")
    PlanView merge(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId,
                   @RequestBody(required = false) MergeRequest body) {
        return view(people.merge(user, schoolId, staffId, body == null ? null : body.into(), keep(body), body == null ? null : body.confirm()));
    }

    @Operation(summary = "The latest changes made to the school's people, and by whom")
    @GetMapping("/api/v1/schools/{schoolId}/people/changes")
    List<People.Change> changes(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId) {
        return people.changes(user, schoolId);
    }

    private static String keep(MergeRequest body) {
        return body == null ? null : body.keepId();
    }
}

package org.rapport.app.people;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Text;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A person of the school, from the roster page: their staff id changed, merged with another record of them, or
 * retired. Each asks first: "Check" shows what it will change (or why it cannot be done) with a button to do it.
 */
@Controller
class PeopleController {
    private final People people;
    private final SchoolAccess access;
    private final MessageSource messages;

    PeopleController(People people, SchoolAccess access, MessageSource messages) {
        this.people = people;
        this.access = access;
        this.messages = messages;
    }

    /** The person's page; with {@code action} (staff-id, merge, retire) what that would change, and the button to do it. */
    @GetMapping("/staff/schools/{schoolId}/people/{staffId}")
    String page(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId,
                @RequestParam(name = "action", required = false) String action, @RequestParam(name = "newId", required = false) String newId,
                @RequestParam(name = "into", required = false) Long into, @RequestParam(name = "keepId", required = false) String keepId,
                @RequestParam(name = "done", required = false) String done, Model model, Locale locale, HttpServletResponse response) {
        StaffMember person = people.person(user, schoolId, staffId);
        if (action != null) {
            try {
                People.Plan plan = switch (action) {
                    case "staff-id" -> people.planStaffId(user, schoolId, staffId, newId);
                    case "merge" -> people.planMerge(user, schoolId, staffId, into, keepId);
                    case "retire" -> people.planRetire(user, schoolId, staffId);
                    default -> throw new InvalidInputException("action", new Text("people.error.action"));
                };
                model.addAttribute("plan", plan);
                model.addAttribute("changes", plan.changes().stream().map(t -> t.in(messages, locale)).toList());
                model.addAttribute("refusals", plan.refusals().stream().map(t -> t.in(messages, locale)).toList());
            } catch (InvalidInputException e) {
                response.setStatus(400);
                model.addAttribute("problem", Text.of(e, messages, locale));
            }
        }
        model.addAttribute("done", done);
        fill(model, user, schoolId, person, action, newId, into, keepId);
        return "staff/person";
    }

    @PostMapping("/staff/schools/{schoolId}/people/{staffId}/staff-id")
    String changeStaffId(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId,
                         @RequestParam(name = "newId", required = false) String newId, @RequestParam(name = "confirm", required = false) String confirm,
                         Model model, Locale locale, HttpServletResponse response) {
        return doing(user, schoolId, staffId, "staff-id", newId, null, null, model, locale, response,
                () -> people.changeStaffId(user, schoolId, staffId, newId, confirm).person().id());
    }

    @PostMapping("/staff/schools/{schoolId}/people/{staffId}/merge")
    String merge(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId,
                 @RequestParam(name = "into", required = false) Long into, @RequestParam(name = "keepId", required = false) String keepId,
                 @RequestParam(name = "confirm", required = false) String confirm, Model model, Locale locale, HttpServletResponse response) {
        return doing(user, schoolId, staffId, "merge", null, into, keepId, model, locale, response,
                () -> people.merge(user, schoolId, staffId, into, keepId, confirm).other().id());
    }

    @PostMapping("/staff/schools/{schoolId}/people/{staffId}/retire")
    String retire(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId,
                  @RequestParam(name = "confirm", required = false) String confirm, Model model, Locale locale, HttpServletResponse response) {
        return doing(user, schoolId, staffId, "retire", null, null, null, model, locale, response,
                () -> people.retire(user, schoolId, staffId, confirm).person().id());
    }

    private interface Act {
        long run();
    }

    /** Does it and shows the person (the one kept, after a merge); or, with nothing done, says why beside the plan as it is now. */
    private String doing(StaffUser user, long schoolId, long staffId, String action, String newId, Long into, String keepId, Model model,
                         Locale locale, HttpServletResponse response, Act act) {
        StaffMember person = people.person(user, schoolId, staffId);
        try {
            long shown = act.run();
            return "redirect:/staff/schools/" + schoolId + "/people/" + shown + "?done=" + action;
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("problem", Text.of(e, messages, locale));
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("problem", Text.of(e, messages, locale));
        }
        fill(model, user, schoolId, person, action, newId, into, keepId);
        return "staff/person";
    }

    private void fill(Model model, StaffUser user, long schoolId, StaffMember person, String action, String newId, Long into, String keepId) {
        School school = access.manage(user, schoolId);
        List<StaffMember> staff = people.staff(user, schoolId);
        model.addAttribute("school", school);
        model.addAttribute("person", person);
        model.addAttribute("classes", people.classes(person));
        model.addAttribute("others", staff.stream().filter(m -> m.id() != person.id()).toList());
        model.addAttribute("action", action);
        model.addAttribute("newId", newId);
        model.addAttribute("into", into);
        model.addAttribute("keepId", keepId == null ? "into" : keepId);
        model.addAttribute("log", people.changes(user, schoolId));
    }
}

package org.rapport.app.goal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The goals page: a teacher's own goals, the school's, and for leaders the teachers' goals counted. */
@Controller
class GoalController {
    private final Goals goals;
    private final ItemBank bank;
    private final org.rapport.app.school.Schools schools;
    private final MessageSource messageSource;

    private final org.rapport.app.school.OwnPupils ownPupils;

    GoalController(Goals goals, ItemBank bank, org.rapport.app.school.Schools schools, MessageSource messageSource,
                   org.rapport.app.school.OwnPupils ownPupils) {
        this.ownPupils = ownPupils;
        this.schools = schools;
        this.goals = goals;
        this.bank = bank;
        this.messageSource = messageSource;
    }

    /**
     * A goal's form that was refused: which form ({@code own}, {@code team} or {@code school}), what was typed in it (shown
     * again, nothing lost) and why, in the reader's language.
     */
    record Refused(String form, Goals.NewGoal typed, String target, List<String> messages) {
    }

    @GetMapping("/staff/goals")
    String page(@AuthenticationPrincipal StaffUser user, Model model) {
        if (user.schoolId() == null) {
            return "redirect:/staff";
        }
        return show(user, model, null);
    }

    private String show(StaffUser user, Model model, Refused refused) {
        long school = user.schoolId();
        boolean leader = user.isSchoolAdmin();
        model.addAttribute("mine", goals.mine(user));
        java.util.Optional<Long> myTeam = schools.teamOf(user.id());
        model.addAttribute("inTeam", myTeam.isPresent());
        model.addAttribute("teamGoals", goals.ofMyTeam(user));
        // the school's goals, teachers' goals shared with the leaders, other teams' goals (for leaders): not one's own, shown above
        List<Goals.Outcome> ofSchool = goals.ofSchool(user, school);
        model.addAttribute("schoolGoals", ofSchool.stream()
                .filter(o -> !(o.goal().teachers() && o.goal().teacherId().equals(user.id())))
                .filter(o -> !(o.goal().team() && myTeam.map(t -> t.equals(o.goal().teamId())).orElse(false))).toList());
        model.addAttribute("leader", leader);
        model.addAttribute("user", user);
        if (leader) {
            model.addAttribute("teacherGoals", goals.teacherGoals(user, school));
        }
        model.addAttribute("schoolId", school);
        model.addAttribute("names", schools.names(ofSchool.stream().map(o -> o.goal().teacherId())
                .filter(java.util.Objects::nonNull).toList()));
        model.addAttribute("choices", goals.windowChoices(school));
        model.addAttribute("refused", refused);
        model.addAttribute("deleted", goals.deleted(user));
        model.addAttribute("keptDays", Goals.KEPT_AFTER_DELETION_DAYS);
        // a refused form the page no longer shows (the roster changed since it was loaded: no class, no team) says why at
        // the top, with the plan as it was typed
        boolean formShown = refused == null || switch (refused.form()) {
            case "own" -> ownPupils.of(user) || !goals.mine(user).isEmpty();
            case "team" -> myTeam.isPresent();
            default -> leader;
        };
        model.addAttribute("refusedElsewhere", !formShown);
        model.addAttribute("teacherFacets", bank.facets(Relationship.PUPIL_TEACHER).keySet());
        // a school's goal: each relationship with its own parts only, so that no pair offered is refused
        Map<Relationship, java.util.Set<String>> targets = new java.util.LinkedHashMap<>();
        for (Relationship r : Relationship.values()) {
            targets.put(r, bank.facets(r).keySet());
        }
        model.addAttribute("targets", targets);
        return "staff/goals";
    }

    @PostMapping("/staff/goals")
    String create(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String facet, @RequestParam(defaultValue = "") String plan,
                  @RequestParam(defaultValue = "") String baselineWindow, @RequestParam(defaultValue = "") String evaluationWindow,
                  Model model, Locale locale, HttpServletResponse response) {
        Goals.NewGoal goal = new Goals.NewGoal(Relationship.PUPIL_TEACHER.name(), facet, plan, baselineWindow, evaluationWindow);
        return save(user, "own", goal, "", () -> goals.createOwn(user, goal), model, locale, response);
    }

    @PostMapping("/staff/goals/team")
    String createForTeam(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String facet,
                         @RequestParam(defaultValue = "") String plan, @RequestParam(defaultValue = "") String baselineWindow,
                         @RequestParam(defaultValue = "") String evaluationWindow, Model model, Locale locale, HttpServletResponse response) {
        Goals.NewGoal goal = new Goals.NewGoal(Relationship.PUPIL_TEACHER.name(), facet, plan, baselineWindow, evaluationWindow);
        return save(user, "team", goal, "", () -> goals.createForTeam(user, goal), model, locale, response);
    }

    /**
     * A school's goal. The form sends what to improve as one choice, {@code target}: a relationship, or a relationship and one
     * of its parts ({@code PARENT_SCHOOL/openness}); {@code relationship} and {@code facet} apart are read when it is absent.
     */
    @PostMapping("/staff/schools/{schoolId}/goals")
    String createForSchool(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @RequestParam(defaultValue = "") String target,
                           @RequestParam(defaultValue = "") String relationship, @RequestParam(defaultValue = "") String facet,
                           @RequestParam(defaultValue = "") String plan, @RequestParam(defaultValue = "") String baselineWindow,
                           @RequestParam(defaultValue = "") String evaluationWindow, Model model, Locale locale, HttpServletResponse response) {
        if (!target.isBlank()) {
            int slash = target.indexOf('/');
            relationship = slash < 0 ? target : target.substring(0, slash);
            facet = slash < 0 ? "" : target.substring(slash + 1);
        }
        Goals.NewGoal goal = new Goals.NewGoal(relationship, facet, plan, baselineWindow, evaluationWindow);
        String chosen = facet.isBlank() ? relationship : relationship + "/" + facet;
        return save(user, "school", goal, chosen, () -> goals.createForSchool(user, schoolId, goal), model, locale, response);
    }

    /** Saves a goal, or shows the page again with the form as it was filled in and what was wrong with it (400). */
    private String save(StaffUser user, String form, Goals.NewGoal typed, String target, Runnable create, Model model, Locale locale,
                        HttpServletResponse response) {
        try {
            create.run();
            return "redirect:/staff/goals?saved";
        } catch (InvalidInputException e) {
            if (user.schoolId() == null) {
                throw e;
            }
            response.setStatus(e.status());
            List<String> messages = e.text() != null ? List.of(e.text().in(messageSource, locale))
                    : e.errors().stream().map(InvalidInputException.FieldError::message).toList();
            return show(user, model, new Refused(form, typed, target, messages));
        }
    }

    /** Before a teacher shares a goal: who will be able to read it, by name and role, and what they will read. Changes nothing. */
    @GetMapping("/staff/goals/{goalId}/share")
    String confirmShare(@AuthenticationPrincipal StaffUser user, @PathVariable long goalId, Model model) {
        model.addAttribute("preview", goals.sharePreview(user, goalId));
        return "staff/share-goal";
    }

    /** Shares only with {@code confirm=true}, which the confirmation page sends (without it, that page); stops at once. */
    @PostMapping("/staff/goals/{goalId}/share")
    String share(@AuthenticationPrincipal StaffUser user, @PathVariable long goalId, @RequestParam(defaultValue = "false") boolean shared,
                 @RequestParam(defaultValue = "false") String confirm) {
        if (shared && !"true".equals(confirm)) {
            goals.sharePreview(user, goalId);
            return "redirect:/staff/goals/" + goalId + "/share";
        }
        goals.share(user, goalId, shared);
        return "redirect:/staff/goals?" + (shared ? "shared" : "unshared");
    }

    @PostMapping("/staff/goals/{goalId}/delete")
    String delete(@AuthenticationPrincipal StaffUser user, @PathVariable long goalId) {
        goals.delete(user, goalId);
        return "redirect:/staff/goals?deleted";
    }

    @PostMapping("/staff/goals/{goalId}/restore")
    String restore(@AuthenticationPrincipal StaffUser user, @PathVariable long goalId) {
        goals.restore(user, goalId);
        return "redirect:/staff/goals?restored";
    }
}

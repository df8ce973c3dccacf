package org.rapport.app.goal;

import java.util.List;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.security.StaffUser;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
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
    private final Windows windows;
    private final ItemBank bank;
    private final org.rapport.app.school.Schools schools;

    GoalController(Goals goals, Windows windows, ItemBank bank, org.rapport.app.school.Schools schools) {
        this.schools = schools;
        this.goals = goals;
        this.windows = windows;
        this.bank = bank;
    }

    @GetMapping("/staff/goals")
    String page(@AuthenticationPrincipal StaffUser user, Model model) {
        if (user.schoolId() == null) {
            return "redirect:/staff";
        }
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
        model.addAttribute("windowNames", windows.forSchool(school).stream().map(SurveyWindow::name).distinct().toList());
        model.addAttribute("teacherFacets", bank.facets(Relationship.PUPIL_TEACHER).keySet());
        model.addAttribute("relationships", List.of(Relationship.values()));
        model.addAttribute("facets", java.util.Arrays.stream(Relationship.values())
                .flatMap(r -> bank.facets(r).keySet().stream()).distinct().toList());
        return "staff/goals";
    }

    @PostMapping("/staff/goals")
    String create(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String facet, @RequestParam(defaultValue = "") String plan,
                  @RequestParam(defaultValue = "") String baselineWindow, @RequestParam(defaultValue = "") String evaluationWindow) {
        goals.createOwn(user, new Goals.NewGoal(Relationship.PUPIL_TEACHER.name(), facet, plan, baselineWindow, evaluationWindow));
        return "redirect:/staff/goals?saved";
    }

    @PostMapping("/staff/goals/team")
    String createForTeam(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String facet,
                         @RequestParam(defaultValue = "") String plan, @RequestParam(defaultValue = "") String baselineWindow,
                         @RequestParam(defaultValue = "") String evaluationWindow) {
        goals.createForTeam(user, new Goals.NewGoal(Relationship.PUPIL_TEACHER.name(), facet, plan, baselineWindow, evaluationWindow));
        return "redirect:/staff/goals?saved";
    }

    @PostMapping("/staff/schools/{schoolId}/goals")
    String createForSchool(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @RequestParam(defaultValue = "") String relationship,
                           @RequestParam(defaultValue = "") String facet, @RequestParam(defaultValue = "") String plan,
                           @RequestParam(defaultValue = "") String baselineWindow, @RequestParam(defaultValue = "") String evaluationWindow) {
        goals.createForSchool(user, schoolId, new Goals.NewGoal(relationship, facet, plan, baselineWindow, evaluationWindow));
        return "redirect:/staff/goals?saved";
    }

    @PostMapping("/staff/goals/{goalId}/share")
    String share(@AuthenticationPrincipal StaffUser user, @PathVariable long goalId, @RequestParam(defaultValue = "false") boolean shared) {
        goals.share(user, goalId, shared);
        return "redirect:/staff/goals";
    }

    @PostMapping("/staff/goals/{goalId}/delete")
    String delete(@AuthenticationPrincipal StaffUser user, @PathVariable long goalId) {
        goals.delete(user, goalId);
        return "redirect:/staff/goals";
    }
}

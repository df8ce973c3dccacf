package org.rapport.app.goal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

@ApiController
@Tag(name = "Improvement goals")
class GoalApi {
    private final Goals goals;

    GoalApi(Goals goals) {
        this.goals = goals;
    }

    @Operation(summary = "My own goals with their outcomes (teachers)",
            description = "Before and after in Rapport points (to a tenth) with 90% intervals, and the change with the interval of the "
                    + "difference and a verdict (LIKELY_BETTER, NO_CLEAR_CHANGE, LIKELY_WORSE), only where the privacy engine shows both "
                    + "windows. status: SHOWN; WAITING (a window not closed yet); HIDDEN (too few answers, or a team's rule); "
                    + "UNRELIABLE (the part does not tell groups of its kind apart beyond their error, so it has no figure); "
                    + "NOT_CALIBRATED; TEAM_ONLY (a team's goal read from outside the team); NO_WINDOW (the window that will tell "
                    + "is none of the school's).")
    @GetMapping("/api/v1/goals")
    List<Goals.Outcome> mine(@AuthenticationPrincipal StaffUser user) {
        return goals.mine(user);
    }

    @Operation(summary = "Set myself a goal on how my pupils see me (teachers; private unless shared)",
            description = "baselineWindow: one of the school's windows that has opened; evaluationWindow: one of the school's windows, "
                    + "a later one (a window still to come is created first, without opening it). Anything else is refused with 400.")
    @PostMapping("/api/v1/goals")
    @ResponseStatus(HttpStatus.CREATED)
    Goal create(@AuthenticationPrincipal StaffUser user, @RequestBody Goals.NewGoal goal) {
        return goals.createOwn(user, goal);
    }

    @Operation(summary = "My team's goals with their outcomes (teachers in a team)",
            description = "A team's before and after is shown only where at least three of its teachers have results shown in both windows.")
    @GetMapping("/api/v1/goals/team")
    List<Goals.Outcome> team(@AuthenticationPrincipal StaffUser user) {
        return goals.ofMyTeam(user);
    }

    @Operation(summary = "Set my team a goal on how our pupils see us (teachers in a team)")
    @PostMapping("/api/v1/goals/team")
    @ResponseStatus(HttpStatus.CREATED)
    Goal createForTeam(@AuthenticationPrincipal StaffUser user, @RequestBody Goals.NewGoal goal) {
        return goals.createForTeam(user, goal);
    }

    public record Sharing(boolean shared) {
    }

    /** {@code readers}: who can now read the goal and its outcome, by name and role (none once it is not shared). */
    public record Shared(boolean shared, List<Goals.Reader> readers) {
    }

    @Operation(summary = "Share my goal and its outcome with my school's leaders, or stop",
            description = "Shares at once (the page asks first). Once shared, the goal, its plan, its two windows and, when both have "
                    + "closed, your pupils' figures on its part in each and the change, are readable by the school's admins and by "
                    + "every network admin of the network (GET /api/v1/schools/{id}/goals), even if you do not share your reports "
                    + "of those windows. The answer lists them: readers, by name and role (SCHOOL_ADMIN, NETWORK_ADMIN), with an "
                    + "active account; empty once stopped. Stopping takes effect at once.")
    @PutMapping("/api/v1/goals/{goalId}/shared")
    Shared share(@AuthenticationPrincipal StaffUser user, @PathVariable long goalId, @RequestBody Sharing sharing) {
        return new Shared(sharing.shared(), goals.share(user, goalId, sharing.shared()));
    }

    @Operation(summary = "Delete a goal (its teacher; a team's, one of its teachers; a school's, its admins)",
            description = "The goal leaves every list and count at once and can be restored (POST …/restore) for 30 days by whoever "
                    + "could delete it; then it is removed for good.")
    @DeleteMapping("/api/v1/goals/{goalId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal StaffUser user, @PathVariable long goalId) {
        goals.delete(user, goalId);
    }

    @Operation(summary = "The deleted goals I could restore, with the day each was deleted and the day it is removed for good")
    @GetMapping("/api/v1/goals/deleted")
    List<DeletedGoal> deleted(@AuthenticationPrincipal StaffUser user) {
        return goals.deleted(user);
    }

    @Operation(summary = "Restore a deleted goal, as it was (whoever could delete it; 404 once removed for good)")
    @PostMapping("/api/v1/goals/{goalId}/restore")
    Goal restore(@AuthenticationPrincipal StaffUser user, @PathVariable long goalId) {
        return goals.restore(user, goalId);
    }

    @Operation(summary = "A school's goals: its own, teachers' goals shared with its leaders, and teams' goals",
            description = "A team's goal carries its before and after only for the team's own teachers; anyone else (leaders included) gets "
                    + "it with status TEAM_ONLY and no figure: leaders see teams only in the school's unnamed range.")
    @GetMapping("/api/v1/schools/{schoolId}/goals")
    List<Goals.Outcome> ofSchool(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId) {
        return goals.ofSchool(user, schoolId);
    }

    @Operation(summary = "Set a goal for the school (school admins)")
    @PostMapping("/api/v1/schools/{schoolId}/goals")
    @ResponseStatus(HttpStatus.CREATED)
    Goal createForSchool(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @RequestBody Goals.NewGoal goal) {
        return goals.createForSchool(user, schoolId, goal);
    }

    @Operation(summary = "Teachers' goals counted (school admins)",
            description = "How many goals teachers have set themselves, how many have reached the window that tells and how many their "
                    + "teachers share with the leaders (those are listed with their outcomes among the school's goals). How the others "
                    + "went is never counted: a count less the shared ones' outcomes would be one teacher's.")
    @GetMapping("/api/v1/schools/{schoolId}/goals/teachers")
    Goals.TeacherGoalCounts teacherGoals(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId) {
        return goals.teacherGoals(user, schoolId);
    }
}

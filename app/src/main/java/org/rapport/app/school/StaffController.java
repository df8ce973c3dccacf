package org.rapport.app.school;

import java.util.ArrayList;
import java.util.List;
import org.rapport.app.measures.DriftCheck;
import org.rapport.app.security.Access;
import org.rapport.app.security.StaffUser;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowRepository;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The staff overview: the schools a member of staff may see, each with its survey windows. */
@Controller
public class StaffController {
    private final SchoolRepository schools;
    private final WindowRepository windows;
    private final Access access;
    private final DriftCheck driftCheck;

    public StaffController(SchoolRepository schools, WindowRepository windows, Access access, DriftCheck driftCheck) {
        this.schools = schools;
        this.windows = windows;
        this.access = access;
        this.driftCheck = driftCheck;
    }

    public record SchoolCard(School school, List<SurveyWindow> windows) {
    }

    @GetMapping("/staff")
    String overview(@AuthenticationPrincipal StaffUser user, Model model) {
        List<School> visible = user.isNetworkAdmin() ? schools.inNetwork(user.networkId())
                : List.of(access.viewSchool(user, user.schoolId()));
        List<SchoolCard> cards = new ArrayList<>();
        for (School s : visible) {
            cards.add(new SchoolCard(s, windows.forSchool(s.id())));
        }
        model.addAttribute("cards", cards);
        model.addAttribute("user", user);
        if (user.isNetworkAdmin()) {
            model.addAttribute("calibration", driftCheck.summary(user.networkId()).orElse(null));
        }
        return "staff/overview";
    }

    @GetMapping("/staff/schools/{schoolId}")
    String school(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, Model model) {
        School school = access.viewSchool(user, schoolId);
        model.addAttribute("cards", List.of(new SchoolCard(school, windows.forSchool(school.id()))));
        model.addAttribute("user", user);
        return "staff/overview";
    }
}

package org.rapport.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Service;

/** A teacher's own pupils' feedback beside their school, their team and their colleagues (unnamed), with their pupils' comments. */
@Service
class TeacherViews {
    /** The relationship a teacher's report is about. */
    private static final Relationship RELATIONSHIP = Relationship.PUPIL_TEACHER;
    private final Panels panels;
    private final Schools schools;
    private final Comments comments;

    TeacherViews(Panels panels, Schools schools, Comments comments) {
        this.panels = panels;
        this.schools = schools;
        this.comments = comments;
    }

    /**
     * The teacher's report; {@code withTeam}: with their team's row (read by the teacher themselves, not an admin who makes
     * the teams up: {@link org.rapport.app.security.StaffUser#readsTeamFigures()}).
     */
    Views.TeacherView teacher(SurveyWindow window, School school, StaffMember teacher, boolean own, boolean withTeam, boolean shared,
                                     List<Views.View> views, Locale locale) {
        Optional<WaveResults> wave = panels.wave(school, window);
        // the team the teacher was in when the window opened, with its teachers then: a window's teams never change
        Map<Long, Long> teams = schools.teamsIn(List.of(window.id()));
        Optional<Long> team = Optional.ofNullable(teams.get(teacher.id()));
        List<Long> teamMates = teams.entrySet().stream().filter(e -> team.isPresent() && e.getValue().equals(team.get()))
                .map(Map.Entry::getKey).toList();
        List<Views.FacetPanel> facets = new ArrayList<>();
        for (Scale scale : panels.scales(RELATIONSHIP)) {
            String label = panels.label(scale, locale);
            GroupResult mine = wave.map(w -> w.result(scale, GroupKey.teacher(teacher.id()))).orElse(null);
            Views.Measure measure = panels.measure(teacher.name(), wave, scale, GroupKey.teacher(teacher.id()), locale);
            Views.Measure schoolMeasure = panels.measure(school.name(), wave, scale, GroupKey.school(school.id()), locale);
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.add(panels.row(panels.msg(locale, "series.you"), measure, "yes"));
            rows.add(panels.row(panels.msg(locale, "series.school"), schoolMeasure, "no"));
            // the team is shown to its own teachers only: a leader reading a report its teacher shared gets the teacher's own
            // result, never their team's under its name (leaders see teams only in the school's unnamed spread)
            if (team.isPresent() && withTeam) {
                String series = panels.msg(locale, "series.yourTeam");
                Views.Measure teamMeasure = panels.measure(series, wave, scale, GroupKey.team(team.get()), locale);
                // a team the teacher may not see, or one the privacy engine hid, keeps its row and says why: a row that
                // disappeared would leave the teacher to guess
                rows.add(!wave.map(w -> w.teamShownToItsTeachers(scale, teamMates)).orElse(false)
                        ? Charts.map("series", series, "spread", "yes", "highlight", "no", "text",
                                panels.msg(locale, "team.tooFew", WaveResults.MIN_TEAM_TEACHERS))
                        : teamMeasure.shown() ? panels.row(series, teamMeasure, "no")
                        : Charts.map("series", series, "spread", "yes", "highlight", "no", "text", teamMeasure.status()));
            }
            // colleagues: their spread only, the teacher's own measure among them
            wave.ifPresent(w -> panels.addSpread(rows, w.passed(scale, GroupKey.Kind.TEACHER, s -> s == school.id()),
                    panels.msg(locale, "series.teachers"), locale));
            Panels.dropEmpty(rows);
            String title = panels.msg(locale, "chart.ranges", label);
            String id = scale.key().replace('/', '-');
            List<Views.Chart> charts = new ArrayList<>();
            charts.add(new Views.Chart(id + "-ranges", title, Charts.ranges(rows, title, panels.chartWords(locale)), panels.describe(rows, locale), rows));
            panels.distribution(id, label, mine, wave.map(w -> w.result(scale, GroupKey.school(school.id()))).orElse(null),
                    panels.msg(locale, "series.you"), panels.msg(locale, "series.school"), locale).ifPresent(charts::add);
            facets.add(new Views.FacetPanel(scale.facet() == null ? "all" : scale.facet(), label, measure,
                    panels.band(measure, schoolMeasure, panels.msg(locale, "band.school"), locale), charts, panels.shares(mine, scale, locale)));
        }
        List<String> written = comments.aboutTeacher(school.networkId(), window.name(), teacher.id(),
                wave.map(w -> w.result(new Scale(RELATIONSHIP, null), GroupKey.teacher(teacher.id()))).orElse(null));
        return new Views.TeacherView(panels.msg(locale, "teacher.title", window.name()), teacher.name(), school.name(), window.name(),
                wave.isPresent(), panels.minCellSize(), shared, own, facets, written, views);
    }
}

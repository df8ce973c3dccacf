package org.rapport.app.report;

import java.util.ArrayList;
import java.util.Comparator;
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
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.stereotype.Service;

/**
 * One relationship of a school's trust map, facet by facet: where the school stands among the
 * network's schools and its own classes, teachers or teams (unnamed), how its respondents spread,
 * the trend across windows, and what respondents wrote about the school.
 */
@Service
class RelationshipViews {
    private final Panels panels;
    private final Windows windows;
    private final Comments comments;

    RelationshipViews(Panels panels, Windows windows, Comments comments) {
        this.panels = panels;
        this.windows = windows;
        this.comments = comments;
    }

    Views.RelationshipView relationship(SurveyWindow window, School school, Relationship r, Locale locale) {
        Optional<WaveResults> wave = panels.wave(school, window);
        List<Views.FacetPanel> facets = new ArrayList<>();
        List<SurveyWindow> history = windows.forSchool(school.id()).stream()
                .filter(w -> w.status() != SurveyWindow.Status.DRAFT)
                .sorted(Comparator.comparing(SurveyWindow::openedOn, Comparator.nullsLast(Comparator.<java.time.LocalDate>naturalOrder()))
                        .thenComparingLong(SurveyWindow::id)).toList();
        // each past wave is looked up once for the page, not once per scale
        Map<String, Optional<WaveResults>> past = new java.util.HashMap<>();
        for (SurveyWindow w : history) {
            past.computeIfAbsent(w.name(), name -> panels.wave(school, w));
        }
        for (Scale scale : panels.scales(r)) {
            String label = panels.label(scale, locale);
            GroupResult own = wave.map(w -> w.result(scale, GroupKey.school(school.id()))).orElse(null);
            Views.Measure schoolMeasure = panels.school(school, window, wave, scale, locale);
            Views.Measure network = panels.network(school, wave, scale, locale);
            List<Views.Chart> charts = new ArrayList<>();
            String id = scale.key().replace('/', '-');
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.add(panels.row(panels.msg(locale, "series.school"), schoolMeasure, "yes"));
            rows.add(panels.row(panels.msg(locale, "series.network"), network, "no"));
            if (wave.isPresent()) {
                GroupKey.Kind peers = r.perTarget() ? GroupKey.Kind.TEACHER : GroupKey.Kind.CLASS;
                if (r.perTarget() || r.respondent().perClass()) {
                    panels.addSpread(rows, wave.get().passed(scale, peers, s -> s == school.id()),
                            panels.msg(locale, peers == GroupKey.Kind.TEACHER ? "series.teachers" : "series.classes"), locale);
                }
                if (r.perTarget()) {
                    panels.addSpread(rows, wave.get().passed(scale, GroupKey.Kind.TEAM, s -> s == school.id()), panels.msg(locale, "series.teams"),
                            locale);
                }
                panels.addSpread(rows, wave.get().passed(scale, GroupKey.Kind.SCHOOL, s -> true), panels.msg(locale, "series.schools"), locale);
            }
            Panels.dropEmpty(rows);
            String rangesTitle = panels.msg(locale, "chart.ranges", label);
            charts.add(new Views.Chart(id + "-ranges", rangesTitle, Charts.ranges(rows, rangesTitle, panels.chartWords(locale)), panels.describe(rows, locale), rows));
            panels.distribution(id, label, own, wave.map(w -> w.result(scale, GroupKey.NETWORK)).orElse(null), panels.msg(locale, "series.school"),
                    panels.msg(locale, "series.network"), locale).ifPresent(charts::add);
            charts.add(panels.trend(id, label, history.stream().map(SurveyWindow::name).toList(), past::get, scale,
                    GroupKey.school(school.id()), locale));
            facets.add(new Views.FacetPanel(scale.facet() == null ? "all" : scale.facet(), label, schoolMeasure,
                    panels.band(schoolMeasure, network, locale), charts, panels.shares(own, scale, locale)));
        }
        List<String> written = comments.aboutSchool(school.networkId(), window.name(), r, school.id(),
                wave.map(w -> w.result(new Scale(r, null), GroupKey.school(school.id()))).orElse(null));
        return new Views.RelationshipView(panels.msg(locale, "relationship.title", panels.relationshipLabel(r, locale), window.name()), r.name(),
                panels.relationshipLabel(r, locale), school.name(), window.name(), wave.isPresent(), panels.minCellSize(), facets,
                r.takesSchoolComments(), written);
    }
}

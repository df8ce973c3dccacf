package org.rapport.app.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.School;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Service;

/**
 * The trust map: the school's roles, each relationship an arrow from those who answered to those they answered about, with
 * its measure and 90% interval and where it stands against the network. The roles form a chain, drawn top to bottom in a
 * fixed order (parents, school, pupils, teachers, leaders) so that every arrow is straight and joins neighbours; teachers
 * about their colleagues is a badge on the teachers.
 */
@Service
class TrustMaps {
    /** The roles top to bottom. */
    static final List<String> NODES = List.of("parents", "school", "pupils", "teachers", "leaders");
    /** Between each role and the next: the relationship whose arrow goes down, and the one whose arrow goes up. */
    static final List<Relationship[]> LINKS = List.of(
            new Relationship[] {Relationship.PARENT_SCHOOL, null},
            new Relationship[] {null, Relationship.PUPIL_SCHOOL},
            new Relationship[] {Relationship.PUPIL_TEACHER, Relationship.TEACHER_PUPILS},
            new Relationship[] {Relationship.TEACHER_LEADERS, Relationship.LEADER_STAFF});
    /** A role's members about each other. */
    static final Map<String, Relationship> BADGES = Map.of("teachers", Relationship.TEACHER_COLLEAGUES);

    private final Panels panels;

    TrustMaps(Panels panels) {
        this.panels = panels;
    }

    /** Each relationship's ends: who answered, about whom (the table and the API name them). */
    static final Map<Relationship, String[]> ENDS = Map.of(
            Relationship.PUPIL_TEACHER, new String[] {"pupils", "teachers"},
            Relationship.TEACHER_PUPILS, new String[] {"teachers", "pupils"},
            Relationship.PUPIL_SCHOOL, new String[] {"pupils", "school"},
            Relationship.PARENT_SCHOOL, new String[] {"parents", "school"},
            Relationship.TEACHER_LEADERS, new String[] {"teachers", "leaders"},
            Relationship.LEADER_STAFF, new String[] {"leaders", "teachers"},
            Relationship.TEACHER_COLLEAGUES, new String[] {"teachers", "teachers"});

    Views.TrustMap trustMap(SurveyWindow window, School school, Locale locale) {
        Optional<WaveResults> wave = panels.wave(school, window);
        List<Views.Arrow> arrows = new ArrayList<>();
        Map<Relationship, Views.MapLabel> labels = new EnumMap<>(Relationship.class);
        for (Relationship r : Relationship.values()) {
            Scale scale = new Scale(r, null);
            Views.Measure own = panels.school(school, window, wave, scale, locale);
            Views.Measure network = panels.network(school, wave, scale, locale);
            String href = "/staff/windows/" + window.id() + "/relationships/" + r.name();
            String[] ends = ENDS.get(r);
            String label = panels.relationshipLabel(r, locale);
            String band = panels.band(own, network, locale);
            arrows.add(new Views.Arrow(r.name(), label, panels.msg(locale, "node." + ends[0]), panels.msg(locale, "node." + ends[1]), own, network,
                    band, href));
            String tone = !own.shown() ? "none" : Optional.ofNullable(Panels.bandKey(own, network)).orElse("unknown");
            if (own.favourable() != null) {
                // a scale not calibrated yet: its share of favourable answers, said to be one, compared with nothing
                labels.put(r, new Views.MapLabel(r.name(), label, own.favourable().text(), panels.msg(locale, "trustmap.favourable"),
                        "unknown", href));
                continue;
            }
            labels.put(r, new Views.MapLabel(r.name(), label, own.shown() ? own.text() : "–",
                    own.shown() ? band : panels.msg(locale, "trustmap.noFigure"), tone, href));
        }
        String calibration = wave.map(w -> panels.msg(locale, "calibration.label", w.calibration().version(), w.calibration().referenceWindow(),
                w.calibration().itemBank())).orElse("");
        return new Views.TrustMap(panels.msg(locale, "trustmap.title", window.name()), school.name(), window.name(), wave.isPresent(),
                calibration, panels.minCellSize(), arrows, picture(labels, locale));
    }

    /** The map as drawn, from each relationship's label. */
    Views.MapPicture picture(Map<Relationship, Views.MapLabel> labels, Locale locale) {
        List<Views.MapNode> nodes = new ArrayList<>();
        for (String n : NODES) {
            Relationship badge = BADGES.get(n);
            nodes.add(new Views.MapNode(n, panels.msg(locale, "node." + n), badge == null ? null : labels.get(badge)));
        }
        List<Views.MapLink> links = new ArrayList<>();
        for (Relationship[] l : LINKS) {
            links.add(new Views.MapLink(l[0] == null ? null : labels.get(l[0]), l[1] == null ? null : labels.get(l[1])));
        }
        List<Views.MapLegend> legend = new ArrayList<>();
        String network = panels.msg(locale, "band.network");
        for (String band : Panels.BANDS) {
            legend.add(new Views.MapLegend(band, panels.msg(locale, "band." + band, network)));
        }
        legend.add(new Views.MapLegend("none", panels.msg(locale, "trustmap.noFigure")));
        return new Views.MapPicture(nodes, links, legend);
    }
}

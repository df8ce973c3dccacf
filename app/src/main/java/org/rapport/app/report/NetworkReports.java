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
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.window.Wave;
import org.rapport.app.window.Windows;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The network's report for a network admin: every school's window of one name together, relationship by
 * relationship and part by part; where the network stands against the reference window's average; how
 * many schools stand clearly above the network, in line or clearly below (counts, never names or a
 * ranking); the schools' spread, unnamed; and the network over its windows.
 */
@Service
class NetworkReports {
    private final Panels panels;
    private final Windows windows;
    private final Schools schools;

    NetworkReports(Panels panels, Windows windows, Schools schools) {
        this.panels = panels;
        this.windows = windows;
        this.schools = schools;
    }

    /** The network admin's network; anyone else is refused. */
    static long network(StaffUser user) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("the network's report is for its network admins");
        }
        return user.networkId();
    }

    /** The network's window names that have a window past its draft (newest first), and the one the report shows. */
    record Rounds(List<String> names, String shown) {
    }

    /**
     * The round asked for; when none is, the newest with a closed window (its results are complete), else the
     * newest opened; an unknown name is not found.
     */
    Rounds rounds(long networkId, String asked) {
        List<Wave> opened = windows.waves(networkId).stream().filter(Wave::opened).toList();
        List<String> names = opened.stream().map(Wave::name).toList();
        if (asked == null || asked.isBlank()) {
            return new Rounds(names, opened.stream().filter(Wave::closed).map(Wave::name).findFirst()
                    .orElse(names.isEmpty() ? null : names.get(0)));
        }
        if (!names.contains(asked)) {
            throw new NotFoundException("survey window named", asked);
        }
        return new Rounds(names, asked);
    }

    String networkName(long networkId) {
        return schools.networkName(networkId);
    }

    Views.NetworkView view(long networkId, Rounds chosen, Locale locale) {
        List<String> rounds = chosen.names();
        String round = chosen.shown();
        String networkName = schools.networkName(networkId);
        int schoolCount = schools.inNetwork(networkId).size();
        if (round == null) {
            return new Views.NetworkView(panels.msg(locale, "network.title.none"), networkName, null, rounds, false, "", false,
                    panels.minCellSize(), schoolCount, List.of());
        }
        Optional<WaveResults> wave = panels.wave(networkId, round);
        // the network over its windows, oldest first; each wave looked up once for the page
        List<String> history = new ArrayList<>(rounds);
        java.util.Collections.reverse(history);
        Map<String, Optional<WaveResults>> past = new java.util.HashMap<>();
        for (String name : history) {
            past.put(name, name.equals(round) ? wave : panels.wave(networkId, name));
        }
        Views.Measure reference = new Views.Measure(panels.msg(locale, "network.reference"), Summaries.REFERENCE_AVERAGE,
                Summaries.REFERENCE_AVERAGE, Summaries.REFERENCE_AVERAGE, null, null, null, null,
                panels.interval(Summaries.REFERENCE_AVERAGE, Summaries.REFERENCE_AVERAGE, Summaries.REFERENCE_AVERAGE, locale));
        String referenceWords = panels.msg(locale, "network.band.reference");
        List<Views.NetworkRelationship> relationships = new ArrayList<>();
        for (Relationship r : Relationship.values()) {
            List<Views.NetworkPart> parts = new ArrayList<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            String schoolsSeries = panels.msg(locale, "series.schools");
            for (Scale scale : panels.scales(r)) {
                String label = panels.label(scale, locale);
                Views.Measure network = panels.measure(label, wave, scale, GroupKey.NETWORK, locale);
                parts.add(new Views.NetworkPart(scale.facet() == null ? "all" : scale.facet(), label, network,
                        panels.band(network, reference, referenceWords, locale), wave.map(w -> against(w, scale)).orElse(null)));
                rows.add(panels.row(label, network, "yes"));
                if (wave.isPresent()) {
                    panels.addSpread(rows, wave.get().passed(scale, GroupKey.Kind.SCHOOL, s -> true), label + " · " + schoolsSeries, locale);
                }
            }
            Panels.dropEmpty(rows);
            String id = r.name();
            String relationshipLabel = panels.relationshipLabel(r, locale);
            List<Views.Chart> charts = new ArrayList<>();
            String partsTitle = panels.msg(locale, "network.chart.parts", relationshipLabel);
            charts.add(new Views.Chart(id + "-parts", partsTitle, Charts.ranges(rows, partsTitle, panels.chartWords(locale)), panels.describe(rows, locale), rows));
            charts.add(panels.trend(id, relationshipLabel, history, past::get, new Scale(r, null), GroupKey.NETWORK, locale));
            relationships.add(new Views.NetworkRelationship(r.name(), relationshipLabel, parts, charts));
        }
        String calibration = wave.map(w -> panels.msg(locale, "calibration.label", w.calibration().version(), w.calibration().referenceWindow(),
                w.calibration().itemBank())).orElse("");
        boolean isReference = wave.map(w -> w.calibration().referenceWindow().equals(round)).orElse(false);
        return new Views.NetworkView(panels.msg(locale, "network.title", networkName, round), networkName, round, rounds, wave.isPresent(),
                calibration, isReference, panels.minCellSize(), schoolCount, relationships);
    }

    /** Schools with a result shown against the network's estimate: clearly above where their whole interval is above it. */
    private static Views.SchoolsAgainstNetwork against(WaveResults wave, Scale scale) {
        GroupResult network = wave.result(scale, GroupKey.NETWORK);
        List<GroupResult> shown = wave.shown(scale, GroupKey.Kind.SCHOOL, s -> true);
        if (network == null || !network.shown()) {
            return new Views.SchoolsAgainstNetwork(shown.size(), 0, shown.size(), 0);
        }
        double n = network.measure().estimate();
        int above = 0;
        int below = 0;
        for (GroupResult g : shown) {
            // judged as each school's own report places it (Points.side), not on figures it never shows
            int side = org.rapport.app.measuring.Points.side(g.measure().estimate(), g.measure().lower(), g.measure().upper(), n);
            above += side > 0 ? 1 : 0;
            below += side < 0 ? 1 : 0;
        }
        return new Views.SchoolsAgainstNetwork(shown.size(), above, shown.size() - above - below, below);
    }
}

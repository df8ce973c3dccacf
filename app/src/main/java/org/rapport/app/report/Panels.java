package org.rapport.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.calibration.Scale;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.Points;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.privacy.Release;
import org.rapport.app.school.School;
import org.rapport.app.window.SurveyWindow;
import org.rapport.measure.GroupMeasure;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * What every report page is made of, from {@link MeasureService}'s results, which have all passed the
 * privacy engine: a group's measure in words, where it stands against a reference, chart rows, the
 * spread across respondents, answer shares. Peers (classes, teachers, teams, other schools) are
 * unnamed dots in order of their measure, never a named ranking.
 */
@Service
class Panels {
    private final MeasureService measures;
    private final ItemBank bank;
    private final MessageSource messages;

    private final org.rapport.app.school.Schools schools;

    Panels(MeasureService measures, ItemBank bank, MessageSource messages, org.rapport.app.school.Schools schools) {
        this.schools = schools;
        this.measures = measures;
        this.bank = bank;
        this.messages = messages;
    }

    String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    Views.Measure measure(String group, GroupResult g, Locale locale) {
        if (g == null) {
            return new Views.Measure(group, null, null, null, null, null, null, msg(locale, "measure.none"), "");
        }
        if (g.withheld()) {
            return new Views.Measure(group, null, null, null, null, g.invited(), null,
                    msg(locale, "measure.unreliable", Points.reliability(g.reliability(), locale),
                            Points.reliability(org.rapport.app.measuring.WaveResults.MIN_RELIABILITY, locale)), "");
        }
        if (!g.shown()) {
            return new Views.Measure(group, null, null, null, null, g.invited(), null,
                    msg(locale, "measure.hidden", measures.minCellSize()), "");
        }
        GroupMeasure m = g.measure();
        String status = g.outcome() == Release.Outcome.EARLIER ? msg(locale, "measure.earlier") : null;
        return new Views.Measure(group, Points.tenth(m.estimate()), Points.tenth(m.lower()), Points.tenth(m.upper()), g.respondents(),
                g.invited(), g.responseRate(), status, interval(m.estimate(), m.lower(), m.upper(), locale));
    }

    /** A group's measure in a wave, or why there is none: no calibrated scale is not the same as too few answers. */
    Views.Measure measure(String group, Optional<WaveResults> wave, Scale scale, GroupKey key, Locale locale) {
        if (wave.isPresent() && wave.get().calibration().scale(scale) == null) {
            return new Views.Measure(group, null, null, null, null, null, null, msg(locale, "measure.notCalibrated"), "");
        }
        return measure(group, wave.map(w -> w.result(scale, key)).orElse(null), locale);
    }

    /**
     * The school's measure on a scale; where the network could not calibrate the scale (a school alone, with fewer answer
     * sets than a calibration needs), its share of favourable answers in a closed window, plainly labelled as such
     * ({@link MeasureService#favourable}).
     */
    Views.Measure school(School school, SurveyWindow window, Optional<WaveResults> wave, Scale scale, Locale locale) {
        Views.Measure m = measure(school.name(), wave, scale, GroupKey.school(school.id()), locale);
        if (m.shown() || wave.isEmpty() || wave.get().calibration().scale(scale) != null) {
            return m;
        }
        return measures.favourable(school.networkId(), window, scale).map(s -> {
            String text = Points.share(messages, locale, s.share(), s.lower(), s.upper());
            Views.Share share = new Views.Share(Math.round(s.share() * 1000) / 10.0, Math.round(s.lower() * 1000) / 10.0,
                    Math.round(s.upper() * 1000) / 10.0, s.respondents(), text);
            return new Views.Measure(school.name(), null, null, null, s.respondents(), null, null,
                    msg(locale, "measure.favourable", text), "", share);
        }).orElse(m);
    }

    /**
     * The network's measure beside a school's; for a school alone in its network none, with why: the network would be the
     * school itself, and a school is compared with its own earlier windows only.
     */
    Views.Measure network(School school, Optional<WaveResults> wave, Scale scale, Locale locale) {
        if (alone(school)) {
            return new Views.Measure(msg(locale, "group.network"), null, null, null, null, null, null, msg(locale, "measure.alone"), "");
        }
        return measure(msg(locale, "group.network"), wave, scale, GroupKey.NETWORK, locale);
    }

    /** Whether the school is the only one of its network. */
    boolean alone(School school) {
        return schools.inNetwork(school.networkId()).size() == 1;
    }

    /** A figure with its interval in words, "53 (51 to 55)": {@link Points#interval}. */
    String interval(double estimate, double lower, double upper, Locale locale) {
        return Points.interval(messages, locale, estimate, lower, upper);
    }

    /** A change with the interval of the change, "+2.4 (+0.8 to +4.0)": {@link Points#change}. */
    String change(double difference, double lower, double upper, Locale locale) {
        return Points.change(messages, locale, difference, lower, upper);
    }

    /** Words for where an interval sits against the network: always shown beside the interval. */
    String band(Views.Measure school, Views.Measure network, Locale locale) {
        return band(school, network, msg(locale, "band.network"), locale);
    }

    String band(Views.Measure school, Views.Measure network, String reference, Locale locale) {
        String band = bandKey(school, network);
        return band == null ? "" : msg(locale, "band." + band, reference);
    }

    /**
     * Where an interval sits against the network, as the last part of its words' key ({@link #BANDS}), or {@code null}
     * where either is not shown.
     */
    static String bandKey(Views.Measure school, Views.Measure network) {
        if (!school.shown() || !network.shown()) {
            return null;
        }
        int side = Points.side(school.estimate(), school.lower(), school.upper(), network.estimate());
        if (side == 0) {
            return "same";
        }
        double d = Points.tenth(school.estimate() - network.estimate());
        return side > 0 ? (d >= 5 ? "wellAbove" : "above") : (d <= -5 ? "wellBelow" : "below");
    }

    /** The bands of {@link #bandKey}, lowest first. */
    static final List<String> BANDS = List.of("wellBelow", "below", "same", "above", "wellAbove");

    /** The round's results, shown as the school's results of {@code window} (which then counts as seen). */
    Optional<WaveResults> wave(School school, SurveyWindow window) {
        return measures.show(school.networkId(), window.name(), List.of(window));
    }

    /** The round's results, shown as the network's (every school's window of the round counts as seen). */
    Optional<WaveResults> wave(long networkId, String windowName) {
        return measures.showNetwork(networkId, windowName);
    }

    int minCellSize() {
        return measures.minCellSize();
    }

    /** A relationship's scales: the whole relationship first, then each facet. */
    List<Scale> scales(Relationship r) {
        List<Scale> scales = new ArrayList<>();
        scales.add(new Scale(r, null));
        bank.facets(r).keySet().forEach(f -> scales.add(new Scale(r, f)));
        return scales;
    }

    /** A scale's whole name, relationship and part: "Parents about the school · Openness". */
    String fullLabel(Scale scale, Locale locale) {
        return scale.label(messages, locale);
    }

    /** A scale's label in a facet panel. */
    String label(Scale scale, Locale locale) {
        return scale.isRelationship() ? msg(locale, "facet.all") : msg(locale, ItemBank.facetKey(scale.facet()));
    }

    String relationshipLabel(Relationship r, Locale locale) {
        return msg(locale, "relationship." + r.name());
    }

    /** Each answer option with its share of the group's answers: the distribution across respondents. */
    List<String> shares(GroupResult g, Scale scale, Locale locale) {
        List<String> out = new ArrayList<>();
        if (g == null || !g.shown() || scale.isRelationship()) {
            return out;
        }
        int total = 0;
        for (int c : g.answers()) {
            total += c;
        }
        // a part whose items use two answer scales names each answer in both ("Always / A lot"): its first item's alone mislabelled the rest
        List<String> scaleNames = scale.items(bank).stream().map(Item::scale).distinct().sorted().toList();
        for (int v = 0; v <= Item.MAX_VALUE && total > 0; v++) {
            int answer = v;
            String label = String.join(" / ", scaleNames.stream().map(n -> msg(locale, "scale." + n + "." + answer)).toList());
            out.add(label + " " + Points.percent((double) g.answers()[v] / total, locale));
        }
        return out;
    }

    /**
     * How the group's respondents spread over bands of Rapport points beside its reference group's
     * spread, shares only; nothing unless both have passed the privacy engine.
     */
    Optional<Views.Chart> distribution(String id, String label, GroupResult group, GroupResult reference,
                                               String groupLabel, String referenceLabel, Locale locale) {
        if (group == null || !group.shown() || reference == null || !reference.shown()) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int b = 0; b < GroupResult.BANDS; b++) {
            int from = GroupResult.LOWEST_BAND + (b - 1) * GroupResult.BAND;
            boolean first = b == 0;
            boolean last = b == GroupResult.BANDS - 1;
            String band = first ? msg(locale, "chart.band.below", GroupResult.LOWEST_BAND)
                    : last ? msg(locale, "chart.band.above", from) : Integer.toString(from);
            String words = first ? msg(locale, "chart.band.under", GroupResult.LOWEST_BAND)
                    : last ? msg(locale, "chart.band.over", from) : from + "–" + (from + GroupResult.BAND);
            double mine = (double) group.distribution()[b] / group.respondents();
            double theirs = (double) reference.distribution()[b] / reference.respondents();
            rows.add(Charts.map("band", band, "share", round3(mine), "referenceShare", round3(theirs)));
            text.append(text.isEmpty() ? "" : "; ").append(msg(locale, "chart.distribution.row", words, groupLabel,
                    Long.toString(Math.round(100 * mine)), referenceLabel, Long.toString(Math.round(100 * theirs))));
        }
        String title = msg(locale, "chart.distribution", label, groupLabel, referenceLabel);
        return Optional.of(new Views.Chart(id + "-distribution", title, Charts.distribution(rows, title, groupLabel, referenceLabel, chartWords(locale)),
                msg(locale, "chart.distribution.note") + " " + text, rows));
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /** The words on charts' axes, legends and tooltips, in the reader's language. */
    Charts.Words chartWords(Locale locale) {
        return new Charts.Words(msg(locale, "chart.axis.points"), msg(locale, "chart.axis.pointsInterval"), msg(locale, "chart.axis.pointsBands"),
                msg(locale, "chart.axis.share"), msg(locale, "chart.axis.relationship"), msg(locale, "chart.axis.measure"));
    }

    Map<String, Object> row(String series, Views.Measure m, String highlight) {
        return Charts.map("series", series, "estimate", m.estimate(), "lower", m.lower(), "upper", m.upper(),
                "n", m.respondents(), "invited", m.invited(), "highlight", highlight,
                "text", m.shown() ? m.text() + " · n = " + m.respondents() : m.status());
    }

    /**
     * Unnamed peers as one row: the spread of their measures ({@link Spread}), or why there is none: too few pass the
     * privacy engine, or enough pass but too few have a figure, the part not telling groups like these apart beyond their
     * error ({@link WaveResults#passed}). No row of one peer, and nothing that carries a peer's size.
     */
    void addSpread(List<Map<String, Object>> rows, List<GroupResult> passed, String series, Locale locale) {
        List<GroupResult> groups = passed.stream().filter(GroupResult::shown).toList();
        // a spread from its lowest tenth to its highest at one figure says each unnamed group's figure: "between 55 and 55"
        // told a head every teacher's (an outside test, where the teachers did not differ beyond their error)
        Optional<Spread> spread = Spread.of(groups).filter(s -> s.lowest10() != s.highest10());
        String none = Spread.of(groups).isPresent() ? msg(locale, "spread.level")
                : passed.size() >= Spread.MIN_GROUPS ? msg(locale, "spread.unreliable", Spread.MIN_GROUPS)
                : msg(locale, "spread.tooFew", Spread.MIN_GROUPS);
        rows.add(spread.map(s -> Charts.map("series", series, "spread", "yes", "p10", s.lowest10(), "p25", s.lowerQuarter(),
                        "p50", s.median(), "p75", s.upperQuarter(), "p90", s.highest10(), "highlight", "no",
                        "text", msg(locale, "spread.text", Long.toString(s.lowest10()), Long.toString(s.lowerQuarter()),
                                Long.toString(s.median()), Long.toString(s.upperQuarter()), Long.toString(s.highest10()))))
                .orElseGet(() -> Charts.map("series", series, "spread", "yes", "highlight", "no", "text", none)));
    }

    /** A group's measure in each of these windows (oldest first) where it is shown, with its interval: the "over time" chart. */
    Views.Chart trend(String id, String label, List<String> windowNames, java.util.function.Function<String, Optional<WaveResults>> waveOf,
                      Scale scale, GroupKey key, Locale locale) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : windowNames) {
            Views.Measure m = measure(name, waveOf.apply(name), scale, key, locale);
            if (m.shown()) {
                Map<String, Object> row = row(name, m, "yes");
                row.put("window", name);
                rows.add(row);
            }
        }
        String title = msg(locale, "chart.trend", label);
        return new Views.Chart(id + "-trend", title, Charts.trend(rows, title, chartWords(locale)), describe(rows, locale), rows);
    }

    /** Rows with nothing to show are dropped, but a spread's "too few to show" stays, so its absence is explained. */
    static void dropEmpty(List<Map<String, Object>> rows) {
        rows.removeIf(m -> m.get("estimate") == null && m.get("spread") == null);
    }

    String describe(List<Map<String, Object>> rows, Locale locale) {
        if (rows.isEmpty()) {
            return msg(locale, "chart.empty");
        }
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : rows) {
            sb.append(sb.isEmpty() ? "" : "; ").append(r.get("series")).append(": ").append(r.get("text"));
        }
        return sb.toString();
    }

}

package org.rapport.app.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.rapport.app.calibration.Scale;
import org.rapport.app.goal.Goals;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.Points;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.School;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.rapport.measure.BenjaminiHochberg;
import org.rapport.measure.GroupChange;
import org.springframework.stereotype.Service;

/**
 * What a busy head teacher reads in a minute, before the charts: strengths and priorities only where a
 * school's interval lies wholly above or below the network's measure, what changed since the school's
 * last window (differences with the interval of the difference), how many answered, and how many goals
 * this window will tell. Every number comes from results the privacy engine shows.
 */
@Service
class Summaries {
    /** At most this many strengths and priorities: the clearest. */
    static final int MOST = 3;
    /**
     * A strength or a priority is also at least this far (Rapport points, a fifth of a reference SD: a small effect) from its
     * reference, as every page's words say above or below ({@link Points#side}).
     */
    static final double MIN_DIFFERENCE = Points.MIN_DIFFERENCE;
    /**
     * Of all the claims a summary makes (strengths, priorities, changes "likely better" or "worse"), at most this share is
     * expected to be wrong: Benjamini and Hochberg's procedure over every comparison the summary made. Each alone at
     * 10% (its 90% interval), thirty scales compared at once would make about three claims by chance alone.
     */
    static final double FALSE_DISCOVERY_RATE = 0.10;

    private final Panels panels;
    private final Windows windows;
    private final ItemBank bank;
    private final Goals goals;

    Summaries(Panels panels, Windows windows, ItemBank bank, Goals goals, ReportShares shares) {
        this.shares = shares;
        this.panels = panels;
        this.windows = windows;
        this.bank = bank;
        this.goals = goals;
    }

    private final ReportShares shares;

    /** A result in words: "Parents about the school · Openness: 57 (53 to 61), network 50". */
    record Line(String label, String text) {
    }

    /** A change since the last window, with its verdict key (LIKELY_BETTER …). */
    record Change(String label, String text, String verdict) {
    }

    /**
     * {@code words}: the prefix of the messages that say what the summary compares with ({@code summary} for a school,
     * {@code summary.network} for the network); {@code note}: why there are no strengths or priorities, when that is not the data's doing.
     */
    record Summary(boolean calibrated, List<Line> strengths, List<Line> priorities, String previousWindow, List<Change> changes,
                   List<Line> answered, int goalsDue, String words, String note) {
    }

    static final String SCHOOL_WORDS = "summary";
    static final String NETWORK_WORDS = "summary.network";
    /** A school alone in its network: compared with its own earlier windows only. */
    static final String ALONE_WORDS = "summary.alone";

    Summary school(SurveyWindow window, School school, Locale locale) {
        return summary(window, school, null, locale);
    }

    /** The same for one relationship: its parts, and each part's change. */
    Summary relationship(SurveyWindow window, School school, Relationship relationship, Locale locale) {
        return summary(window, school, relationship, locale);
    }

    /** The summary of every relationship ({@code only} null: changes of the whole relationships) or of one (changes of its parts too). */
    private Summary summary(SurveyWindow window, School school, Relationship only, Locale locale) {
        Optional<WaveResults> wave = panels.wave(school, window);
        int due = goals.dueIn(school.id(), window.name());
        if (wave.isEmpty()) {
            return new Summary(false, List.of(), List.of(), null, List.of(), List.of(), due, SCHOOL_WORDS, null);
        }
        Optional<SurveyWindow> previous = previousWindow(window, school);
        Optional<WaveResults> before = previous.flatMap(p -> panels.wave(school, p));
        // a school stands against the network's measure of the same scale
        Function<Scale, Double> network = scale -> {
            GroupResult n = wave.get().result(scale, GroupKey.NETWORK);
            return n == null || !n.shown() ? null : n.measure().estimate();
        };
        if (panels.alone(school)) {
            // alone in its network: the network is the school itself, so nothing is compared with it; changes since the
            // school's own earlier windows are all the summary claims
            return summary(wave.get(), before, previous.map(SurveyWindow::name).orElse(null), GroupKey.school(school.id()), scale -> null,
                    ALONE_WORDS, panels.msg(locale, "summary.alone.note"), only, due, locale);
        }
        return summary(wave.get(), before, previous.map(SurveyWindow::name).orElse(null), GroupKey.school(school.id()), network,
                SCHOOL_WORDS, null, only, due, locale);
    }

    /**
     * The network's summary for a window name: strengths and priorities against the reference window's
     * average (50 points; none in the reference window itself, where every scale averages 50 by
     * construction), each relationship's change since the network's previous window, and how many answered.
     */
    Summary network(long networkId, NetworkReports.Rounds rounds, Locale locale) {
        String windowName = rounds.shown();
        Optional<WaveResults> wave = panels.wave(networkId, windowName);
        int due = goals.dueInNetwork(networkId, windowName);
        if (wave.isEmpty()) {
            return new Summary(false, List.of(), List.of(), null, List.of(), List.of(), due, NETWORK_WORDS, null);
        }
        boolean reference = wave.get().calibration().referenceWindow().equals(windowName);
        // the names are newest first: the previous is the next one
        int at = rounds.names().indexOf(windowName);
        Optional<String> previous = at >= 0 && at + 1 < rounds.names().size() ? Optional.of(rounds.names().get(at + 1)) : Optional.empty();
        Optional<WaveResults> before = previous.flatMap(p -> panels.wave(networkId, p));
        return summary(wave.get(), before, previous.orElse(null), GroupKey.NETWORK, scale -> reference ? null : REFERENCE_AVERAGE,
                NETWORK_WORDS, reference ? panels.msg(locale, "summary.network.referenceWindow") : null, null, due, locale);
    }

    /** Rapport points of the reference window's average, on every scale. */
    static final double REFERENCE_AVERAGE = 50;

    /**
     * A group's summary: its strengths and priorities where its whole interval lies above or below the
     * scale's reference (none where the reference is null), its changes since {@code before}, and how many answered.
     */
    private Summary summary(WaveResults wave, Optional<WaveResults> before, String previousName, GroupKey key,
                            Function<Scale, Double> referenceOf, String words, String note, Relationship only, int due, Locale locale) {
        record Scored(Line line, double distance) {
        }
        // every claim the summary could make, strengths, priorities and changes, judged together (Benjamini–Hochberg)
        record Candidate(Scored scored, boolean above, double pValue) {
        }
        List<Candidate> candidates = new ArrayList<>();
        List<Line> answered = new ArrayList<>();
        for (Relationship r : Relationship.values()) {
            if (only != null && r != only) {
                continue;
            }
            for (Scale scale : panels.scales(r)) {
                GroupResult own = wave.result(scale, key);
                if (own == null || !own.shown()) {
                    continue;
                }
                String label = panels.fullLabel(scale, locale);
                if (scale.isRelationship() && own.responseRate() != null) {
                    // about each teacher, a pupil answers once per class (a timetable pupil in several): the count is of answers, not pupils
                    answered.add(new Line(label, panels.msg(locale, r.perTarget() ? "summary.answered.perClass" : "summary.answered", label, own.respondents(),
                            Long.toString(Math.round(100 * own.responseRate())))));
                }
                Double reference = referenceOf.apply(scale);
                if (reference == null) {
                    continue;
                }
                Line line = new Line(label, panels.msg(locale, words + ".line", label,
                        panels.interval(own.measure().estimate(), own.measure().lower(), own.measure().upper(), locale), Points.text(reference)));
                double difference = own.measure().estimate() - reference;
                // the claim is "at least MIN_DIFFERENCE from the reference": its p-value tests that, one-sided, so that
                // what the procedure discovers and what the summary claims are the same thing
                // (on the side of the interval that faces the reference: a model's interval need not be symmetric)
                double p = beyond(Math.abs(difference), MIN_DIFFERENCE,
                        difference >= 0 ? own.measure().errorBelow() : own.measure().errorAbove());
                // above or below as the pages' band words place it (Points.side), never a strength that a page calls in line
                int side = Points.side(own.measure().estimate(), own.measure().lower(), own.measure().upper(), reference);
                if (side > 0) {
                    candidates.add(new Candidate(new Scored(line, own.measure().lower() - reference), true, p));
                } else if (side < 0) {
                    candidates.add(new Candidate(new Scored(line, reference - own.measure().upper()), false, p));
                } else {
                    // not a claim, but one of the comparisons made: it counts in the family all the same
                    candidates.add(new Candidate(null, false, p));
                }
            }
        }
        List<Labelled> changed = new ArrayList<>();
        if (before.isPresent()) {
            List<Scale> compared = only == null ? java.util.Arrays.stream(Relationship.values()).map(r -> new Scale(r, null)).toList()
                    : panels.scales(only);
            for (Scale scale : compared) {
                GroupResult then = before.get().result(scale, key);
                GroupResult now = wave.result(scale, key);
                if (then == null || now == null || !then.shown() || !now.shown()) {
                    continue;
                }
                changed.add(new Labelled(panels.fullLabel(scale, locale), GroupChange.between(then.measure(), now.measure())));
            }
        }
        double[] p = new double[candidates.size() + changed.size()];
        for (int i = 0; i < candidates.size(); i++) {
            p[i] = candidates.get(i).pValue();
        }
        for (int i = 0; i < changed.size(); i++) {
            p[candidates.size() + i] = changed.get(i).change().pValue();
        }
        boolean[] discovered = BenjaminiHochberg.rejected(p, FALSE_DISCOVERY_RATE);
        List<Scored> above = new ArrayList<>();
        List<Scored> below = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (c.scored() != null && discovered[i]) {
                (c.above() ? above : below).add(c.scored());
            }
        }
        Comparator<Scored> clearest = Comparator.comparingDouble(Scored::distance).reversed();
        List<Line> strengths = above.stream().sorted(clearest).limit(MOST).map(Scored::line).toList();
        List<Line> priorities = below.stream().sorted(clearest).limit(MOST).map(Scored::line).toList();
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < changed.size(); i++) {
            Labelled c = changed.get(i);
            changes.add(change(c.label(), discovered[candidates.size() + i] ? c.change() : c.change().unclaimed(), locale));
        }
        return new Summary(true, strengths, priorities, previousName, changes, answered, due, words, note);
    }

    /** A teacher's summary: each part as their pupils see them (or why not shown), and each part's change since their last window. */
    /** {@code goalsDue}: how many of the teacher's own goals this window will tell, for the teacher alone (null for anyone else). */
    /**
     * {@code changesWithheld}: for a reader other than the teacher, the changes since the earlier window are left out
     * (and its name with them) because the teacher has not shared that window's report: this window's figures less
     * their changes would be the earlier window's figures.
     */
    record TeacherSummary(boolean calibrated, List<Line> parts, String previousWindow, List<Change> changes, Integer answered, Integer goalsDue,
                          boolean changesWithheld) {
    }

    TeacherSummary teacher(SurveyWindow window, School school, long teacherId, boolean ownReport, Locale locale) {
        Optional<WaveResults> wave = panels.wave(school, window);
        Integer due = ownReport ? goals.dueForTeacher(teacherId, window.name()) : null;
        if (wave.isEmpty()) {
            return new TeacherSummary(false, List.of(), null, List.of(), null, due, false);
        }
        GroupKey key = GroupKey.teacher(teacherId);
        Optional<SurveyWindow> previous = previousWindow(window, school);
        // anyone but the teacher reads a change only since a window whose report the teacher has shared too
        boolean withheld = !ownReport && previous.isPresent() && !shares.shared(teacherId, previous.get().id());
        if (withheld) {
            previous = Optional.empty();
        }
        Optional<WaveResults> before = previous.flatMap(p -> panels.wave(school, p));
        List<Line> parts = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        List<Labelled> changed = new ArrayList<>();
        Integer answered = null;
        for (Scale scale : panels.scales(Relationship.PUPIL_TEACHER)) {
            String label = scale.isRelationship() ? panels.relationshipLabel(Relationship.PUPIL_TEACHER, locale)
                    : panels.msg(locale, ItemBank.facetKey(scale.facet()));
            GroupResult now = wave.get().result(scale, key);
            if (now != null && now.withheld()) {
                parts.add(new Line(label, panels.msg(locale, "summary.teacher.unreliable", label)));
                continue;
            }
            if (now == null || !now.shown()) {
                parts.add(new Line(label, panels.msg(locale, "summary.teacher.hidden", label)));
                continue;
            }
            if (scale.isRelationship()) {
                answered = now.respondents();
            }
            parts.add(new Line(label, panels.msg(locale, "summary.teacher.line", label,
                    panels.interval(now.measure().estimate(), now.measure().lower(), now.measure().upper(), locale))));
            GroupResult then = before.map(b -> b.result(scale, key)).orElse(null);
            if (then != null && then.shown()) {
                changed.add(new Labelled(label, GroupChange.between(then.measure(), now.measure())));
            }
        }
        boolean[] discovered = BenjaminiHochberg.rejected(changed.stream().mapToDouble(c -> c.change().pValue()).toArray(), FALSE_DISCOVERY_RATE);
        for (int i = 0; i < changed.size(); i++) {
            changes.add(change(changed.get(i).label(), discovered[i] ? changed.get(i).change() : changed.get(i).change().unclaimed(), locale));
        }
        return new TeacherSummary(true, parts, previous.map(SurveyWindow::name).orElse(null), changes, answered, due, withheld);
    }

    /** The school's window before this one that has answers (not a draft, not of the same round). */
    Optional<SurveyWindow> previousWindow(SurveyWindow window, School school) {
        return windows.forSchool(school.id()).stream()
                .filter(w -> w.id() < window.id() && w.status() != SurveyWindow.Status.DRAFT && !w.name().equals(window.name()))
                .max(Comparator.comparingLong(SurveyWindow::id));
    }

    /**
     * The school's windows whose report's changes are read since this one (this is their {@link #previousWindow}): sharing
     * or unsharing this window's report opens or closes those changes to a reader of theirs.
     */
    List<SurveyWindow> windowsAfter(SurveyWindow window, School school) {
        return windows.forSchool(school.id()).stream().filter(w -> w.id() != window.id())
                .filter(w -> previousWindow(w, school).map(p -> p.id() == window.id()).orElse(false)).toList();
    }

    /** A change with what it is of. */
    private record Labelled(String label, GroupChange change) {
    }

    /** One-sided normal p-value of a distance being more than {@code margin}, with its standard error. */
    private static double beyond(double distance, double margin, double standardError) {
        if (!(standardError > 0)) {
            return distance > margin ? 0 : 1;
        }
        return STANDARD_NORMAL.survivalProbability((distance - margin) / standardError);
    }

    private static final org.apache.commons.statistics.distribution.NormalDistribution STANDARD_NORMAL =
            org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1);

    /** A result's change from the previous window to this one, in words, with the interval of the difference and its verdict. */
    private Change change(String label, GroupChange c, Locale locale) {
        return new Change(label, panels.msg(locale, "summary.change", label, panels.change(c.difference(), c.lower(), c.upper(), locale),
                panels.msg(locale, "summary.verdict." + c.verdict().name())), c.verdict().name());
    }
}

package org.rapport.app.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rapport.app.calibration.Scale;
import org.rapport.app.goal.Goals;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.School;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
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

    private final Panels panels;
    private final Windows windows;
    private final ItemBank bank;
    private final Goals goals;

    Summaries(Panels panels, Windows windows, ItemBank bank, Goals goals) {
        this.panels = panels;
        this.windows = windows;
        this.bank = bank;
        this.goals = goals;
    }

    /** A result in words: "Parents about the school · Openness: 57 (90% interval 53 to 61), network 50". */
    record Line(String label, String text) {
    }

    /** A change since the last window, with its verdict key (LIKELY_BETTER …). */
    record Change(String label, String text, String verdict) {
    }

    record Summary(boolean calibrated, List<Line> strengths, List<Line> priorities, String previousWindow, List<Change> changes,
                   List<Line> answered, int goalsDue) {
    }

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
            return new Summary(false, List.of(), List.of(), null, List.of(), List.of(), due);
        }
        GroupKey key = GroupKey.school(school.id());
        record Scored(Line line, double distance) {
        }
        List<Scored> above = new ArrayList<>();
        List<Scored> below = new ArrayList<>();
        List<Line> answered = new ArrayList<>();
        for (Relationship r : Relationship.values()) {
            if (only != null && r != only) {
                continue;
            }
            for (Scale scale : panels.scales(r)) {
                GroupResult own = wave.get().result(scale, key);
                GroupResult network = wave.get().result(scale, GroupKey.NETWORK);
                if (own == null || !own.shown() || network == null || !network.shown()) {
                    continue;
                }
                double reference = network.measure().estimate();
                String label = label(scale, locale);
                Line line = new Line(label, panels.msg(locale, "summary.line", label, Math.round(own.measure().estimate()),
                        Math.round(own.measure().lower()), Math.round(own.measure().upper()), Math.round(reference)));
                if (own.measure().lower() > reference) {
                    above.add(new Scored(line, own.measure().lower() - reference));
                } else if (own.measure().upper() < reference) {
                    below.add(new Scored(line, reference - own.measure().upper()));
                }
                if (scale.isRelationship() && own.responseRate() != null) {
                    answered.add(new Line(label, panels.msg(locale, "summary.answered", label, own.respondents(),
                            Math.round(100 * own.responseRate()))));
                }
            }
        }
        Comparator<Scored> clearest = Comparator.comparingDouble(Scored::distance).reversed();
        List<Line> strengths = above.stream().sorted(clearest).limit(MOST).map(Scored::line).toList();
        List<Line> priorities = below.stream().sorted(clearest).limit(MOST).map(Scored::line).toList();

        // the school's previous window that has answers, and each relationship's change since
        Optional<SurveyWindow> previous = previousWindow(window, school);
        List<Change> changes = new ArrayList<>();
        Optional<WaveResults> before = previous.flatMap(p -> panels.wave(school, p));
        if (before.isPresent()) {
            List<Scale> compared = only == null ? java.util.Arrays.stream(Relationship.values()).map(r -> new Scale(r, null)).toList()
                    : panels.scales(only);
            for (Scale scale : compared) {
                GroupResult then = before.get().result(scale, key);
                GroupResult now = wave.get().result(scale, key);
                if (then == null || now == null || !then.shown() || !now.shown()) {
                    continue;
                }
                changes.add(change(label(scale, locale), then, now, locale));
            }
        }
        return new Summary(true, strengths, priorities, previous.map(SurveyWindow::name).orElse(null), changes, answered, due);
    }

    /** A teacher's summary: each part as their pupils see them (or why not shown), and each part's change since their last window. */
    record TeacherSummary(boolean calibrated, List<Line> parts, String previousWindow, List<Change> changes, Integer answered) {
    }

    TeacherSummary teacher(SurveyWindow window, School school, long teacherId, Locale locale) {
        Optional<WaveResults> wave = panels.wave(school, window);
        if (wave.isEmpty()) {
            return new TeacherSummary(false, List.of(), null, List.of(), null);
        }
        GroupKey key = GroupKey.teacher(teacherId);
        Optional<SurveyWindow> previous = previousWindow(window, school);
        Optional<WaveResults> before = previous.flatMap(p -> panels.wave(school, p));
        List<Line> parts = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        Integer answered = null;
        for (Scale scale : panels.scales(Relationship.PUPIL_TEACHER)) {
            String label = scale.isRelationship() ? panels.relationshipLabel(Relationship.PUPIL_TEACHER, locale)
                    : panels.msg(locale, ItemBank.facetKey(scale.facet()));
            GroupResult now = wave.get().result(scale, key);
            if (now == null || !now.shown()) {
                parts.add(new Line(label, panels.msg(locale, "summary.teacher.hidden", label)));
                continue;
            }
            if (scale.isRelationship()) {
                answered = now.respondents();
            }
            parts.add(new Line(label, panels.msg(locale, "summary.teacher.line", label, Math.round(now.measure().estimate()),
                    Math.round(now.measure().lower()), Math.round(now.measure().upper()))));
            GroupResult then = before.map(b -> b.result(scale, key)).orElse(null);
            if (then != null && then.shown()) {
                changes.add(change(label, then, now, locale));
            }
        }
        return new TeacherSummary(true, parts, previous.map(SurveyWindow::name).orElse(null), changes, answered);
    }

    /** The school's window before this one that has answers (not a draft, not of the same round). */
    private Optional<SurveyWindow> previousWindow(SurveyWindow window, School school) {
        return windows.forSchool(school.id()).stream()
                .filter(w -> w.id() < window.id() && w.status() != SurveyWindow.Status.DRAFT && !w.name().equals(window.name()))
                .max(Comparator.comparingLong(SurveyWindow::id));
    }

    /** A result's change from the previous window to this one, in words, with the interval of the difference and its verdict. */
    private Change change(String label, GroupResult then, GroupResult now, Locale locale) {
        GroupChange c = GroupChange.between(then.measure(), now.measure());
        return new Change(label, panels.msg(locale, "summary.change", label, signed(c.difference()), signed(c.lower()), signed(c.upper()),
                panels.msg(locale, "goals.verdict." + c.verdict().name())), c.verdict().name());
    }

    private String label(Scale scale, Locale locale) {
        String relationship = panels.relationshipLabel(scale.relationship(), locale);
        return scale.isRelationship() ? relationship : relationship + " · " + panels.msg(locale, ItemBank.facetKey(scale.facet()));
    }

    /** A change in points to one decimal, with its sign (so that an interval's end just above zero does not read as zero). */
    private static String signed(double points) {
        double rounded = Math.round(points * 10) / 10.0;
        String number = String.format(Locale.ROOT, "%.1f", Math.abs(rounded));
        return (rounded > 0 ? "+" : rounded < 0 ? "-" : "±") + number;
    }
}

package org.rapport.app.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.calibration.Scale;
import org.rapport.app.calibration.ScaleFit;
import org.rapport.app.calibration.Scoring;
import org.rapport.app.calibration.UnitMeasure;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.Points;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.rapport.measure.GroupMeasure;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Own views. A teacher, before they first open a window's results, answers the pupil questions about
 * themselves as they think their pupils will; their report then shows, part by part, their own view
 * beside their pupils' (with its interval) on the same anchored scale. A leader does the same for how
 * their staff see the school's leaders (TEACHER_LEADERS) and for where the school stands on any other
 * relationship, and sees it beside the school's results. Each view is private to the person who gave it.
 */
@Service
class SelfViews {
    private final ReportShares store;
    private final Windows windows;
    private final SchoolAccess schools;
    private final ItemBank bank;
    private final Calibrations calibrations;
    private final MeasureService measures;
    private final MessageSource messages;

    private final org.rapport.app.school.OwnPupils ownPupils;

    SelfViews(ReportShares store, Windows windows, SchoolAccess schools, ItemBank bank, Calibrations calibrations, MeasureService measures,
              MessageSource messages, org.rapport.app.school.OwnPupils ownPupils) {
        this.ownPupils = ownPupils;
        this.store = store;
        this.windows = windows;
        this.schools = schools;
        this.bank = bank;
        this.calibrations = calibrations;
        this.measures = measures;
        this.messages = messages;
    }

    /** One question as the teacher answers it about themselves, with their answer so far (null: none). */
    record Question(String item, String text, List<String> options, Integer answer) {
    }

    /**
     * Why an own view can no longer be changed: its giver has read their results of the window, or the window has closed
     * (for a teacher's view of their pupils', closed with results of theirs to compare it with).
     */
    public enum Lock { NONE, SEEN, CLOSED }

    /**
     * The questions, and whether the teacher may still answer (not once they have seen their results of this window, nor
     * once it closed with results of theirs to show).
     */
    record Form(SurveyWindow window, Relationship relationship, Lock lock, List<Question> questions, List<Relationship> offered) {
        public boolean open() {
            return lock == Lock.NONE;
        }

        /** The window has closed with no results of the teacher's to compare with: the view may still change, and the page says why. */
        public boolean closedWithoutResults() {
            return open() && window.status() == SurveyWindow.Status.CLOSED;
        }
    }

    Form form(StaffUser user, long windowId, String relationshipName, Locale locale) {
        SurveyWindow window = ownWindow(user, windowId);
        Relationship relationship = relationship(user, relationshipName);
        Map<String, Integer> answers = store.selfView(user.id(), windowId, relationship.name());
        Object[] name = {user.name()};
        List<Question> questions = new ArrayList<>();
        for (List<Item> facet : bank.facets(relationship).values()) {
            for (Item item : facet) {
                List<String> options = new ArrayList<>();
                for (int v = 0; v <= Item.MAX_VALUE; v++) {
                    options.add(messages.getMessage(item.optionKey(v), null, locale));
                }
                questions.add(new Question(item.id(), messages.getMessage(item.textKey(), name, locale), options, answers.get(item.id())));
            }
        }
        return new Form(window, relationship, lock(user, window, relationship), questions, offered(user));
    }

    /**
     * The relationships this person may give their own view of: teachers their pupils' view of them, leaders every
     * school-level one too (and their pupils' view of them only where the roster says they teach a class).
     */
    List<Relationship> offered(StaffUser user) {
        boolean leader = leader(user);
        List<Relationship> out = new ArrayList<>();
        // a leader who teaches no class has no pupils' view of them to foresee
        if (ownPupils.of(user)) {
            out.add(Relationship.PUPIL_TEACHER);
        }
        if (leader) {
            java.util.Arrays.stream(Relationship.values()).filter(r -> r != Relationship.PUPIL_TEACHER).forEach(out::add);
        }
        return out;
    }

    private boolean leader(StaffUser user) {
        return ownPupils.leads(user);
    }

    /** Each part of a relationship the calibration could measure, with its anchored scoring, in the item bank's order. */
    private Map<Scale, Scoring.Anchored> scorings(Calibrated calibration, Relationship relationship) {
        Map<Scale, Scoring.Anchored> out = new LinkedHashMap<>();
        for (String facet : bank.facets(relationship).keySet()) {
            Scale scale = new Scale(relationship, facet);
            ScaleFit fit = calibration.scale(scale);
            if (fit != null && fit.calibrated()) {
                out.put(scale, new Scoring.Anchored(scale, fit, bank));
            }
        }
        return out;
    }

    /** One person's own answers as the rows a scoring reads (the person standing in for a respondent). */
    private static List<AnswerRow> rows(long staffId, long windowId, Map<String, Integer> answers) {
        UUID self = new UUID(0, staffId);
        return answers.entrySet().stream().map(a -> new AnswerRow(self, windowId, null, staffId, a.getKey(), a.getValue())).toList();
    }

    /** Whether the group's part passed the privacy engine but does not tell groups of its kind apart (no figure, and why). */
    private static boolean withheld(WaveResults wave, Scale scale, GroupKey key) {
        GroupResult g = wave == null ? null : wave.result(scale, key);
        return g != null && g.withheld();
    }

    /** A group's measure where the privacy engine shows it, else null. */
    private static GroupMeasure shown(WaveResults wave, Scale scale, GroupKey key) {
        GroupResult g = wave == null ? null : wave.result(scale, key);
        return g != null && g.shown() ? g.measure() : null;
    }

    private Relationship relationship(StaffUser user, String name) {
        Relationship r;
        try {
            r = name == null || name.isBlank() ? offered(user).get(0) : Relationship.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("relationship", "choose a relationship such as PUPIL_TEACHER or TEACHER_LEADERS");
        }
        if (!offered(user).contains(r)) {
            throw new AccessDeniedException("a teacher gives their own view of how their pupils see them; leaders of every relationship");
        }
        return r;
    }

    /** Keeps the teacher's answers (item → 0–4; a null clears one); 409 once they may no longer answer. */
    @Transactional
    int save(StaffUser user, long windowId, String relationshipName, Map<String, Integer> answers) {
        SurveyWindow window = ownWindow(user, windowId);
        Relationship relationship = relationship(user, relationshipName);
        if (!open(user, window, relationship)) {
            throw new ConflictException("window",
                    "your own view is given before you open this window's results, and until the window has closed with results to compare it with");
        }
        Map<String, Integer> kept = new LinkedHashMap<>(store.selfView(user.id(), windowId, relationship.name()));
        for (Map.Entry<String, Integer> a : (answers == null ? Map.<String, Integer>of() : answers).entrySet()) {
            boolean ofRelationship = bank.item(a.getKey()).map(i -> i.relationship() == relationship).orElse(false);
            if (!ofRelationship) {
                throw new InvalidInputException("answers", "'" + InvalidInputException.abbreviate(a.getKey(), 40) + "' is not a question of " + relationship.name());
            }
            if (a.getValue() == null) {
                kept.remove(a.getKey());
            } else if (a.getValue() < 0 || a.getValue() > Item.MAX_VALUE) {
                throw new InvalidInputException("answers", a.getKey() + ": an answer is 0 to " + Item.MAX_VALUE);
            } else {
                kept.put(a.getKey(), a.getValue());
            }
        }
        store.saveSelfView(user.id(), windowId, relationship.name(), kept);
        return kept.size();
    }

    /**
     * One part: the teacher's own view and their pupils' (null when the privacy engine does not show it),
     * in points, and the own view minus the pupils' (null with it).
     */
    record Gap(String facet, String label, double self, double selfLower, double selfUpper, Double pupils, Double pupilsLower, Double pupilsUpper,
               Double difference, boolean pupilsWithheld) {
        /** Every figure to a tenth of a point, as the API gives figures (the difference is the unrounded one's, rounded). */
        Gap {
            self = Points.tenth(self);
            selfLower = Points.tenth(selfLower);
            selfUpper = Points.tenth(selfUpper);
            pupils = tenth(pupils);
            pupilsLower = tenth(pupilsLower);
            pupilsUpper = tenth(pupilsUpper);
            difference = tenth(difference);
        }
    }

    private static Double tenth(Double points) {
        return points == null ? null : Points.tenth(points);
    }

    /** The teacher's own view beside their pupils', part by part; empty without a self-view or a calibration. For the teacher alone. */
    List<Gap> gaps(StaffUser user, SurveyWindow window, Locale locale) {
        // beside their pupils' results only once the own view is fixed: shown earlier, the teacher could read their results
        // here and then change their view, which would be an echo, not a prediction
        if (open(user, window, Relationship.PUPIL_TEACHER)) {
            return List.of();
        }
        return gaps(user, window, Relationship.PUPIL_TEACHER, locale);
    }

    /** A leader's own views of the school's relationships beside the school's results: relationship → parts. For them alone. */
    Map<Relationship, List<Gap>> schoolGaps(StaffUser user, SurveyWindow window, Locale locale) {
        Map<Relationship, List<Gap>> out = new java.util.EnumMap<>(Relationship.class);
        if (!user.onStaffOf(window.schoolId())) {
            return out;
        }
        for (String r : store.selfViewRelationships(user.id(), window.id())) {
            Relationship relationship = Relationship.valueOf(r);
            if (relationship != Relationship.PUPIL_TEACHER) {
                List<Gap> gaps = gaps(user, window, relationship, locale);
                if (!gaps.isEmpty()) {
                    out.put(relationship, gaps);
                }
            }
        }
        return out;
    }

    /** One own view beside the results it predicts: a teacher's (their pupils' view of them) or the school's for other relationships. */
    private List<Gap> gaps(StaffUser user, SurveyWindow window, Relationship relationship, Locale locale) {
        School school = schools.view(user, window.schoolId());
        long teacherId = user.id();
        Map<String, Integer> answers = store.selfView(teacherId, window.id(), relationship.name());
        java.util.Optional<Calibrated> calibration = calibrations.active(school.networkId());
        if (answers.isEmpty() || calibration.isEmpty()) {
            return List.of();
        }
        WaveResults wave = measures.show(school.networkId(), window.name(), List.of(window)).orElse(null);
        List<AnswerRow> rows = rows(teacherId, window.id(), answers);
        List<Gap> out = new ArrayList<>();
        GroupKey key = relationship == Relationship.PUPIL_TEACHER ? GroupKey.teacher(teacherId) : GroupKey.school(school.id());
        for (Map.Entry<Scale, Scoring.Anchored> part : scorings(calibration.get(), relationship).entrySet()) {
            Scale scale = part.getKey();
            String facet = scale.facet();
            UnitMeasure own = part.getValue().score(rows);
            if (own == null) {
                continue;
            }
            GroupMeasure m = shown(wave, scale, key);
            out.add(new Gap(facet, messages.getMessage(ItemBank.facetKey(facet), null, locale), own.points(),
                    own.points() - GroupMeasure.Z90 * own.standardError(), own.points() + GroupMeasure.Z90 * own.standardError(),
                    m == null ? null : m.estimate(), m == null ? null : m.lower(), m == null ? null : m.upper(),
                    m == null ? null : own.points() - m.estimate(), withheld(wave, scale, key)));
        }
        return out;
    }

    /** A leadership team's view is shown only when at least this many of its leaders gave one: with two, one's own view gives away the other's. */
    static final int MIN_LEADERS = 3;

    /**
     * One part as the school's leadership team sees it: the mean of the own views its leaders gave (and how
     * many), beside the school's result (null when the privacy engine does not show it), and the difference.
     * No spread and no interval of the leaders' views: with three, one leader's own view, the mean and their
     * spread would give away both others'.
     */
    record TeamGap(String facet, String label, int leaders, double team, Double school, Double schoolLower, Double schoolUpper,
                   Double difference, boolean schoolWithheld) {
        /** Every figure to a tenth of a point, as the API gives figures. */
        TeamGap {
            team = Points.tenth(team);
            school = tenth(school);
            schoolLower = tenth(schoolLower);
            schoolUpper = tenth(schoolUpper);
            difference = tenth(difference);
        }
    }

    /** What a leader reads of their leadership team's views: shown only once the window is closed (before, nothing but why). */
    record LeadershipTeam(boolean shown, Map<Relationship, List<TeamGap>> relationships) {
    }

    /**
     * The leadership team's views of the school's relationships beside its results, for the school's
     * leaders. Only once the window is closed, when no view can change any more (while leaders could still
     * add theirs, the mean before and after one more would give that leader's view away), and only for a part
     * at least {@link #MIN_LEADERS} leaders gave a view of. The leadership team is whoever gave a view as a
     * leader, not whom the roster names when it is read.
     */
    LeadershipTeam leadershipTeam(StaffUser user, SurveyWindow window, Locale locale) {
        School school = schools.view(user, window.schoolId());
        if (!user.onStaffOf(school.id()) || !leader(user)) {
            throw new AccessDeniedException("the leadership team's views are for the school's leaders");
        }
        Map<Relationship, List<TeamGap>> out = new java.util.EnumMap<>(Relationship.class);
        java.util.Optional<Calibrated> calibration = calibrations.active(school.networkId());
        if (window.status() != SurveyWindow.Status.CLOSED || calibration.isEmpty()) {
            return new LeadershipTeam(false, out);
        }
        WaveResults wave = measures.show(school.networkId(), window.name(), List.of(window)).orElse(null);
        for (Relationship relationship : Relationship.values()) {
            if (relationship == Relationship.PUPIL_TEACHER) {
                continue;
            }
            // the team is everyone who gave a view of a school-level relationship in this window: only a leader can
            // give one, so each was a leader when they gave it, and once the window is closed nobody joins or leaves.
            // Not the leaders the roster names at look time: a head who took one out between two looks would read
            // that leader's view as n times one mean less (n - 1) times the other
            Map<Long, Map<String, Integer>> views = store.selfViews(window.id(), relationship.name());
            if (views.size() < MIN_LEADERS) {
                continue;
            }
            List<TeamGap> parts = new ArrayList<>();
            for (Map.Entry<Scale, Scoring.Anchored> part : scorings(calibration.get(), relationship).entrySet()) {
                Scale scale = part.getKey();
                String facet = scale.facet();
                double sum = 0;
                int n = 0;
                for (Map.Entry<Long, Map<String, Integer>> v : views.entrySet()) {
                    UnitMeasure own = part.getValue().score(rows(v.getKey(), window.id(), v.getValue()));
                    if (own != null) {
                        sum += own.points();
                        n++;
                    }
                }
                if (n < MIN_LEADERS) {
                    continue;
                }
                double team = sum / n;
                GroupMeasure m = shown(wave, scale, GroupKey.school(school.id()));
                parts.add(new TeamGap(facet, messages.getMessage(ItemBank.facetKey(facet), null, locale), n, team,
                        m == null ? null : m.estimate(), m == null ? null : m.lower(), m == null ? null : m.upper(),
                        m == null ? null : team - m.estimate(), withheld(wave, scale, GroupKey.school(school.id()))));
            }
            if (!parts.isEmpty()) {
                out.put(relationship, parts);
            }
        }
        return new LeadershipTeam(true, out);
    }

    /** Whether this member of staff is one of the school's leaders (its admins are). */
    boolean isLeader(StaffUser user) {
        return user.schoolId() != null && leader(user);
    }

    /**
     * Whether the person may still give their own view: a leader's view of the school while the window is open; a
     * teacher's view of how their pupils see them until they first open their results, or the window has closed with
     * results of theirs to compare it with.
     */
    boolean open(StaffUser user, SurveyWindow window, Relationship relationship) {
        return lock(user, window, relationship) == Lock.NONE;
    }

    /**
     * A view of one's pupils is fixed once one has read results of the window (a report opened with none fixes nothing),
     * or once the window has closed with results of one's own to show: closed with too few answers (or before the network
     * can measure), there is nothing yet to compare it with, and it may still change. A leader's view of the school is
     * fixed when the window closes, whatever its results (the leadership team's pooled view is shown from then on, and a
     * view changed afterwards would show in its mean).
     */
    private Lock lock(StaffUser user, SurveyWindow window, Relationship relationship) {
        boolean closed = window.status() == SurveyWindow.Status.CLOSED;
        if (relationship != Relationship.PUPIL_TEACHER) {
            return closed ? Lock.CLOSED : Lock.NONE;
        }
        if (closed && ownResultsShown(user, window)) {
            return Lock.CLOSED;
        }
        return store.sawOwnResults(user.id(), window.id()) ? Lock.SEEN : Lock.NONE;
    }

    /**
     * Whether the teacher's report of the window shows any result of theirs (the whole relationship or a part), as it
     * would now; read without marking the window's results as seen.
     */
    private boolean ownResultsShown(StaffUser user, SurveyWindow window) {
        School school = schools.view(user, window.schoolId());
        WaveResults wave = measures.wave(school.networkId(), window.name()).orElse(null);
        if (wave == null) {
            return false;
        }
        GroupKey key = GroupKey.teacher(user.id());
        List<Scale> scales = new ArrayList<>();
        scales.add(new Scale(Relationship.PUPIL_TEACHER, null));
        bank.facets(Relationship.PUPIL_TEACHER).keySet().forEach(f -> scales.add(new Scale(Relationship.PUPIL_TEACHER, f)));
        return scales.stream().anyMatch(scale -> wave.calibration().scale(scale) != null && shown(wave, scale, key) != null);
    }

    /** A window of the teacher's own school. */
    private SurveyWindow ownWindow(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        schools.view(user, window.schoolId());
        if (!user.onStaffOf(window.schoolId())) {
            throw new AccessDeniedException("a teacher's own view is for teachers of the school");
        }
        return window;
    }
}

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
 * A teacher's own view: before they first open a window's results, they answer the pupil questions
 * about themselves as they think their pupils will. Their report then shows, part by part, their own
 * view beside their pupils' (with its interval) on the same anchored scale: the start of a
 * conversation with their pupils. Private to the teacher, whoever else may see the report.
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

    SelfViews(ReportShares store, Windows windows, SchoolAccess schools, ItemBank bank, Calibrations calibrations, MeasureService measures,
              MessageSource messages) {
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

    /** The questions, and whether the teacher may still answer (not once they have opened this window's results, nor once it closed). */
    record Form(SurveyWindow window, boolean open, List<Question> questions) {
    }

    Form form(StaffUser user, long windowId, Locale locale) {
        SurveyWindow window = ownWindow(user, windowId);
        Map<String, Integer> answers = store.selfView(user.id(), windowId);
        Object[] name = {user.name()};
        List<Question> questions = new ArrayList<>();
        for (List<Item> facet : bank.facets(Relationship.PUPIL_TEACHER).values()) {
            for (Item item : facet) {
                List<String> options = new ArrayList<>();
                for (int v = 0; v <= Item.MAX_VALUE; v++) {
                    options.add(messages.getMessage(item.optionKey(v), null, locale));
                }
                questions.add(new Question(item.id(), messages.getMessage(item.textKey(), name, locale), options, answers.get(item.id())));
            }
        }
        return new Form(window, open(user, window), questions);
    }

    /** Keeps the teacher's answers (item → 0–4; a null clears one); 409 once they may no longer answer. */
    @Transactional
    int save(StaffUser user, long windowId, Map<String, Integer> answers) {
        SurveyWindow window = ownWindow(user, windowId);
        if (!open(user, window)) {
            throw new ConflictException("window", "your own view is given before you open this window's results, and while the window is open");
        }
        Map<String, Integer> kept = new LinkedHashMap<>(store.selfView(user.id(), windowId));
        for (Map.Entry<String, Integer> a : (answers == null ? Map.<String, Integer>of() : answers).entrySet()) {
            boolean pupilQuestion = bank.item(a.getKey()).map(i -> i.relationship() == Relationship.PUPIL_TEACHER).orElse(false);
            if (!pupilQuestion) {
                throw new InvalidInputException("answers", "'" + abbreviate(a.getKey()) + "' is not a question pupils answer about their teachers");
            }
            if (a.getValue() == null) {
                kept.remove(a.getKey());
            } else if (a.getValue() < 0 || a.getValue() > Item.MAX_VALUE) {
                throw new InvalidInputException("answers", a.getKey() + ": an answer is 0 to " + Item.MAX_VALUE);
            } else {
                kept.put(a.getKey(), a.getValue());
            }
        }
        store.saveSelfView(user.id(), windowId, kept);
        return kept.size();
    }

    /**
     * One part: the teacher's own view and their pupils' (null when the privacy engine does not show it),
     * in points, and the own view minus the pupils' (null with it).
     */
    record Gap(String facet, String label, double self, double selfLower, double selfUpper, Double pupils, Double pupilsLower, Double pupilsUpper,
               Double difference) {
    }

    /** The teacher's own view beside their pupils', part by part; empty without a self-view or a calibration. For the teacher alone. */
    List<Gap> gaps(StaffUser user, SurveyWindow window, Locale locale) {
        School school = schools.view(user, window.schoolId());
        long teacherId = user.id();
        Map<String, Integer> answers = store.selfView(teacherId, window.id());
        java.util.Optional<Calibrated> calibration = calibrations.active(school.networkId());
        if (answers.isEmpty() || calibration.isEmpty()) {
            return List.of();
        }
        WaveResults wave = measures.wave(school.networkId(), window.name()).orElse(null);
        UUID self = new UUID(0, teacherId);
        List<AnswerRow> rows = answers.entrySet().stream()
                .map(a -> new AnswerRow(self, window.id(), null, teacherId, a.getKey(), a.getValue())).toList();
        List<Gap> out = new ArrayList<>();
        for (String facet : bank.facets(Relationship.PUPIL_TEACHER).keySet()) {
            Scale scale = new Scale(Relationship.PUPIL_TEACHER, facet);
            ScaleFit fit = calibration.get().scale(scale);
            if (fit == null || !fit.calibrated()) {
                continue;
            }
            UnitMeasure own = new Scoring.Anchored(scale, fit, bank).score(rows);
            if (own == null) {
                continue;
            }
            GroupResult pupils = wave == null ? null : wave.result(scale, GroupKey.teacher(teacherId));
            GroupMeasure m = pupils != null && pupils.shown() ? pupils.measure() : null;
            out.add(new Gap(facet, messages.getMessage(ItemBank.facetKey(facet), null, locale), own.points(),
                    own.points() - GroupMeasure.Z90 * own.standardError(), own.points() + GroupMeasure.Z90 * own.standardError(),
                    m == null ? null : m.estimate(), m == null ? null : m.lower(), m == null ? null : m.upper(),
                    m == null ? null : own.points() - m.estimate()));
        }
        return out;
    }

    /** Whether the teacher may still give their own view of this window. */
    boolean open(StaffUser user, SurveyWindow window) {
        return window.status() != SurveyWindow.Status.CLOSED && !store.viewedByThemselves(user.id(), window.id());
    }

    /** A window of the teacher's own school. */
    private SurveyWindow ownWindow(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        schools.view(user, window.schoolId());
        if (user.isNetworkAdmin()) {
            throw new AccessDeniedException("a teacher's own view is for teachers of the school");
        }
        return window;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

package org.rapport.app.calibration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.language.Languages;
import org.rapport.app.web.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** What the calibration page and its API show: the active calibration scale by scale, and item drift in words. */
@Service
class CalibrationViews {
    private final CalibrationService calibrations;
    private final Calibrations store;
    private final DriftCheck driftCheck;
    private final ItemBank bank;
    private final MessageSource messages;

    private final Languages languages;

    CalibrationViews(CalibrationService calibrations, Calibrations store, DriftCheck driftCheck, ItemBank bank, MessageSource messages,
                     Languages languages) {
        this.languages = languages;
        this.calibrations = calibrations;
        this.store = store;
        this.driftCheck = driftCheck;
        this.bank = bank;
        this.messages = messages;
    }

    /**
     * {@code reliability}: of the reference window's block measures; {@code schools}, {@code classes}, {@code teachers}: how
     * reliably a group of the kind's average size is told apart from the others (ICC(2), rounded down; null for whole
     * relationships, which are not judged, and where the reference window had fewer than ten such groups). A part is shown for a group only from
     * {@link org.rapport.app.measuring.WaveResults#MIN_RELIABILITY}, judged on that group's own interval.
     */
    public record ScaleRow(String key, String label, boolean facet, boolean calibrated, String status, int rows, Double reliability,
                           Double schools, Double classes, Double teachers) {
    }

    /** The active calibration (null fields when there is none), every earlier one, and the windows it can use. */
    /**
     * {@code rounds} and {@code windows}: how many of the network's rounds and schools' windows have answers, all of which a
     * new calibration scores again (what calibrating again changes, said before it is done).
     */
    public record Overview(Integer version, String referenceWindow, String itemBank, LocalDate createdOn, List<ScaleRow> scales,
                           List<Calibrations.Header> history, List<String> closedWindows, List<String> checkableWindows, int rounds,
                           int windows) {

        /**
         * The window the drift check shows unless another is asked for: the newest closed one that can be checked (an open
         * one has few answers yet, and read "None of 0 items drifted"), else the newest that can; null when none can.
         */
        public String defaultDriftWindow() {
            return checkableWindows.stream().filter(closedWindows::contains).findFirst()
                    .orElse(checkableWindows.isEmpty() ? null : checkableWindows.get(0));
        }
    }

    public record DriftRow(String item, String question, String scale, double reference, double now, double difference,
                           double standardError, boolean flagged) {
    }

    public record Drift(String window, String referenceWindow, double tolerance, long flagged, List<DriftRow> items) {
    }

    /** A flagged question: its difference of locations in logits with its standard error, and its size as SMD/SD. */
    public record DifRow(String item, String question, String scale, String language, double difference, double standardError,
                         double standardisedDifference, boolean flagged) {
    }

    /**
     * A language and the relationships it was answered too thinly on to check. How many answered is not
     * shown: a count of one or two would tell an insider that a known person took part.
     */
    public record UncheckedRow(String language, List<String> scales) {
    }

    /**
     * The reference window checked for differential item functioning between languages: the reference
     * language, how many item comparisons were made in how many languages, the flagged ones, and what
     * was too thinly answered to check.
     */
    public record Dif(String window, String referenceLanguage, double tolerance, int minimumAnswerSets, int compared, long languages,
                      List<DifRow> flagged, List<UncheckedRow> unchecked) {
    }

    /** The DIF check of the active calibration's reference window; empty when the network is not calibrated. */
    java.util.Optional<Dif> dif(long networkId, Locale locale) {
        return store.active(networkId).map(active -> {
            CalibrationService.DifCheck check = driftCheck.dif(networkId, active);
            List<DifRow> flagged = check.items().stream().filter(CalibrationService.Dif::flagged)
                    .sorted(java.util.Comparator.comparing((CalibrationService.Dif d) -> -Math.abs(d.standardisedDifference())))
                    .map(d -> new DifRow(d.item(), msg(locale, "item." + d.item(), msg(locale, "calibration.someTeacher")),
                            scaleLabel(Scale.of(d.scale()), locale), languageName(d.language()), d.difference(), d.standardError(),
                            d.standardisedDifference(), true))
                    .toList();
            java.util.Map<String, List<String>> thin = new java.util.TreeMap<>();
            check.unchecked().forEach(u -> thin.computeIfAbsent(languageName(u.language()), k -> new ArrayList<>())
                    .add(scaleLabel(Scale.of(u.scale()), locale)));
            List<UncheckedRow> unchecked = thin.entrySet().stream().map(e -> new UncheckedRow(e.getKey(), e.getValue())).toList();
            return new Dif(active.referenceWindow(), check.referenceLanguage() == null ? null : languageName(check.referenceLanguage()),
                    CalibrationService.DIF_EFFECT, CalibrationService.DIF_MIN_ROWS, check.items().size(),
                    check.items().stream().map(CalibrationService.Dif::language).distinct().count(), flagged, unchecked);
        });
    }

    private String languageName(String tag) {
        return languages.find(tag).map(l -> l.name() + " (" + tag + ")").orElse(tag);
    }

    Overview overview(long networkId, Locale locale) {
        List<DriftCheck.Answered> waves = driftCheck.answered(networkId);
        List<String> closed = waves.stream().filter(a -> a.wave().closed()).map(a -> a.wave().name()).toList();
        List<Calibrations.Header> history = store.history(networkId);
        int windows = waves.stream().mapToInt(a -> a.wave().windows().size()).sum();
        return store.active(networkId)
                .map(c -> new Overview(c.version(), c.referenceWindow(), c.itemBank(), c.createdOn(), scaleRows(c, locale), history,
                        closed, DriftCheck.checkable(waves, c), waves.size(), windows))
                .orElse(new Overview(null, null, null, null, List.of(), history, closed, List.of(), waves.size(), windows));
    }

    /** Calibrates on a closed window of the network's (400 naming the window if there is none of that name). */
    void calibrate(long networkId, String window) {
        calibrations.calibrate(networkId, window == null ? "" : window.strip());
    }

    /** Drift of {@code window} against the active calibration; 400 naming the window when it cannot be checked. */
    Drift drift(long networkId, String window, Locale locale) {
        Calibrated active = store.active(networkId).orElseThrow(() -> new InvalidInputException(409, List.of(
                new InvalidInputException.FieldError("calibration", "the network is not calibrated yet"))));
        if (!driftCheck.checkable(networkId, active).contains(window)) {
            throw new InvalidInputException("window", "there is no answered window called \"" + window
                    + "\" to check against the reference \"" + active.referenceWindow() + "\"");
        }
        List<DriftRow> rows = driftCheck.drift(networkId, active, window).stream()
                .map(d -> new DriftRow(d.item(), msg(locale, "item." + d.item(), msg(locale, "calibration.someTeacher")),
                        scaleLabel(Scale.of(d.scale()), locale), d.reference(), d.now(), d.difference(), d.standardError(), d.flagged()))
                .toList();
        return new Drift(window, active.referenceWindow(), CalibrationService.DRIFT_TOLERANCE,
                rows.stream().filter(DriftRow::flagged).count(), rows);
    }

    private List<ScaleRow> scaleRows(Calibrated c, Locale locale) {
        List<ScaleRow> rows = new ArrayList<>();
        for (Scale scale : Scale.all(bank)) {
            ScaleFit f = c.scales().get(scale.key());
            if (f == null) {
                continue;
            }
            String status = !f.calibrated() ? msg(locale, f.tooFew() ? "calibration.status.tooFew" : "calibration.status.failed")
                    : f.problem() != null ? msg(locale, "calibration.status.within")
                    : msg(locale, "calibration.status.calibrated");
            String label = scale.isRelationship() ? scaleLabel(scale, locale) : msg(locale, ItemBank.facetKey(scale.facet()));
            rows.add(new ScaleRow(scale.key(), label, !scale.isRelationship(), f.calibrated(), status, f.persons(),
                    f.calibrated() ? Math.round(f.reliability() * 100) / 100.0 : null,
                    // the rule applies to parts only: a whole relationship's groups are never judged
                    scale.isRelationship() ? null : typical(f, GroupKind.SCHOOL), scale.isRelationship() ? null : typical(f, GroupKind.CLASS),
                    scale.isRelationship() ? null : typical(f, GroupKind.TEACHER)));
        }
        return rows;
    }

    /** The reliability of a group of the kind's average size in the reference window, rounded down to two decimals. */
    private static Double typical(ScaleFit f, GroupKind kind) {
        org.rapport.measure.GroupReliability g = f.groupReliability().get(kind);
        return g == null ? null : Math.floor(g.ofSize(Math.max(1, Math.round((float) g.members() / g.groups()))) * 100) / 100.0;
    }

    private String scaleLabel(Scale scale, Locale locale) {
        String relationship = msg(locale, "relationship." + scale.relationship().name());
        return scale.isRelationship() ? relationship : relationship + ": " + msg(locale, ItemBank.facetKey(scale.facet()));
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}

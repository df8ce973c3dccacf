package org.rapport.app.measuring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.calibration.Scale;
import org.rapport.app.calibration.ScaleFit;
import org.rapport.app.calibration.Scoring;
import org.rapport.app.calibration.StepTimes;
import org.rapport.app.itembank.ItemBank;
import org.rapport.measure.AnswerPattern;
import org.rapport.measure.GroupLevelEstimator;
import org.rapport.measure.GroupMeasure;
import org.rapport.measure.ScoreCounts;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The model of a group's answers on each scale of a calibration ({@link GroupLevelEstimator}): a group's level from its
 * blocks' answered items and raw scores, in Rapport points, with an interval that covers where trust sits, near the
 * top of a scale included (docs/REPORTS.md). One model per calibration and scale, kept with the curves it builds for
 * each set of answered items it meets. Those curves take time and memory for each set (3–40 ms, up to a megabyte), so
 * the model measures the scales whose blocks can answer at most {@value Scale#MOST_ANSWER_SETS} sets of items, as the survey
 * draws them (each part of a relationship); a whole relationship, whose blocks draw from every part (15,624 sets for
 * pupils about a teacher, 1,771,560 for teachers about leaders, counting parts left unanswered), is measured by its
 * respondents' averaged WLEs.
 */
@Component
class GroupModels {
    /** A scale's typical spread is estimated on at most this many of its groups of a kind, spaced evenly through them. */
    static final int SPREAD_SAMPLE = 40;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GroupModels.class);
    private final Scorer scorer;
    private final ItemBank bank;
    private final Cache<String, Model> models = Caffeine.newBuilder().maximumSize(64).build();

    private final Calibrations calibrations;

    GroupModels(Scorer scorer, ItemBank bank, Calibrations calibrations) {
        this.scorer = scorer;
        this.bank = bank;
        this.calibrations = calibrations;
    }

    /**
     * The scale's model on the calibration; null where the calibration holds no fit of it, fixed its points before the
     * model ({@link ScaleFit#referenceByModel}), or the scale's blocks can answer more than
     * {@value Scale#MOST_ANSWER_SETS} sets of its items.
     */
    Model of(Calibrated calibration, Scale scale) {
        Scoring.Anchored anchored = measured(calibration, scale);
        return anchored == null ? null : models.get(calibration.id() + "|" + scale.key(), k -> new Model(anchored, null));
    }

    /** The scale's anchored scoring where the model measures its groups on the calibration, else null. */
    private Scoring.Anchored measured(Calibrated calibration, Scale scale) {
        // a calibration made before the model fixed its points on the mean of WLEs: its groups stay averaged WLEs
        ScaleFit fit = calibration.scale(scale);
        if (fit == null || !fit.referenceByModel() || !scale.measuredByModel(bank)) {
            return null;
        }
        return scorer.anchored(calibration, scale);
    }

    /** As {@link #of(Calibrated, Scale)}, starting from the calibration's own model of the scale where it is of the same items. */
    private Model of(Calibrated calibration, Scale scale, CalibrationService.ReferenceModel reference) {
        Scoring.Anchored anchored = measured(calibration, scale);
        if (anchored == null) {
            return null;
        }
        GroupLevelEstimator estimator = reference != null && reference.of(anchored.anchors()) ? reference.estimator() : null;
        return models.asMap().compute(calibration.id() + "|" + scale.key(),
                (k, old) -> old != null && (estimator == null || old.estimator == estimator) ? old : new Model(anchored, estimator));
    }

    /**
     * Builds, when a calibration becomes active, the curves of every set of items each measured scale's blocks can answer
     * (about a second of work for the whole bank), so that the first report after it does not wait for them.
     */
    @EventListener
    void calibrated(CalibrationService.NewCalibration event) {
        try {
            StepTimes steps = new StepTimes("group model curves of network " + event.networkId());
            calibrations.active(event.networkId()).ifPresent(calibration -> Scale.all(bank).forEach(scale -> {
                // the calibration's model already holds the curves of the answer sets its reference window met
                Model model = of(calibration, scale, event.estimators().get(scale.key()));
                if (model != null) {
                    model.prepare(scale, bank);
                }
            }));
            steps.lap("curves");
            steps.log();
        } catch (RuntimeException e) {
            // a head start only: the curves are built on first use all the same, and a calibration never fails for it
            LOG.warn("could not build the group model's curves after calibration {}", event.calibrationId(), e);
        }
    }

    /** One scale's model: its estimator, the patterns of answered items met, and how logits become points. */
    static final class Model {
        private final GroupLevelEstimator estimator;
        private final int[] maxCategories;
        private final double offset;
        private final double unit;
        private final double bottom;
        private final double top;
        private final Map<Long, AnswerPattern> patterns = new ConcurrentHashMap<>();
        private final List<String> names;

        /** {@code estimator}: a model of exactly the anchored items, or null for a new one. */
        Model(Scoring.Anchored anchored, GroupLevelEstimator estimator) {
            this.names = anchored.anchors().itemNames();
            this.estimator = estimator != null ? estimator : new GroupLevelEstimator(anchored.anchors(), CalibrationService.MODEL_LEVEL);
            this.maxCategories = anchored.anchors().maxCategories();
            double[] points = anchored.points();
            this.offset = points[0];
            this.unit = points[1];
            double[] ends = anchored.ends();
            this.bottom = ends[0];
            this.top = ends[1];
        }

        /** Builds the curves of every set of the scale's items its blocks can answer, as the survey draws them. */
        void prepare(Scale scale, ItemBank bank) {
            List<List<Integer>> facets = new java.util.ArrayList<>();
            for (Map.Entry<String, List<org.rapport.app.itembank.Item>> facet : bank.facets(scale.relationship()).entrySet()) {
                if (scale.isRelationship() || facet.getKey().equals(scale.facet())) {
                    facets.add(facet.getValue().stream().map(i -> names.indexOf(i.id())).filter(i -> i >= 0).toList());
                }
            }
            int drawn = scale.relationship().itemsPerFacet();
            List<Long> sets = new java.util.ArrayList<>(List.of(0L));
            for (List<Integer> facet : facets) {
                List<Long> grown = new java.util.ArrayList<>();
                for (long set : sets) {
                    for (long subset = 0; subset < 1L << facet.size(); subset++) {
                        if (Long.bitCount(subset) <= drawn) {
                            long mask = set;
                            for (int k = 0; k < facet.size(); k++) {
                                if ((subset & (1L << k)) != 0) {
                                    mask |= 1L << facet.get(k);
                                }
                            }
                            grown.add(mask);
                        }
                    }
                }
                sets = grown;
            }
            sets.stream().filter(m -> m != 0).forEach(m -> estimator.prepare(patterns.computeIfAbsent(m, this::pattern)));
        }

        /** Whether the model can measure the group from these sums: every block's answered items known. */
        static boolean applies(WaveState.Sums sums) {
            return sums.parts > 0 && sums.unknown == 0;
        }

        /**
         * What the model needs of a group's sums, taken when its results are released: later batches add to the sums, and
         * a group estimated later must be estimated on what its result counts.
         */
        record Group(ScoreCounts counts, int parts, double designEffect) {
        }

        Group group(WaveState.Sums sums) {
            return new Group(counts(sums), sums.parts, sums.parts > sums.n ? sums.designEffect().value() : 1);
        }

        /**
         * The group's measure: {@code respondents} answered of {@code invited}, their blocks counted in {@code group}. Where
         * a respondent has several blocks (pupils about their teachers), the members are the blocks and the number invited
         * grows by the blocks each respondent gave, and the interval and change error are widened by the design effect of
         * those clusters ({@link org.rapport.measure.DesignEffect}), from the blocks' WLEs.
         */
        GroupMeasure measure(Group group, int respondents, int invited, double typicalSpread) {
            int parts = group.parts();
            int population = Math.max(parts, (int) Math.round((double) Math.max(invited, respondents) * parts / Math.max(1, respondents)));
            GroupMeasure m = GroupMeasure.ofLevel(estimator.estimate(group.counts(), population, typicalSpread), offset, unit, bottom, top);
            // the reports count respondents (pupils), while the model's members are their parts
            GroupMeasure counted = new GroupMeasure(respondents, Math.max(invited, respondents), m.mean(), m.standardError(),
                    m.estimate(), m.estimateError(), 0, m.changeError(), m.lowerBound(), m.upperBound());
            // a pupil's parts about several teachers share the pupil's trust: the model counted them as independent members
            return parts > respondents ? counted.widened(group.designEffect(), offset + unit * bottom, offset + unit * top) : counted;
        }

        /**
         * The spread of members around their group's level typical of the scale among these groups (a sample of one kind:
         * classes, teachers, …, each with two parts or more), rounded to the estimator's grid of spreads; NaN where the
         * answers do not tell it.
         */
        double typicalSpread(List<ScoreCounts> groups) {
            if (groups.isEmpty()) {
                return Double.NaN;
            }
            double spread = estimator.typicalSpread(groups);
            return Double.isNaN(spread) ? spread : GroupLevelEstimator.nearestSpread(spread);
        }

        ScoreCounts counts(WaveState.Sums sums) {
            ScoreCounts counts = new ScoreCounts();
            sums.scores.forEach((items, byScore) -> {
                AnswerPattern pattern = patterns.computeIfAbsent(items, this::pattern);
                for (int r = 0; r < byScore.length; r++) {
                    if (byScore[r] > 0) {
                        counts.add(pattern, r, byScore[r]);
                    }
                }
            });
            return counts;
        }

        private AnswerPattern pattern(long items) {
            return AnswerPattern.ofMask(items, maxCategories);
        }
    }
}

package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Coverage of a group's true mean by its 90% interval, swept over where groups are: true level from −2
 * to +3 logits (trust scales sit near their ceiling), 5 to 200 respondents, one item a respondent (a
 * pupil's part about a teacher) or six, spread within the group 0.5 or 1 logit, everyone or 70%
 * answering; and groups whose spread is half or twice that of the scale's other groups (from which its typical
 * spread is estimated). The truth is the mean true measure of all the group's members. Every cell must cover within
 * three points of 90% (up to 97% where a few respondents answered one item each at a scale's end); averaged
 * WLEs, the estimator used before, are shown failing where they failed. The table is in docs/REPORTS.md.
 */
class GroupLevelCoverageTest {
    static final long SEED = 24;
    static final ItemParameters ITEMS = Simulator.items(6, 5, 31);
    static final int REPLICATIONS = 1500;
    static final int[] MAX = ITEMS.maxCategories();

    record Cell(double level, int respondents, int itemsEach, double spread, double answering, double othersSpread) {
        Cell(double level, int respondents, int itemsEach, double spread, double answering) {
            this(level, respondents, itemsEach, spread, answering, spread);
        }

        int population() {
            return (int) Math.round(respondents / answering);
        }
    }

    record Coverage(Cell cell, double model, double averagedWle, double typicalSpread) {
    }

    /** One simulated group: its answers as score counts, its members' true mean, and its respondents' WLEs. */
    record Group(ScoreCounts counts, double truth, GroupMeasure averaged) {
    }

    static Group group(SplittableRandom random, Simulator answers, PersonEstimator wle, double level, double spread,
                       int respondents, int population, int itemsEach) {
        double[] p = new double[5];
        double[] theta = new double[population];
        double truth = 0;
        for (int v = 0; v < population; v++) {
            theta[v] = level + spread * random.nextGaussian();
            truth += theta[v] / population;
        }
        ScoreCounts counts = new ScoreCounts();
        double[] measures = new double[respondents];
        double[] errors = new double[respondents];
        for (int v = 0; v < respondents; v++) {
            int[] row = new int[ITEMS.items()];
            Arrays.fill(row, -1);
            int score = 0;
            List<Integer> pool = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
            for (int j = 0; j < itemsEach; j++) {
                int item = pool.remove(random.nextInt(pool.size()));
                row[item] = answers.answer(item, theta[v], p);
                score += row[item];
            }
            AnswerPattern pattern = AnswerPattern.of(row, MAX);
            counts.add(pattern, score);
            PersonMeasure m = wle.estimate(pattern, score);
            measures[v] = m.measure();
            errors[v] = m.standardError();
        }
        return new Group(counts, truth, GroupEstimator.of(measures, errors, population));
    }

    /**
     * A cell's coverage. The scale's typical spread comes, as in a network, from 60 other groups answering it
     * (20 respondents each, levels around the cell's, their spread {@code othersSpread}: the cell's own, or not).
     */
    static Coverage run(Cell cell, long seed, int replications) {
        SplittableRandom random = new SplittableRandom(seed);
        Simulator answers = new Simulator(ITEMS, random.nextLong());
        GroupLevelEstimator estimator = new GroupLevelEstimator(ITEMS, 0.90);
        PersonEstimator wle = PersonEstimator.wle(ITEMS);
        List<ScoreCounts> network = new ArrayList<>();
        for (int g = 0; g < 60; g++) {
            network.add(group(random, answers, wle, cell.level() + random.nextGaussian() * 0.5, cell.othersSpread(), 20, 20,
                    cell.itemsEach()).counts());
        }
        double typical = estimator.typicalSpread(network);
        int covered = 0;
        int coveredWle = 0;
        for (int rep = 0; rep < replications; rep++) {
            Group g = group(random, answers, wle, cell.level(), cell.spread(), cell.respondents(), cell.population(), cell.itemsEach());
            covered += estimator.estimate(g.counts(), cell.population(), typical).covers(g.truth()) ? 1 : 0;
            coveredWle += g.averaged().meanLower() <= g.truth() && g.truth() <= g.averaged().meanUpper() ? 1 : 0;
        }
        return new Coverage(cell, (double) covered / replications, (double) coveredWle / replications, typical);
    }

    static List<Cell> sweep() {
        List<Cell> cells = new ArrayList<>();
        for (double level : new double[] {-2, -1, 0, 1, 2, 3}) {
            for (int respondents : new int[] {5, 20, 200}) {
                for (int itemsEach : new int[] {1, 6}) {
                    for (double spread : new double[] {0.5, 1.0}) {
                        cells.add(new Cell(level, respondents, itemsEach, spread, 1.0));
                    }
                }
                cells.add(new Cell(level, respondents, 1, 1.0, 0.7));
            }
        }
        // groups whose spread is half or twice the scale's typical one (the other groups')
        for (double level : new double[] {0, 2, 3}) {
            for (int respondents : new int[] {20, 200}) {
                for (int itemsEach : new int[] {1, 6}) {
                    for (double others : new double[] {0.5, 2.0}) {
                        cells.add(new Cell(level, respondents, itemsEach, 1.0, 1.0, others));
                    }
                }
            }
        }
        return cells;
    }

    @Test
    void ninetyPercentIntervalsCoverWithinThreePointsEverywhere() {
        System.out.println("GroupLevelCoverageTest seed " + SEED);
        List<Coverage> results = new ArrayList<>();
        int i = 0;
        for (Cell cell : sweep()) {
            results.add(run(cell, SEED * 1000 + i++, REPLICATIONS));
        }
        results.forEach(r -> System.out.printf("%5.1f %4d %d %.1f %.1f  model %.3f  averaged WLEs %.3f  typical spread %.2f  others %.1f%n",
                r.cell().level(), r.cell().respondents(), r.cell().itemsEach(), r.cell().spread(), r.cell().answering(), r.model(),
                r.averagedWle(), r.typicalSpread(), r.cell().othersSpread()));
        // everywhere at least 87%; at most 93% except where a few respondents answered one item each at a scale's end,
        // where a group's spread cannot be told from its answers and the interval allows for every spread they fit
        assertThat(results).allSatisfy(r -> assertThat(r.model()).as("%s", r.cell())
                .isBetween(0.87, unidentifiedSpread(r.cell()) ? 0.97 : 0.93));
        // the estimator used before misses where schools are: one item a respondent, near the ceiling
        assertThat(results).filteredOn(r -> r.cell().itemsEach() == 1 && r.cell().level() >= 2 && r.cell().respondents() >= 20)
                .allSatisfy(r -> assertThat(r.averagedWle()).as("averaged WLEs, %s", r.cell()).isLessThan(0.5));
    }

    static boolean unidentifiedSpread(Cell cell) {
        return cell.itemsEach() == 1 && cell.respondents() <= 20 && Math.abs(cell.level()) >= 2;
    }
}

package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fallback of a scale that cannot be calibrated yet: the share of favourable answers (the top two of five) with its
 * 90% interval. Simulated groups whose members' trust is normal around a level (spread 1 logit), four in five of them
 * answering, each respondent a number of the scale's 24 questions drawn at random (all 24 where the survey draws them
 * all), by a partial credit model with question difficulties from −1 to +1 and steps a logit apart. The truth is the mean,
 * over all the group's members, of the share of favourable answers each would give to the scale's questions. 1,000 groups a
 * cell, seed 2424; the interval must cover the truth at least 87% of the time in every cell (90% stated, less three
 * points for the simulation's error); and it must be needed: Wilson's interval on the answers as if independent misses.
 */
class FavourableShareTest {
    static final long SEED = 2424;
    static final int GROUPS = 1000;
    static final int SCALE_ITEMS = 24;
    static final double[] STEPS = {-1.5, -0.5, 0.5, 1.5};

    @Test
    void theIntervalCoversTheGroupsShareAtEveryLevelSizeAndLength() {
        double[] difficulty = new double[SCALE_ITEMS];
        for (int j = 0; j < SCALE_ITEMS; j++) {
            difficulty[j] = -1 + 2.0 * j / (SCALE_ITEMS - 1);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> table = new ArrayList<>();
        double lowest = 1;
        double naiveLowest = 1;
        table.add("| true level | respondents | questions each | true share (mean) | coverage | as if independent |");
        for (double level : new double[] {-1, 0, 1, 2, 3}) {
            for (int respondents : new int[] {5, 9, 20, 60}) {
                for (int each : new int[] {2, 6, 24}) {
                    int covered = 0;
                    int naive = 0;
                    double truthSum = 0;
                    int members = (int) Math.round(respondents / 0.8);
                    for (int g = 0; g < GROUPS; g++) {
                        double truth = 0;
                        int[] favourable = new int[respondents];
                        int[] answered = new int[respondents];
                        for (int v = 0; v < members; v++) {
                            double theta = level + random.nextGaussian();
                            double expected = 0;
                            for (int j = 0; j < SCALE_ITEMS; j++) {
                                expected += favourableProbability(theta - difficulty[j]);
                            }
                            truth += expected / SCALE_ITEMS;
                            if (v < respondents) {
                                int[] items = draw(each, random);
                                for (int j : items) {
                                    favourable[v] += category(theta - difficulty[j], random) >= 3 ? 1 : 0;
                                }
                                answered[v] = items.length;
                            }
                        }
                        truth /= members;
                        truthSum += truth;
                        FavourableShare share = FavourableShare.of(favourable, answered, 0.90);
                        covered += share.covers(truth) ? 1 : 0;
                        double[] independent = FavourableShare.wilson(share.share(), share.answers(), 1.6448536269514722);
                        naive += independent[0] <= truth && truth <= independent[1] ? 1 : 0;
                    }
                    double coverage = (double) covered / GROUPS;
                    lowest = Math.min(lowest, coverage);
                    naiveLowest = Math.min(naiveLowest, (double) naive / GROUPS);
                    table.add(String.format("| %+.0f | %d | %d | %.2f | %.1f | %.1f |", level, respondents, each, truthSum / GROUPS,
                            100 * coverage, 100.0 * naive / GROUPS));
                    assertThat(coverage).as("level %s, %d respondents, %d questions each", level, respondents, each).isGreaterThanOrEqualTo(0.87);
                }
            }
        }
        table.forEach(System.out::println);
        System.out.printf("lowest coverage %.3f; as if independent %.3f%n", lowest, naiveLowest);
        assertThat(naiveLowest).as("answers taken as independent miss: the respondents' clustering matters").isLessThan(0.80);
    }

    @Test
    void everyAnswerFavourableStillHasALowerEndBelowOne() {
        FavourableShare all = FavourableShare.of(new int[] {6, 6, 6, 6, 6}, new int[] {6, 6, 6, 6, 6}, 0.90);
        assertThat(all.share()).isEqualTo(1.0);
        assertThat(all.upper()).isEqualTo(1.0);
        assertThat(all.lower()).as("five respondents cannot make it sure that everyone would answer so").isBetween(0.5, 0.95);
        assertThatThrownBy(() -> FavourableShare.of(new int[] {1}, new int[] {2}, 0.90)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FavourableShare.of(new int[] {3, 1}, new int[] {2, 2}, 0.90)).isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code each} distinct questions of the scale at random (all of them in order where {@code each} is all). */
    static int[] draw(int each, SplittableRandom random) {
        int[] all = new int[SCALE_ITEMS];
        for (int j = 0; j < SCALE_ITEMS; j++) {
            all[j] = j;
        }
        for (int j = 0; j < each; j++) {
            int k = j + random.nextInt(SCALE_ITEMS - j);
            int swap = all[j];
            all[j] = all[k];
            all[k] = swap;
        }
        return java.util.Arrays.copyOf(all, each);
    }

    static double[] probabilities(double x) {
        double[] weight = new double[STEPS.length + 1];
        double cumulative = 0;
        double sum = 0;
        for (int k = 0; k <= STEPS.length; k++) {
            if (k > 0) {
                cumulative += x - STEPS[k - 1];
            }
            weight[k] = Math.exp(cumulative);
            sum += weight[k];
        }
        for (int k = 0; k < weight.length; k++) {
            weight[k] /= sum;
        }
        return weight;
    }

    static double favourableProbability(double x) {
        double[] p = probabilities(x);
        return p[3] + p[4];
    }

    static int category(double x, SplittableRandom random) {
        double[] p = probabilities(x);
        double u = random.nextDouble();
        int k = 0;
        while (k < p.length - 1 && u > p[k]) {
            u -= p[k];
            k++;
        }
        return k;
    }
}

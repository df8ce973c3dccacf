package org.rapport.app.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerRow;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.PersonEstimator;

/**
 * A scale's anchored scoring is shared by every submission scored at once (one per calibration and scale): each block's
 * measure is the WLE of its answered items and raw score, the same whichever thread asks and however many ask at once.
 * Thresholds and blocks are drawn from a seed printed at the start.
 */
class AnchoredScoringTest {
    static final int BLOCKS = 3000;
    static final int THREADS = 8;

    @Test
    void everyBlockGetsTheWleOfItsItemsAndScoreWhateverScoresBesideIt() throws Exception {
        long seed = new java.security.SecureRandom().nextLong();
        System.out.println("AnchoredScoringTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        ItemBank bank = LanguageDifTest.bank();
        Scale scale = new Scale(Relationship.PUPIL_TEACHER, null);
        List<Item> items = scale.items(bank);
        double[][] thresholds = new double[items.size()][];
        int[][] categories = new int[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            double location = random.nextDouble(-1.5, 1.5);
            thresholds[i] = new double[] {location - 1.5, location - 0.5, location + 0.5, location + 1.5};
            categories[i] = new int[] {0, 1, 2, 3, 4};
        }
        ItemParameters anchors = new ItemParameters(items.stream().map(Item::id).toList(), thresholds);
        List<List<AnswerRow>> blocks = new ArrayList<>();
        for (int b = 0; b < BLOCKS; b++) {
            UUID response = new UUID(random.nextLong(), random.nextLong());
            List<AnswerRow> block = new ArrayList<>();
            for (Item item : items) {
                if (random.nextInt(3) > 0) {
                    block.add(new AnswerRow(response, 1L, 1L, 7L, item.id(), random.nextInt(5)));
                }
            }
            blocks.add(block);
        }
        // what each block's measure must be: the WLE of its items and score, on a scorer of its own
        double[] expected = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            List<AnswerRow> block = blocks.get(b);
            int[] answered = block.stream().mapToInt(a -> items.indexOf(bank.item(a.item()).orElseThrow())).sorted().toArray();
            int score = block.stream().mapToInt(AnswerRow::value).sum();
            expected[b] = answered.length == 0 ? Double.NaN
                    : Scoring.toPoints(PersonEstimator.wle(anchors).estimate(answered, score).measure(), 0.1, 1.2);
        }
        Scoring.Anchored shared = new Scoring.Anchored(scale, anchors, categories, 0.1, 1.2, bank);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * (BLOCKS / THREADS);
                runs.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < BLOCKS; i++) {
                            int b = (i + offset) % BLOCKS;
                            UnitMeasure m = shared.score(blocks.get(b));
                            double got = m == null ? Double.NaN : m.points();
                            if (Double.compare(got, expected[b]) != 0) {
                                wrong.add("block " + b + ": " + got + " instead of " + expected[b]);
                            }
                        }
                    }
                    return wrong;
                }));
            }
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> run : runs) {
                wrong.addAll(run.get());
            }
            assertThat(wrong).as("blocks scored wrong by threads sharing the scale's scoring").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.rapport.app.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.support.AppTest;
import org.rapport.measure.ItemParameters;
import org.springframework.beans.factory.annotation.Autowired;

/** Drift is flagged for an item whose meaning moved, and not for a general rise in trust. */
class DriftTest extends AppTest {
    @Autowired
    CalibrationService calibrations;
    @Autowired
    ItemBank bank;

    final Scale scale = new Scale(Relationship.PUPIL_SCHOOL, null);

    @Test
    void anItemThatMovedIsFlaggedAndAGeneralRiseIsNot() {
        List<Item> items = scale.items(bank);
        ItemParameters truth = parameters(items, null, 0);
        Item moved = items.get(items.size() / 2);
        ScaleFit reference = calibrations.fit(answers(truth, 0.0, 600, 1), scale);
        // later: every pupil trusts the school half a logit more, and one item became a full logit harder to agree with
        ScaleFit later = calibrations.fit(answers(parameters(items, moved.id(), 1.0), 0.5, 600, 2), scale);
        assertThat(reference.calibrated()).as(reference.problem()).isTrue();
        assertThat(later.calibrated()).as(later.problem()).isTrue();

        List<CalibrationService.Drift> drift = CalibrationService.compare(reference, later);
        assertThat(drift).hasSize(items.size());
        assertThat(drift).filteredOn(CalibrationService.Drift::flagged).extracting(CalibrationService.Drift::item)
                .containsExactly(moved.id());
        CalibrationService.Drift d = drift.stream().filter(x -> x.item().equals(moved.id())).findFirst().orElseThrow();
        // centred on the shared items, the moved item's shift is 1 − 1/n of a logit
        assertThat(d.difference()).isBetween(0.6, 1.3);
    }

    @Test
    void theSameModelTwiceFlagsNothing() {
        ItemParameters truth = parameters(scale.items(bank), null, 0);
        ScaleFit a = calibrations.fit(answers(truth, 0.0, 600, 3), scale);
        ScaleFit b = calibrations.fit(answers(truth, 0.8, 600, 4), scale);
        assertThat(CalibrationService.compare(a, b)).noneMatch(CalibrationService.Drift::flagged);
    }

    /** Four thresholds per item, spread around locations from −1 to 1; {@code shifted} moved by {@code by}. */
    private static ItemParameters parameters(List<Item> items, String shifted, double by) {
        double[][] tau = new double[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            double location = -1 + 2.0 * i / (items.size() - 1) + (items.get(i).id().equals(shifted) ? by : 0);
            tau[i] = new double[] {location - 1.5, location - 0.5, location + 0.5, location + 1.5};
        }
        return new ItemParameters(items.stream().map(Item::id).toList(), tau);
    }

    /** Pupils with θ ~ N(mean, 1) answering every item (PCM). */
    private static List<AnswerRow> answers(ItemParameters items, double mean, int pupils, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] p = new double[Item.MAX_VALUE + 1];
        List<AnswerRow> rows = new ArrayList<>();
        for (int v = 0; v < pupils; v++) {
            UUID response = new UUID(seed, v);
            double theta = mean + random.nextGaussian();
            for (int i = 0; i < items.items(); i++) {
                items.categoryProbabilities(i, theta, p);
                double u = random.nextDouble();
                int x = 0;
                for (double c = p[0]; u > c && x < Item.MAX_VALUE; c += p[++x]) {
                    // walk up the cumulative probabilities
                }
                rows.add(new AnswerRow(response, 1, null, null, items.itemNames().get(i), x));
            }
        }
        return rows;
    }
}

package org.rapport.app.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.support.ModelRespondent;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The DIF check between languages on simulated parents: answers drawn from one partial credit model
 * for every language, except one item that a translation made a logit harder to agree with in
 * Polish. Over forty simulated networks the planted item is flagged in at least four of five, and an
 * item without DIF in at most one network in twenty (the stated family-wise error rate); a language
 * with too few answers is not checked.
 */
class LanguageDifTest {
    static final int REPLICATIONS = 40;
    static final String PLANTED = "pa_com_2";
    static final double PLANTED_SHIFT = 1.0;

    static ItemBank bank() {
        ResourceBundleMessageSource m = new org.rapport.app.web.IcuMessageSource();
        m.setBasenames("messages", "itembank/items");
        m.setAlwaysUseMessageFormat(true);
        m.setFallbackToSystemLocale(false);
        m.setDefaultEncoding("UTF-8");
        return new ItemBank(m);
    }

    static List<AnswerRow> parents(int count, double mean, List<Item> items, Map<String, double[]> thresholds, double shift,
                                   SplittableRandom random) {
        List<AnswerRow> rows = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            UUID response = new UUID(random.nextLong(), random.nextLong());
            double theta = mean + random.nextGaussian();
            for (Item item : items) {
                double[] t = thresholds.get(item.id()).clone();
                if (item.id().equals(PLANTED)) {
                    for (int k = 0; k < t.length; k++) {
                        t[k] += shift;
                    }
                }
                rows.add(new AnswerRow(response, 1L, 1L, null, item.id(), ModelRespondent.category(theta, t, random)));
            }
        }
        return rows;
    }

    @Test
    void aPlantedTranslationDifIsFlaggedAndTheOtherItemsAreLeftAlone() {
        ItemBank bank = bank();
        CalibrationService service = new CalibrationService(null, null, null, bank, null, null);
        List<Item> items = new Scale(Relationship.PARENT_SCHOOL, null).items(bank);
        assertThat(items).extracting(Item::id).contains(PLANTED);
        int plantedFound = 0;
        int falseFlags = 0;
        int nullComparisons = 0;
        int networksWithFalseFlags = 0;
        for (int rep = 0; rep < REPLICATIONS; rep++) {
            SplittableRandom random = new SplittableRandom(1000 + rep);
            Map<String, double[]> thresholds = new TreeMap<>();
            for (int i = 0; i < items.size(); i++) {
                double location = -1 + 2.0 * i / (items.size() - 1) + 0.2 * random.nextGaussian();
                thresholds.put(items.get(i).id(), new double[] {location - 1.5, location - 0.5, location + 0.5, location + 1.5});
            }
            Map<String, List<AnswerRow>> byLanguage = new TreeMap<>();
            // languages differ in their general level of trust (not DIF); Polish has the planted item; Arabic too few to check
            byLanguage.put("en", parents(600, 0.5, items, thresholds, 0, random));
            byLanguage.put("es", parents(200, 0.0, items, thresholds, 0, random));
            byLanguage.put("pl", parents(150, -0.3, items, thresholds, PLANTED_SHIFT, random));
            byLanguage.put("ar", parents(12, 0.0, items, thresholds, 0, random));

            CalibrationService.DifCheck check = service.dif(byLanguage);
            int falseBefore = falseFlags;
            assertThat(check.referenceLanguage()).isEqualTo("en");
            assertThat(check.items()).extracting(CalibrationService.Dif::language).doesNotContain("ar", "en");
            assertThat(check.unchecked()).extracting(CalibrationService.Unchecked::language).containsOnly("ar");
            for (CalibrationService.Dif d : check.items()) {
                boolean planted = d.language().equals("pl") && d.item().equals(PLANTED);
                if (planted) {
                    plantedFound += d.flagged() ? 1 : 0;
                    // centred on the items without DIF, the planted shift shows whole, within its uncertainty
                    assertThat(Math.abs(d.difference() - PLANTED_SHIFT)).isLessThan(4 * d.standardError());
                } else {
                    nullComparisons++;
                    falseFlags += d.flagged() ? 1 : 0;
                }
            }
            networksWithFalseFlags += falseFlags > falseBefore ? 1 : 0;
        }
        System.out.printf("DIF simulation: planted item flagged in %d of %d networks; %d false flags in %d comparisons without DIF%n",
                plantedFound, REPLICATIONS, falseFlags, nullComparisons);
        // a logit of DIF among 150 Polish parents: found in at least four networks of five (measured: 39 of 40)
        assertThat(plantedFound).as("the planted item, flagged").isGreaterThanOrEqualTo(REPLICATIONS * 4 / 5);
        // Holm at 5% family-wise: at most one network in twenty with any false flag (measured: none in 40)
        assertThat(networksWithFalseFlags).as("networks with an item flagged that has no DIF").isLessThanOrEqualTo(REPLICATIONS / 20);
    }
}

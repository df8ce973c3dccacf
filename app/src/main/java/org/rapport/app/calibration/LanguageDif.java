package org.rapport.app.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rapport.app.itembank.Item;
import org.rapport.measure.Analysis;
import org.rapport.measure.CategoryMerge;
import org.rapport.measure.ItemDif;
import org.rapport.measure.ItemDrift;
import org.rapport.measure.ItemLocation;
import org.rapport.measure.MeasurementException;
import org.rapport.measure.Model;
import org.rapport.measure.ResponseMatrix;

/**
 * One scale's items calibrated freely in two languages and compared. An item's location (the mean of
 * its thresholds) compares across two calibrations only if both have the same categories, so both
 * groups are recoded alike: a value becomes a category of its own only where it is informative in
 * both, and an item answered (or varied) in one group only is left out.
 */
final class LanguageDif {
    private static final int MAX_ROUNDS = 20;

    private LanguageDif() {
    }

    /**
     * The locations of the items both share, in both groups, and each shared item's size of DIF as ETS measures it
     * for polytomous items (SMD/SD, {@link ItemDif}), by item.
     */
    record Compared(ItemDrift.Pair pair, ItemDif.Sizes sizes) {
    }

    /** The items both share compared; empty when either group cannot be calibrated. */
    static Optional<Compared> compare(ResponseMatrix reference, ResponseMatrix language) {
        List<String> names = reference.itemNames();
        boolean[] kept = new boolean[names.size()];
        java.util.Arrays.fill(kept, true);
        int[][] categories = identity(names.size());
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ResponseMatrix a = CategoryMerge.recode(select(reference, kept), select(categories, kept));
            ResponseMatrix b = CategoryMerge.recode(select(language, kept), select(categories, kept));
            int[][] mergeA = CategoryMerge.unusedCategories(a, Item.MAX_VALUE);
            int[][] mergeB = CategoryMerge.unusedCategories(b, Item.MAX_VALUE);
            boolean changed = false;
            int[] maxA = a.observedMaxCategories();
            int[] maxB = b.observedMaxCategories();
            for (int i = 0, q = 0; i < names.size(); i++) {
                if (!kept[i]) {
                    continue;
                }
                int[] old = categories[i].clone();
                for (int x = 1; x <= Item.MAX_VALUE; x++) {
                    // a value starts a category only where the boundary below it is informative in both groups
                    boolean starts = old[x] > old[x - 1] && mergeA[q][old[x]] > mergeA[q][old[x - 1]] && mergeB[q][old[x]] > mergeB[q][old[x - 1]];
                    categories[i][x] = categories[i][x - 1] + (starts ? 1 : 0);
                }
                changed |= !java.util.Arrays.equals(old, categories[i]);
                if (maxA[q] == 0 || maxB[q] == 0 || categories[i][Item.MAX_VALUE] == 0) {
                    kept[i] = false;
                    changed = true;
                }
                q++;
            }
            if (!changed) {
                try {
                    Analysis ofA = Analysis.run(a, Model.PCM);
                    Analysis ofB = Analysis.run(b, Model.PCM);
                    double[] measuresB = java.util.Arrays.stream(ofB.persons()).mapToDouble(org.rapport.measure.PersonMeasure::measure)
                            .filter(Double::isFinite).toArray();
                    return Optional.of(new Compared(new ItemDrift.Pair(ItemLocation.of(ofA.calibration()), ItemLocation.of(ofB.calibration())),
                            new ItemDif.Sizes(ofA.calibration(), ofB.calibration(), measuresB, a, b)));
                } catch (MeasurementException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static int[][] identity(int items) {
        int[][] out = new int[items][Item.MAX_VALUE + 1];
        for (int[] item : out) {
            for (int x = 0; x < item.length; x++) {
                item[x] = x;
            }
        }
        return out;
    }

    private static int[][] select(int[][] rows, boolean[] kept) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (kept[i]) {
                out.add(rows[i]);
            }
        }
        return out.toArray(int[][]::new);
    }

    private static ResponseMatrix select(ResponseMatrix m, boolean[] kept) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < m.items(); i++) {
            if (kept[i]) {
                names.add(m.itemNames().get(i));
            }
        }
        byte[] data = new byte[m.persons() * names.size()];
        for (int v = 0, q = 0; v < m.persons(); v++) {
            for (int i = 0; i < m.items(); i++) {
                if (kept[i]) {
                    int x = m.get(v, i);
                    data[q++] = (byte) x;
                }
            }
        }
        return new ResponseMatrix(names, m.persons(), data);
    }
}

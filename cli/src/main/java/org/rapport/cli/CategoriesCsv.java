package org.rapport.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rapport.measure.CategoryMerge;
import org.rapport.measure.ResponseCsv;
import org.rapport.measure.ResponseMatrix;

/**
 * Answer values merged into model categories, as Rapport's calibration merges them (a value nobody used where it
 * informs goes into the next used value below): found by calibrate, written as {@code item,value,category}, and
 * read back by score so that new answers are recoded the same way.
 */
final class CategoriesCsv {
    private CategoriesCsv() {
    }

    /**
     * Per item, answer value → category for the data's own values; null when every value is used and nothing merges,
     * or when an item was answered in one value only (the calibration then says so in the data's own values).
     */
    static int[][] merges(ResponseMatrix data) {
        int[] observedTop = data.observedMaxCategories();
        int top = 0;
        for (int m : observedTop) {
            top = Math.max(top, m);
        }
        // an item answered in one value only is refused as it is, in its own values, not merged into category 0
        boolean[][] seen = new boolean[data.items()][top + 1];
        for (int v = 0; v < data.persons(); v++) {
            for (int i = 0; i < data.items(); i++) {
                int x = data.get(v, i);
                if (x != ResponseMatrix.MISSING) {
                    seen[i][x] = true;
                }
            }
        }
        for (boolean[] item : seen) {
            int values = 0;
            for (boolean b : item) {
                values += b ? 1 : 0;
            }
            if (values < 2) {
                return null;
            }
        }
        int[][] categories = CategoryMerge.unusedCategories(data, top);
        return itemsMerged(data, categories) > 0 ? categories : null;
    }

    /** How many items had values merged. */
    static int itemsMerged(ResponseMatrix data, int[][] categories) {
        int[] observedTop = data.observedMaxCategories();
        int count = 0;
        for (int i = 0; i < data.items(); i++) {
            for (int x = 0; x <= observedTop[i]; x++) {
                if (categories[i][x] != x) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    static void write(Path file, List<String> itemNames, int[][] categories) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("item,value,category\n");
            for (int i = 0; i < itemNames.size(); i++) {
                for (int x = 0; x < categories[i].length; x++) {
                    w.write(itemNames.get(i) + "," + x + "," + categories[i][x] + "\n");
                }
            }
        }
    }

    /** The data with each answer replaced by its category from {@code file}; items the file does not list are kept as they are. */
    static ResponseMatrix apply(Path file, ResponseMatrix data) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ResponseCsv.FormatException(file + ": no such file");
        }
        List<String> lines = Files.readAllLines(file);
        // notes before the header, each line starting with '#', are read past (a research export's map says there which
        // schools' answers were deleted)
        int header = 0;
        while (header < lines.size() && lines.get(header).startsWith("#")) {
            header++;
        }
        if (header >= lines.size() || !lines.get(header).strip().equals("item,value,category")) {
            throw new ResponseCsv.FormatException(file + ": line " + (header + 1) + ": expected the header item,value,category");
        }
        Map<String, Map<Integer, Integer>> byItem = new HashMap<>();
        for (int n = header + 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] cells = lines.get(n).split(",", -1);
            try {
                if (cells.length != 3) {
                    throw new NumberFormatException();
                }
                byItem.computeIfAbsent(cells[0].strip(), k -> new HashMap<>())
                        .put(Integer.parseInt(cells[1].strip()), Integer.parseInt(cells[2].strip()));
            } catch (NumberFormatException e) {
                throw new ResponseCsv.FormatException(file + ": line " + (n + 1) + ": expected item,value,category with whole numbers, found "
                        + lines.get(n));
            }
        }
        int[][] rows = new int[data.persons()][data.items()];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < data.items(); i++) {
            Map<Integer, Integer> map = byItem.get(data.itemNames().get(i));
            for (int v = 0; v < data.persons(); v++) {
                int x = data.get(v, i);
                if (x == ResponseMatrix.MISSING || map == null) {
                    rows[v][i] = x;
                } else if (map.containsKey(x)) {
                    rows[v][i] = map.get(x);
                } else {
                    if (problems.size() < 5) {
                        problems.add("item " + data.itemNames().get(i) + ": value " + x + " is not in " + file.getFileName());
                    }
                    rows[v][i] = ResponseMatrix.MISSING;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ResponseCsv.FormatException(String.join("; ", problems));
        }
        return ResponseMatrix.of(data.itemNames(), rows);
    }
}

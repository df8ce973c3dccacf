package org.rapport.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.ResponseCsv;

/** Reads the item,threshold,estimate[,se] files that calibrate writes, for anchored scoring. */
final class ItemsCsv {
    private ItemsCsv() {
    }

    static ItemParameters read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ResponseCsv.FormatException(file + ": no such file");
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new ResponseCsv.FormatException(file + ": the file is empty; expected a header item,threshold,estimate");
        }
        List<String> header = List.of(lines.get(0).replace("\"", "").strip().split("\\s*,\\s*"));
        int item = header.indexOf("item"), threshold = header.indexOf("threshold"), estimate = header.indexOf("estimate");
        if (item < 0 || threshold < 0 || estimate < 0) {
            throw new ResponseCsv.FormatException(file + ": line 1: expected the columns item, threshold and estimate, found " + header);
        }
        Map<String, List<Double>> byItem = new LinkedHashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new ResponseCsv.FormatException(file + ": line " + (n + 1) + ": " + cells.length
                        + " cells, but the header has " + header.size());
            }
            String name = cells[item].replace("\"", "").strip();
            List<Double> thresholds = byItem.computeIfAbsent(name, k -> new ArrayList<>());
            int k = parseInt(cells[threshold], file, n + 1, threshold + 1);
            if (k != thresholds.size() + 1) {
                throw new ResponseCsv.FormatException(file + ": line " + (n + 1) + ", column " + (threshold + 1)
                        + ": threshold " + k + " of item " + name + " where " + (thresholds.size() + 1) + " was expected");
            }
            thresholds.add(parseDouble(cells[estimate], file, n + 1, estimate + 1));
        }
        if (byItem.isEmpty()) {
            throw new ResponseCsv.FormatException(file + ": no thresholds after the header");
        }
        double[][] tau = new double[byItem.size()][];
        int i = 0;
        for (List<Double> thresholds : byItem.values()) {
            tau[i++] = thresholds.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new ItemParameters(new ArrayList<>(byItem.keySet()), tau);
    }

    private static int parseInt(String cell, Path file, int line, int column) {
        try {
            return Integer.parseInt(cell.strip());
        } catch (NumberFormatException e) {
            throw new ResponseCsv.FormatException(file + ": line " + line + ", column " + column + ": '" + cell + "' is not a whole number");
        }
    }

    private static double parseDouble(String cell, Path file, int line, int column) {
        try {
            double v = Double.parseDouble(cell.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ResponseCsv.FormatException(file + ": line " + line + ", column " + column + ": '" + cell + "' is not a number");
    }
}

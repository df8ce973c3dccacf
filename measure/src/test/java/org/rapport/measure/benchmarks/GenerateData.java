package org.rapport.measure.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.ResponseMatrix;
import org.rapport.measure.Simulator;

/** Writes simulated PCM data as CSV, for timing the command line and peers on the same data. */
public final class GenerateData {
    private GenerateData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: GenerateData PERSONS ITEMS CATEGORIES OUT.csv");
            System.exit(2);
        }
        int persons = Integer.parseInt(args[0]);
        int items = Integer.parseInt(args[1]);
        int categories = Integer.parseInt(args[2]);
        ItemParameters truth = Simulator.items(items, categories, 42);
        ResponseMatrix m = new Simulator(truth, 42).matrix(persons, 1.0, 0);
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[3]))) {
            w.write(String.join(",", m.itemNames()));
            w.newLine();
            StringBuilder row = new StringBuilder();
            for (int v = 0; v < persons; v++) {
                row.setLength(0);
                for (int i = 0; i < items; i++) {
                    row.append(i == 0 ? "" : ",").append(m.get(v, i));
                }
                w.write(row.toString());
                w.newLine();
            }
        }
    }
}

package org.rapport.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rapport.measure.Analysis;
import org.rapport.measure.Calibration;
import org.rapport.measure.FitStatistic;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.PersonMeasure;

/** The CSV and JSON files that calibrate and score write. */
final class Outputs {
    private Outputs() {
    }

    static String number(double x) {
        if (Double.isNaN(x)) {
            return "NA";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Inf" : "-Inf";
        }
        return fixed6(x);
    }

    /** x with six decimals, as %.6f would print it, without the cost of Formatter (it runs per cell). */
    static String fixed6(double x) {
        if (Math.abs(x) >= 1e12) {
            return String.format(Locale.ROOT, "%.6f", x);
        }
        long scaled = Math.round(Math.abs(x) * 1_000_000d);
        StringBuilder sb = new StringBuilder(16);
        if (x < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / 1_000_000).append('.');
        String fraction = Long.toString(scaled % 1_000_000);
        for (int pad = fraction.length(); pad < 6; pad++) {
            sb.append('0');
        }
        return sb.append(fraction).toString();
    }

    static String csvName(String name) {
        return name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }

    static void writeItems(Path file, Calibration c) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("item,threshold,estimate,se\n");
            ItemParameters items = c.items();
            for (int i = 0; i < items.items(); i++) {
                for (int k = 1; k <= items.maxCategory(i); k++) {
                    w.write(csvName(items.itemNames().get(i)) + "," + k + "," + number(items.threshold(i, k)) + ","
                            + number(c.standardError(i, k)) + "\n");
                }
            }
        }
    }

    static void writePersons(Path file, PersonMeasure[] wle, PersonMeasure[] mle) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            persons(w, wle, mle);
        }
    }

    static void printPersons(PrintStream out, PersonMeasure[] wle, PersonMeasure[] mle) throws IOException {
        Writer w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
        persons(w, wle, mle);
        w.flush();
    }

    private static void persons(Writer w, PersonMeasure[] wle, PersonMeasure[] mle) throws IOException {
        w.write(mle == null ? "row,score,max_score,wle,wle_se\n" : "row,score,max_score,wle,wle_se,mle,mle_se\n");
        StringBuilder line = new StringBuilder(64);
        for (int v = 0; v < wle.length; v++) {
            PersonMeasure m = wle[v];
            line.setLength(0);
            line.append(v + 1).append(',').append(m.score()).append(',').append(m.maxScore()).append(',')
                    .append(number(m.measure())).append(',').append(number(m.standardError()));
            if (mle != null) {
                line.append(',').append(number(mle[v].measure())).append(',').append(number(mle[v].standardError()));
            }
            w.write(line.append('\n').toString());
        }
    }

    static void writeItemFit(Path file, List<String> names, FitStatistic[] fit) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("item,infit_msq,outfit_msq,infit_z,outfit_z\n");
            for (int i = 0; i < fit.length; i++) {
                w.write(csvName(names.get(i)) + "," + fitColumns(fit[i]) + "\n");
            }
        }
    }

    static void writePersonFit(Path file, FitStatistic[] fit) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("row,infit_msq,outfit_msq,infit_z,outfit_z\n");
            for (int v = 0; v < fit.length; v++) {
                w.write((v + 1) + "," + fitColumns(fit[v]) + "\n");
            }
        }
    }

    private static String fitColumns(FitStatistic f) {
        return number(f.infitMeanSquare()) + "," + number(f.outfitMeanSquare()) + "," + number(f.infitZ()) + "," + number(f.outfitZ());
    }

    static void writeInformation(Path file, ItemParameters items) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder("theta");
            for (String name : items.itemNames()) {
                header.append(',').append(csvName(name));
            }
            w.write(header.append(",test\n").toString());
            for (int step = -16; step <= 16; step++) {
                double theta = step * 0.25;
                StringBuilder row = new StringBuilder(number(theta));
                double test = 0;
                for (int i = 0; i < items.items(); i++) {
                    double info = items.information(i, theta);
                    test += info;
                    row.append(',').append(number(info));
                }
                w.write(row.append(',').append(number(test)).append('\n').toString());
            }
        }
    }

    static void writeSummary(Path file, Path input, Analysis a) throws IOException {
        Calibration c = a.calibration();
        String json = "{\n"
                + "  \"input\": \"" + input.getFileName().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\",\n"
                + "  \"model\": \"" + c.model().label() + "\",\n"
                + "  \"persons\": " + c.persons() + ",\n"
                + "  \"persons_with_informative_scores\": " + c.nonExtremePersons() + ",\n"
                + "  \"items\": " + c.items().items() + ",\n"
                + "  \"free_parameters\": " + c.freeParameters() + ",\n"
                + "  \"conditional_loglik\": " + jsonNumber(c.conditionalLogLikelihood()) + ",\n"
                + "  \"iterations\": " + c.iterations() + ",\n"
                + "  \"converged\": " + c.converged() + ",\n"
                + "  \"person_separation_reliability\": " + jsonNumber(a.separationReliability()) + ",\n"
                + "  \"cronbach_alpha\": " + jsonNumber(a.cronbachAlpha()) + ",\n"
                + "  \"estimation\": \"conditional maximum likelihood (Newton, analytic Hessian)\",\n"
                + "  \"person_estimator\": \"WLE (Warm 1989)\"\n"
                + "}\n";
        Files.writeString(file, json);
    }

    private static String jsonNumber(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6f", x) : "null";
    }
}

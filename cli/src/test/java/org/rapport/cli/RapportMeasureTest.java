package org.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RapportMeasureTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RapportMeasure.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    static Path reference(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            // the reference data the measure module keeps beside its tests
            Path candidate = dir.resolve("measure/src/test/resources/reference").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("measure/src/test/resources/reference/" + name + " not found");
    }

    @Test
    void calibrateWritesTheDocumentedFilesMatchingTheReference() throws IOException {
        Path out = tmp.resolve("out");
        Run r = run("calibrate", "--model", "pcm", "--out", out.toString(), reference("sim_pcm_missing.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();

        List<String> items = Files.readAllLines(out.resolve("items.csv"));
        assertThat(items.get(0)).isEqualTo("item,threshold,estimate,se");
        List<String> expected = Files.readAllLines(reference("sim_pcm_missing.pcm.items.csv"));
        assertThat(items).hasSize(expected.size());
        double sum = 0;
        for (int n = 1; n < items.size(); n++) {
            String[] mine = items.get(n).split(",");
            String[] theirs = expected.get(n).split(",");
            assertThat(mine[0]).isEqualTo(theirs[0]);
            assertThat(mine[1]).isEqualTo(theirs[1]);
            assertThat(Double.parseDouble(mine[2])).isCloseTo(Double.parseDouble(theirs[2]), within(1e-3));
            assertThat(Double.parseDouble(mine[3])).isPositive();
            sum += Double.parseDouble(mine[2]);
        }
        assertThat(sum).isCloseTo(0, within(1e-5));

        List<String> persons = Files.readAllLines(out.resolve("persons.csv"));
        List<String> expectedPersons = Files.readAllLines(reference("sim_pcm_missing.pcm.persons.csv"));
        assertThat(persons.get(0)).isEqualTo("row,score,max_score,wle,wle_se");
        assertThat(persons).hasSize(expectedPersons.size());
        for (int n = 1; n < persons.size(); n++) {
            String[] mine = persons.get(n).split(",");
            String[] theirs = expectedPersons.get(n).split(",");
            assertThat(mine[1]).isEqualTo(theirs[1]);
            assertThat(mine[2]).isEqualTo(theirs[2]);
            assertThat(Double.parseDouble(mine[3])).isCloseTo(Double.parseDouble(theirs[3]), within(1e-3));
        }

        assertThat(Files.readAllLines(out.resolve("fit.csv")).get(0)).isEqualTo("item,infit_msq,outfit_msq,infit_z,outfit_z");
        assertThat(Files.readAllLines(out.resolve("fit.csv"))).hasSize(9);
        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(summary).contains("\"model\": \"pcm\"", "\"persons\": 600", "\"items\": 8", "\"converged\": true",
                "\"conditional_loglik\": -2956.92996", "\"iterations\": ", "\"person_separation_reliability\": 0.");
    }

    @Test
    void scoreOnAnchoredItemsReproducesTheCalibrationsMeasures() throws IOException {
        Path out = tmp.resolve("cal");
        assertThat(run("calibrate", "--model", "rsm", "--out", out.toString(), reference("rsmdat.csv").toString()).exit()).isZero();
        Path scored = tmp.resolve("scored.csv");
        Run r = run("score", "--items", out.resolve("items.csv").toString(), "--out", scored.toString(),
                reference("rsmdat.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> anchored = Files.readAllLines(scored);
        List<String> calibrated = Files.readAllLines(out.resolve("persons.csv"));
        assertThat(anchored).hasSize(calibrated.size());
        assertThat(anchored.get(0)).isEqualTo(calibrated.get(0));
        for (int n = 1; n < anchored.size(); n++) {
            String[] a = anchored.get(n).split(",");
            String[] c = calibrated.get(n).split(",");
            assertThat(a[1]).isEqualTo(c[1]);
            // anchors are read back at six decimals
            assertThat(Double.parseDouble(a[3])).isCloseTo(Double.parseDouble(c[3]), within(1e-5));
        }
    }

    /**
     * A research export as the application writes it: respondent and school columns, five-point answers, and an item
     * whose lowest value nobody chose (trust scales often have one). The application merges such values before it
     * calibrates; the command line must read the file as it is and merge the same way.
     */
    @Test
    void aResearchExportWithAnUnusedValueIsCalibratedAsTheApplicationMergesIt() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(28);
        StringBuilder csv = new StringBuilder("respondent,school,a,b,c,d\n");
        for (int v = 0; v < 400; v++) {
            double theta = 1 + random.nextGaussian();
            csv.append(java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) v, (byte) (v >> 8)})).append(",School ").append(v % 3);
            for (int i = 0; i < 4; i++) {
                int x = (int) Math.round(Math.max(0, Math.min(4, 2 + theta + random.nextGaussian() - 0.3 * i)));
                if (i == 0 && x == 0) {
                    x = 1;
                }
                csv.append(',').append(random.nextInt(10) == 0 ? "" : Integer.toString(x));
            }
            csv.append('\n');
        }
        Path export = tmp.resolve("export.csv");
        Files.writeString(export, csv);

        // without the export's category map: a usage error that names the item, the value and the way out, no stack trace
        Run strict = run("calibrate", "--ignore", "respondent,school", "--out", tmp.resolve("strict").toString(), export.toString());
        assertThat(strict.exit()).isEqualTo(2);
        assertThat(strict.err()).contains("item a: nobody answered in category 0", "--categories FILE", "--merge-unused")
                .doesNotContain("Exception", "\tat ");

        Path out = tmp.resolve("merged");
        Run r = run("calibrate", "--merge-unused", "--ignore", "respondent,school", "--out", out.toString(), export.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> categories = Files.readAllLines(out.resolve("categories.csv"));
        assertThat(categories).contains("item,value,category", "a,0,0", "a,1,0", "a,2,1", "a,4,3", "b,0,0", "b,4,4");
        List<String> items = Files.readAllLines(out.resolve("items.csv"));
        assertThat(items.stream().filter(l -> l.startsWith("a,"))).hasSize(3);
        assertThat(items.stream().filter(l -> l.startsWith("b,"))).hasSize(4);

        Path scoredFile = tmp.resolve("scored.csv");
        Run scored = run("score", "--items", out.resolve("items.csv").toString(), "--categories", out.resolve("categories.csv").toString(),
                "--ignore", "respondent,school", "--out", scoredFile.toString(), export.toString());
        assertThat(scored.exit()).as(scored.err()).isZero();
        List<String> persons = Files.readAllLines(out.resolve("persons.csv"));
        List<String> rescored = Files.readAllLines(scoredFile);
        assertThat(rescored).hasSize(persons.size());
        for (int n = 1; n < persons.size(); n++) {
            String[] mine = rescored.get(n).split(",");
            String[] theirs = persons.get(n).split(",");
            assertThat(mine[1]).as("score of row %d", n).isEqualTo(theirs[1]);
            // anchors are read back at six decimals
            assertThat(Double.parseDouble(mine[3])).isCloseTo(Double.parseDouble(theirs[3]), within(1e-5));
        }
        // the rating scale model shares its steps across items: nothing is merged, and the unused value is estimated
        // from the other items (merging it in item a alone put a's answers a category lower against the shared steps)
        Path rsm = tmp.resolve("rsm");
        Run shared = run("calibrate", "--model", "rsm", "--ignore", "respondent,school", "--out", rsm.toString(), export.toString());
        assertThat(shared.exit()).as(shared.err()).isZero();
        assertThat(rsm.resolve("categories.csv")).doesNotExist();
        assertThat(Files.readAllLines(rsm.resolve("items.csv")).stream().filter(l -> l.startsWith("a,"))).hasSize(4);
        // the export's own category map, given with --categories, gives the same thresholds as merging (the map is the
        // application's: here the one --merge-unused wrote, the application's rule on these rows)
        Path map = tmp.resolve("export-categories.csv");
        Files.copy(out.resolve("categories.csv"), map);
        Path mapped = tmp.resolve("mapped");
        Run byMap = run("calibrate", "--categories", map.toString(), "--ignore", "respondent,school", "--out", mapped.toString(), export.toString());
        assertThat(byMap.exit()).as(byMap.err()).isZero();
        assertThat(Files.readAllLines(mapped.resolve("items.csv"))).isEqualTo(Files.readAllLines(out.resolve("items.csv")));
        assertThat(Files.readAllLines(mapped.resolve("categories.csv"))).isEqualTo(Files.readAllLines(map));
        // an export and its map whose school's raw answers were deleted start with note lines ('#'): read past, the same result
        Path noted = write("noted-export.csv", "# The raw answers of a school were deleted on 2026-12-07.\n# A second note.\n"
                + Files.readString(export));
        Path notedMap = write("noted-categories.csv", "# The raw answers of a school were deleted on 2026-12-07.\n# A second note.\n"
                + Files.readString(map));
        Path notedOut = tmp.resolve("noted");
        Run byNotedMap = run("calibrate", "--categories", notedMap.toString(), "--ignore", "respondent,school", "--out", notedOut.toString(),
                noted.toString());
        assertThat(byNotedMap.exit()).as(byNotedMap.err()).isZero();
        assertThat(Files.readAllLines(notedOut.resolve("items.csv"))).isEqualTo(Files.readAllLines(out.resolve("items.csv")));
        // a map that leaves a value out is refused, naming the item and the value
        Path partial = write("partial.csv", "item,value,category\na,1,0\na,2,1\na,3,2\n");
        Run refused = run("calibrate", "--categories", partial.toString(), "--ignore", "respondent,school", "--out",
                tmp.resolve("partial-out").toString(), export.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("item a: value 4 is not in partial.csv").doesNotContain("Exception");
        Run both = run("calibrate", "--categories", map.toString(), "--merge-unused", export.toString());
        assertThat(both.exit()).isEqualTo(2);
        // data in which every value is used are calibrated as before, with no categories.csv
        Run plain = run("calibrate", "--model", "pcm", "--out", out.toString(), reference("sim_pcm_missing.csv").toString());
        assertThat(plain.exit()).isZero();
        assertThat(out.resolve("categories.csv")).doesNotExist();
    }

    @Test
    void badInputNamesLineAndColumnAndExitsNonZero() throws IOException {
        Path ragged = write("ragged.csv", "a,b,c\n1,0,1\n1,0\n");
        Run r = run("calibrate", ragged.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("ragged.csv: line 3: 2 cells, but the header names 3 items");

        Path text = write("text.csv", "a,b,c\n1,0,1\n1,yes,0\n");
        r = run("calibrate", text.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("line 3, column 2 (item b): 'yes' is not a category");

        Path oneCategory = write("one.csv", "a,b,c\n1,0,1\n1,1,0\n1,0,0\n1,1,1\n");
        r = run("calibrate", "--model", "rm", oneCategory.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("item a: every answer is 1");

        r = run("calibrate", write("empty.csv", "").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("the file is empty");

        r = run("calibrate", tmp.resolve("nowhere.csv").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nowhere.csv: no such file");

        r = run("calibrate", "--model", "xyz", ragged.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown model 'xyz'");

        r = run("frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument");

        r = run("score", ragged.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--items=items.csv'");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void helpDocumentsEveryCommandAndOutput() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("calibrate", "score", "Exit codes");
        r = run("calibrate", "--help");
        assertThat(r.out()).contains("--model", "--out", "--mle", "items.csv", "persons.csv", "fit.csv", "summary.json");
        r = run("score", "--help");
        assertThat(r.out()).contains("--items", "--out");
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}

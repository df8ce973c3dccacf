package org.rapport.app.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.calibration.Scale;
import org.rapport.app.calibration.ScaleFit;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.support.Fixtures;
import org.rapport.app.web.ConflictException;
import org.rapport.app.window.Wave;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every research export of the demo network (every wave, every relationship whose network result is shown), calibrated by
 * {@code rapport-measure calibrate} with the export's category map, as a researcher would: it succeeds on each, and its
 * thresholds are the application's calibration of the same wave to {@value #AGREEMENT} logits (items.csv prints six
 * decimals). The reference wave is compared with the stored calibration (and its category map with the stored one),
 * the others with the application's free calibration of the wave, as its drift check makes it.
 */
class DemoExportsCalibrateTest extends AppTest {
    static final double AGREEMENT = 1e-6;
    @Autowired
    DemoNetwork demo;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Windows windows;
    @Autowired
    ResearchExport exports;
    @Autowired
    CalibrationService calibration;
    @Autowired
    Calibrations calibrations;

    @Test
    void everyExportOfTheDemoIsCalibratedByTheCommandLineAsTheApplicationCalibratesIt(@TempDir Path dir) throws Exception {
        long network = DemoFixture.network(demo);
        StaffUser admin = fixtures.networkAdmin(network);
        var active = calibrations.active(network).orElseThrow();
        List<String> calibrated = new ArrayList<>();
        int merged = 0;
        int refused = 0;
        int withMerges = 0;
        for (Wave w : windows.waves(network)) {
            for (Relationship r : Relationship.values()) {
                ResearchExport.Export e;
                try {
                    e = exports.export(admin, w.windows().get(0).id(), r);
                } catch (ConflictException notShown) {
                    continue;
                }
                String name = w.name() + " " + r;
                Path file = dir.resolve(e.fileName());
                Path map = dir.resolve(r + "-" + w.windows().get(0).id() + "-categories.csv");
                Files.writeString(file, e.csv());
                Files.writeString(map, e.categories());
                Path out = dir.resolve(r + "-" + w.windows().get(0).id());
                Process p = new ProcessBuilder(Path.of("..", "bin", "rapport-measure").toAbsolutePath().toString(), "calibrate",
                        "--categories", map.toString(), "--ignore", "respondent,school", "--out", out.toString(), file.toString())
                        .redirectErrorStream(true).start();
                String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(name + ": " + said).isZero();

                // without its map, an export the calibration merged values of is refused: exit 2, the item and the value
                // named, and the way out; never a stack trace
                List<String[]> mergedValues = e.categories().lines().skip(1).map(l -> l.split(",")).filter(c -> !c[1].equals(c[2])).toList();
                Process bare = new ProcessBuilder(Path.of("..", "bin", "rapport-measure").toAbsolutePath().toString(), "calibrate",
                        "--ignore", "respondent,school", "--out", dir.resolve(out.getFileName() + "-bare").toString(), file.toString())
                        .redirectErrorStream(true).start();
                String bareSaid = new String(bare.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(bare.waitFor(120, TimeUnit.SECONDS)).isTrue();
                if (bare.exitValue() != 0) {
                    assertThat(bare.exitValue()).as(name + ": " + bareSaid).isEqualTo(2);
                    assertThat(bareSaid).as(name).containsPattern("item \\S+: (nobody answered in categor|categor)").contains("--categories FILE")
                            .doesNotContain("Exception", "\tat ");
                    refused++;
                } else {
                    // calibrated as it is: then nothing it held needed merging, and the thresholds are the same
                    assertThat(Files.readAllLines(dir.resolve(out.getFileName() + "-bare").resolve("items.csv")))
                            .as(name).isEqualTo(Files.readAllLines(out.resolve("items.csv")));
                }
                withMerges += mergedValues.isEmpty() ? 0 : 1;

                Scale scale = new Scale(r, null);
                boolean reference = w.name().equals(active.referenceWindow());
                ScaleFit app = reference ? active.scale(scale) : calibration.freeCalibration(network, w.name(), scale);
                assertThat(app.calibrated()).as(name + ": " + app.problem()).isTrue();
                List<String> names = app.items().itemNames();
                for (String line : e.categories().lines().skip(1).toList()) {
                    String[] c = line.split(",");
                    int i = names.indexOf(c[0]);
                    assertThat(i).as(name + ": item " + c[0]).isNotNegative();
                    assertThat(app.category(i, Integer.parseInt(c[1]))).as(name + ": " + line).isEqualTo(Integer.parseInt(c[2]));
                    merged += c[1].equals(c[2]) ? 0 : 1;
                }
                List<String> items = Files.readAllLines(out.resolve("items.csv"));
                int thresholds = 0;
                for (int i = 0; i < names.size(); i++) {
                    thresholds += app.items().maxCategory(i);
                }
                assertThat(items).as(name).hasSize(thresholds + 1);
                for (String line : items.subList(1, items.size())) {
                    String[] cells = line.split(",");
                    int i = names.indexOf(cells[0].replace("\"", ""));
                    assertThat(i).as(name + ": " + line).isNotNegative();
                    assertThat(Double.parseDouble(cells[2])).as(name + ": " + line)
                            .isCloseTo(app.items().threshold(i, Integer.parseInt(cells[1])), within(AGREEMENT));
                }
                calibrated.add(name + " (" + e.rows() + " rows)");
            }
        }
        System.out.println("rapport-measure calibrated " + calibrated.size() + " research exports of the demo as the application: "
                + calibrated + "; " + merged + " answer values merged by their maps; " + withMerges + " maps merge something; without"
                + " their maps " + refused + " exports refused with a usage error");
        // the demo has two released waves of five shown relationships, some of whose answer values are merged
        assertThat(calibrated).hasSizeGreaterThanOrEqualTo(6);
        assertThat(merged).isPositive();
        assertThat(refused).isPositive();
    }
}

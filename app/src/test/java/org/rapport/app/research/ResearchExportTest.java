package org.rapport.app.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The research export round trip: exported through the API, calibrated by {@code rapport-measure}
 * as a researcher would, it gives the application's own calibration of the wave; it names only
 * what the privacy engine shows and carries fresh ids each time.
 */
class ResearchExportTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windows;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    static final int CLASS_1 = 60;
    static final int CLASS_2 = 30;
    final Random random = new Random(21);

    void answer(SurveyWindow window, long classId, int pupils) {
        for (String code : fixtures.codes(window, RespondentRole.PUPIL, classId).subList(0, pupils)) {
            fixtures.answerAround(code, 2 + 1.2 * random.nextGaussian(), random, Map.of("PUPIL_SCHOOL", "a comment 2026-11-25"));
        }
    }

    MockHttpServletResponse export(long windowId, String relationship, StaffUser as) throws Exception {
        return mvc.perform(get("/api/v1/windows/" + windowId + "/research/" + relationship + ".csv").with(user(as))).andReturn().getResponse();
    }

    @Test
    void rapportMeasureRecoversTheApplicationsCalibrationFromTheExport(@TempDir Path dir) throws Exception {
        long network = fixtures.network();
        // classes of 60 and 30 (the first taught by two teachers), so that every value of every question is
        // chosen by some pupil who did not answer all alike and no category is merged, which the comparison
        // needs (with 40 and 20, one run in about 150 merged one)
        Fixtures.SchoolSetup a = fixtures.school(network, CLASS_1, CLASS_2);
        Fixtures.SchoolSetup b = fixtures.school(network, CLASS_1, CLASS_2);
        SurveyWindow wa = fixtures.openWindow(a.schoolId());
        SurveyWindow wb = fixtures.openWindow(b.schoolId());
        for (Fixtures.SchoolSetup s : List.of(a, b)) {
            SurveyWindow w = s == a ? wa : wb;
            answer(w, s.class1(), CLASS_1);
            answer(w, s.class2(), CLASS_2);
            windows.close(w);
        }
        long calibration = calibrations.calibrate(network, wa.name());
        StaffUser admin = fixtures.networkAdmin(network);
        assertThat(export(wa.id(), "PUPIL_SCHOOL", a.admin()).getStatus()).as("a school admin may not").isEqualTo(403);

        for (String relationship : List.of("PUPIL_SCHOOL", "PUPIL_TEACHER")) {
            MockHttpServletResponse r = export(wa.id(), relationship, admin);
            assertThat(r.getStatus()).isEqualTo(200);
            String csv = r.getContentAsString(StandardCharsets.UTF_8);
            List<String> lines = csv.lines().toList();
            assertThat(lines.get(0)).startsWith("respondent,school,");
            // one row per pupil (per pupil and teacher block about teachers), nothing else about them
            int pupils = 2 * (CLASS_1 + CLASS_2);
            int expected = relationship.equals("PUPIL_SCHOOL") ? pupils : pupils + 2 * CLASS_1;
            assertThat(lines).hasSize(expected + 1);
            // no comment, no teacher, no date (the random ids may hold any digits, so a date is looked for as one)
            assertThat(csv).doesNotContain("comment", "Okafor", "Hughes").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
            assertThat(lines.stream().skip(1).map(l -> l.split(",")[1]).distinct()).containsExactlyInAnyOrder("\"Hillside School\"",
                    "\"Brookfield Academy\"");

            Path file = dir.resolve(relationship + ".csv");
            Files.writeString(file, csv);
            Path out = dir.resolve(relationship + "-out");
            Process p = new ProcessBuilder(Path.of("..", "bin", "rapport-measure").toAbsolutePath().toString(), "calibrate",
                    "--ignore", "respondent,school", "--out", out.toString(), file.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(said).isZero();

            Map<String, double[]> app = new HashMap<>();
            jdbc.sql("select item_id, thresholds, categories from item_calibration where calibration_id = ? and scale = ?")
                    .params(calibration, relationship).query(rs -> {
                        Double[] t = (Double[]) rs.getArray(2).getArray();
                        Object[] categories = (Object[]) rs.getArray(3).getArray();
                        // the comparison means something only where no category was merged
                        for (int k = 0; k < categories.length; k++) {
                            assertThat(((Number) categories[k]).intValue()).isEqualTo(k);
                        }
                        app.put(rs.getString(1), java.util.Arrays.stream(t).mapToDouble(Double::doubleValue).toArray());
                    });
            assertThat(app).isNotEmpty();
            int compared = 0;
            for (String line : Files.readAllLines(out.resolve("items.csv")).subList(1, Files.readAllLines(out.resolve("items.csv")).size())) {
                String[] cells = line.split(",");
                double[] thresholds = app.get(cells[0].replace("\"", ""));
                assertThat(thresholds).as(cells[0]).isNotNull();
                assertThat(Double.parseDouble(cells[2])).as(line).isCloseTo(thresholds[Integer.parseInt(cells[1]) - 1], within(1e-6));
                compared++;
            }
            assertThat(compared).isEqualTo(app.values().stream().mapToInt(t -> t.length).sum());
        }

        // a fresh random id per export: nothing links two exports
        Set<String> first = ids(export(wa.id(), "PUPIL_SCHOOL", admin).getContentAsString());
        Set<String> second = ids(export(wa.id(), "PUPIL_SCHOOL", admin).getContentAsString());
        assertThat(first).hasSize(2 * (CLASS_1 + CLASS_2));
        assertThat(second).hasSize(2 * (CLASS_1 + CLASS_2)).doesNotContainAnyElementsOf(first);
    }

    @Test
    void aSchoolWhoseGroupIsHiddenIsNotNamed() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup big = fixtures.school(network, 40, 20);
        Fixtures.SchoolSetup small = fixtures.school(network, 3, 5);
        SurveyWindow wBig = fixtures.openWindow(big.schoolId());
        SurveyWindow wSmall = fixtures.openWindow(small.schoolId());
        answer(wBig, big.class1(), 40);
        answer(wBig, big.class2(), 20);
        answer(wSmall, small.class1(), 3);
        windows.close(wBig);
        windows.close(wSmall);
        calibrations.calibrate(network, wBig.name());
        String csv = export(wBig.id(), "PUPIL_SCHOOL", fixtures.networkAdmin(network)).getContentAsString(StandardCharsets.UTF_8);
        // the network (63) is shown; the small school is not (3), and so nor is the big one (the network less it is the small one)
        List<String> rows = csv.lines().skip(1).toList();
        assertThat(rows.stream().map(l -> l.split(",")[1]).distinct()).containsExactly("");
        assertThat(rows).as("63 unnamed: enough to stay in").hasSize(63);
    }

    static Set<String> ids(String csv) {
        Set<String> out = new HashSet<>();
        csv.lines().skip(1).forEach(l -> out.add(l.split(",")[0]));
        return out;
    }
}

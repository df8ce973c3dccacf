package org.rapport.app.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.response.Responses;
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
    @Autowired
    Responses responses;
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
            // the export's category map, from its own address: every answered item, every value 0-4, nothing merged here
            MockHttpServletResponse mapResponse = mvc.perform(get("/api/v1/windows/" + wa.id() + "/research/" + relationship
                    + "/categories.csv").with(user(admin))).andReturn().getResponse();
            assertThat(mapResponse.getStatus()).isEqualTo(200);
            assertThat(mapResponse.getHeader("Content-Disposition")).contains("-categories.csv");
            assertThat(mvc.perform(get("/api/v1/windows/" + wa.id() + "/research/" + relationship + "/categories.csv")
                    .with(user(a.admin()))).andReturn().getResponse().getStatus()).as("a school admin may not").isEqualTo(403);
            List<String> map = mapResponse.getContentAsString(StandardCharsets.UTF_8).lines().toList();
            assertThat(map.get(0)).isEqualTo("item,value,category");
            assertThat(map).hasSize(1 + 5 * (lines.get(0).split(",").length - 2));
            assertThat(map.stream().skip(1).map(l -> l.split(","))).allMatch(c -> c[1].equals(c[2]));
            Path mapFile = dir.resolve(relationship + "-categories.csv");
            Files.writeString(mapFile, String.join("\n", map) + "\n");
            Path out = dir.resolve(relationship + "-out");
            Process p = new ProcessBuilder(Path.of("..", "bin", "rapport-measure").toAbsolutePath().toString(), "calibrate",
                    "--categories", mapFile.toString(), "--ignore", "respondent,school", "--out", out.toString(), file.toString())
                    .redirectErrorStream(true).start();
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

    /**
     * The attack on linkable exports: with the answers of every row known to the test (from the database,
     * a row found by its answer vector), no column of an export, nor a part of its id, nor a row's place,
     * tells which rows of two exports of the same relationship, or of the pupils' two relationships, are
     * one pupil's, better than chance; nor, within the export about teachers, which rows are one pupil's,
     * and one pupil's rows are neither together nor in the order of their teachers.
     */
    @Test
    void nothingLinksTheRowsOfOnePupil() throws Exception {
        long seed = Long.getLong("rapport.seed", 4711L);
        System.out.println("nothingLinksTheRowsOfOnePupil seed " + seed + " (-Drapport.seed=" + seed + " replays it)");
        Random data = new Random(seed);
        long network = fixtures.network();
        Fixtures.SchoolSetup s = fixtures.school(network, CLASS_1, CLASS_2);
        SurveyWindow w = fixtures.openWindow(s.schoolId());
        for (long classId : List.of(s.class1(), s.class2())) {
            for (String code : fixtures.codes(w, RespondentRole.PUPIL, classId).subList(0, classId == s.class1() ? CLASS_1 : CLASS_2)) {
                fixtures.answerAround(code, 2 + 1.2 * data.nextGaussian(), data, Map.of());
            }
        }
        windows.close(w);
        calibrations.calibrate(network, w.name());
        StaffUser admin = fixtures.networkAdmin(network);
        List<Row> school1 = rows(export(w.id(), "PUPIL_SCHOOL", admin));
        List<Row> school2 = rows(export(w.id(), "PUPIL_SCHOOL", admin));
        List<Row> teachers = rows(export(w.id(), "PUPIL_TEACHER", admin));
        assertThat(school1).hasSize(CLASS_1 + CLASS_2);
        assertThat(teachers).hasSize(2 * CLASS_1 + CLASS_2);

        // the truth: whose each row is, from the stored answers (a row whose answers another row shares is left out)
        Map<String, List<AnswerRow>> byVector = new HashMap<>();
        Map<List<Object>, Map<String, Integer>> blocks = new java.util.LinkedHashMap<>();
        for (AnswerRow a : responses.answers(List.of(w.id()))) {
            blocks.computeIfAbsent(java.util.Arrays.asList(a.response(), a.target()),
                    k -> new java.util.TreeMap<>()).put(a.item(), a.value());
        }
        Map<String, List<Object>> whose = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        blocks.forEach((k, v) -> {
            String vector = v.toString();
            seen.merge(vector, 1, Integer::sum);
            whose.put(vector, k);
        });
        for (List<Row> export : List.of(school1, school2, teachers)) {
            for (Row r : export) {
                List<Object> block = seen.getOrDefault(r.answers, 0) == 1 ? whose.get(r.answers) : null;
                r.pupil = block == null ? null : (UUID) block.get(0);
                r.teacher = block == null ? null : (Long) block.get(1);
            }
            assertThat(export.stream().filter(r -> r.pupil != null).count()).as("rows the test can tell apart")
                    .isGreaterThan(export.size() * 9L / 10);
        }

        List<String> links = new ArrayList<>();
        links.addAll(linkage("two exports of pupils about their school", school1, school2));
        links.addAll(linkage("pupils about their school and about their teachers", school1, teachers));
        links.addAll(linkage("within the export about teachers", teachers, teachers));

        // within the export about teachers: every row its own id, a pupil's rows apart and in no teacher order
        Map<UUID, List<Integer>> places = new HashMap<>();
        for (int i = 0; i < teachers.size(); i++) {
            if (teachers.get(i).pupil != null) {
                places.computeIfAbsent(teachers.get(i).pupil, p -> new ArrayList<>()).add(i);
            }
        }
        List<List<Integer>> twoTeachers = places.values().stream().filter(p -> p.size() == 2).toList();
        assertThat(twoTeachers.size()).isGreaterThan(CLASS_1 * 9 / 10);
        long together = twoTeachers.stream().filter(p -> p.get(1) - p.get(0) == 1).count();
        long inTeacherOrder = twoTeachers.stream().filter(p -> teachers.get(p.get(0)).teacher < teachers.get(p.get(1)).teacher).count();
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(links).as("what joins one pupil's rows").isEmpty();
            soft.assertThat(ids(teachers.stream().map(Row::id).toList())).as("distinct ids of the %d rows about teachers", teachers.size())
                    .hasSize(teachers.size());
            soft.assertThat(together).as("pupils of two teachers whose rows are next to each other, of %d (by chance about %.1f)",
                    twoTeachers.size(), 2.0 * twoTeachers.size() / teachers.size()).isLessThanOrEqualTo(10);
            soft.assertThat((double) inTeacherOrder / twoTeachers.size()).as("pupils of two teachers whose rows come in their "
                    + "teachers' order, %d of %d", inTeacherOrder, twoTeachers.size()).isBetween(0.2, 0.8);
        });
    }

    /** A row of an export as the test reads it, with whose it is when the test can tell. */
    static final class Row {
        final int place;
        final String[] cells;
        final String answers;
        UUID pupil;
        Long teacher;

        Row(int place, String line, List<String> header) {
            this.place = place;
            this.cells = line.split(",", -1);
            Map<String, Integer> a = new java.util.TreeMap<>();
            for (int c = 2; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    a.put(header.get(c), Integer.parseInt(cells[c]));
                }
            }
            this.answers = a.toString();
        }

        String id() {
            return cells[0];
        }
    }

    static List<Row> rows(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(200);
        List<String> lines = response.getContentAsString(StandardCharsets.UTF_8).lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            rows.add(new Row(i - 1, lines.get(i), header));
        }
        return rows;
    }

    /**
     * For each key a linker might join on (the id, its first or last 1 to 4 characters, the school, the
     * row's place), the pairs of one pupil's rows that agree on it, against the share of other pairs that do:
     * more than twice that share (and a few more) is a link.
     */
    static List<String> linkage(String what, List<Row> a, List<Row> b) {
        Map<String, java.util.function.Function<Row, String>> keys = new java.util.LinkedHashMap<>();
        keys.put("id", Row::id);
        for (int n = 1; n <= 4; n++) {
            int k = n;
            keys.put("the id's first " + k, r -> r.id().substring(0, Math.min(k, r.id().length())));
            keys.put("the id's last " + k, r -> r.id().substring(Math.max(0, r.id().length() - k)));
        }
        keys.put("school", r -> r.cells[1]);
        keys.put("place", r -> Integer.toString(r.place));
        List<String> links = new ArrayList<>();
        keys.forEach((name, key) -> {
            long same = 0;
            long sameAgree = 0;
            long other = 0;
            long otherAgree = 0;
            for (Row x : a) {
                for (Row y : b) {
                    if (x == y || x.pupil == null || y.pupil == null) {
                        continue;
                    }
                    boolean agree = key.apply(x).equals(key.apply(y));
                    if (x.pupil.equals(y.pupil)) {
                        same++;
                        sameAgree += agree ? 1 : 0;
                    } else {
                        other++;
                        otherAgree += agree ? 1 : 0;
                    }
                }
            }
            double chance = (double) otherAgree / other * same;
            if (sameAgree > 2 * chance + 8) {
                links.add(String.format("%s: %d of %d pairs of one pupil's rows agree on %s (by chance about %.1f)", what, sameAgree, same,
                        name, chance));
            }
        });
        return links;
    }

    static Set<String> ids(List<String> ids) {
        return new HashSet<>(ids);
    }

    static Set<String> ids(String csv) {
        Set<String> out = new HashSet<>();
        csv.lines().skip(1).forEach(l -> out.add(l.split(",")[0]));
        return out;
    }
}

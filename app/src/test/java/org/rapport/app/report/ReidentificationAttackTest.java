package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Re-identification by an insider. The viewer knows the roster: every teacher's class and its size,
 * every team's members, every school's size. The generated network has a school whose twelve
 * classes all differ in size (12 to 34 pupils), each taught by its own teacher, four teams of three,
 * and five more schools of different sizes; every pupil answers in the first window, four in five
 * in the second. Each attack reads every output a viewer gets (the API's chart rows, the CSV, the
 * page with its text alternative), tries to match the unnamed groups to names by what fixes their
 * size (n, invited, the width of the interval), in both windows, and counts the matches it got
 * right against the groups' real measures. Guessing at random gets one right on average; an attack
 * passes only if it does no better than chance at the 5% level. The spread that is shown instead
 * is checked to be the quantiles of the real measures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReidentificationAttackTest extends AppTest {
    static final int[] CLASS_SIZES = {23, 12, 31, 17, 28, 14, 34, 20, 26, 15, 30, 18};
    static final int TEAM_SIZE = 3;
    static final List<String> UNNAMED = List.of("Teachers (unnamed)", "Teams (unnamed)", "Schools (unnamed)", "Classes (unnamed)");
    static final Relationship RELATIONSHIP = Relationship.PUPIL_TEACHER;
    /** A number as the outputs write it: 52.3, 52, 12. */
    static final String NUMBER = "(\\d+(?:\\.\\d+)?)";

    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windowService;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    Schools schools;
    @Autowired
    MockMvc mvc;
    @Autowired
    Panels panels;
    final ObjectMapper json = new ObjectMapper();

    long network;
    Fixtures.StaffRoom school;
    final List<Fixtures.StaffRoom> others = new ArrayList<>();
    /** A school of four teachers in two teams of two. */
    Fixtures.StaffRoom pairs;
    final List<SurveyWindow> windows = new ArrayList<>();
    /** Each other school's window. */
    final Map<Long, SurveyWindow> otherWindow = new HashMap<>();
    /** Teacher id to the size of the class they teach: what the leader uploaded. */
    final Map<Long, Integer> classSize = new HashMap<>();

    @BeforeAll
    void aNetworkWhereEveryGroupHasItsOwnSize() {
        network = fixtures.network();
        school = fixtures.staffRoom(network, CLASS_SIZES, TEAM_SIZE);
        Map<String, ClassGroup> classes = fixtures.classes(school.schoolId());
        for (StaffMember m : schools.staff(school.schoolId())) {
            if (m.ref().startsWith("T")) {
                classSize.put(m.id(), classes.get("C" + m.ref().substring(1)).pupils());
            }
        }
        for (int i = 0; i < 5; i++) {
            others.add(fixtures.staffRoom(network, new int[] {6 + i, 7 + i, 8 + i, 9 + 2 * i, 10 + 3 * i}, 0));
        }
        pairs = fixtures.staffRoom(network, new int[] {9, 11, 13, 15}, 2);
        others.add(pairs);
        Random random = new Random(13);
        SurveyWindow first = fixtures.openWindow(school.schoolId());
        answer(first, school, 1.0, random);
        for (Fixtures.StaffRoom other : others) {
            SurveyWindow w = fixtures.openWindow(other.schoolId());
            answer(w, other, 1.0, random);
            windowService.close(w);
            otherWindow.put(other.schoolId(), w);
        }
        windowService.close(first);
        calibrations.calibrate(network, first.name());
        SurveyWindow second = fixtures.openWindow(school.schoolId());
        answer(second, school, 0.8, random);
        windowService.close(second);
        windows.add(first);
        windows.add(second);
    }

    /** Each class answers around a level of its own, so teachers differ. */
    void answer(SurveyWindow window, Fixtures.StaffRoom room, double share, Random random) {
        for (long classId : room.classes()) {
            double level = 2 + 0.6 * random.nextGaussian();
            List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, classId);
            for (String code : codes.subList(0, (int) Math.round(share * codes.size()))) {
                fixtures.answerAround(code, level + random.nextGaussian(), random, Map.of());
            }
        }
    }

    @Test
    void aLeaderHoldingTheRosterCannotMatchUnnamedTeachersOrTeamsBySizeWidthOrAcrossWindows() throws Exception {
        StaffUser leader = school.admin();
        List<Sighting> seen = new ArrayList<>();
        for (SurveyWindow w : windows) {
            String base = "/windows/" + w.id() + "/relationships/" + RELATIONSHIP;
            seen.addAll(read(leader, w, "/api/v1" + base, "/staff" + base, "/staff" + base + "/"));
        }
        Map<Long, Integer> teamSize = new HashMap<>();
        for (StaffMember m : schools.staff(school.schoolId())) {
            schools.teamOf(m.id()).ifPresent(t -> teamSize.merge(t, classSize.get(m.id()), Integer::sum));
        }
        assertThat(teamSize).hasSize(CLASS_SIZES.length / TEAM_SIZE);
        assertNoBetterThanChance(seen, "Teachers (unnamed)", classSize, GroupKey::teacher);
        assertNoBetterThanChance(seen, "Teams (unnamed)", teamSize, GroupKey::team);
        // what is shown instead: the teachers' spread, from the real measures; the four teams are too few for one
        for (SurveyWindow w : windows) {
            JsonNode view = api(leader, "/api/v1/windows/" + w.id() + "/relationships/" + RELATIONSHIP);
            JsonNode teachers = row(view, RELATIONSHIP.name() + "-ranges", "Teachers (unnamed)");
            WaveResults wave = measures.wave(network, w.name()).orElseThrow();
            assertThat(teachers.get("p50").asLong()).isEqualTo(Math.round(quantile(shownEstimates(wave, GroupKey.Kind.TEACHER, school.schoolId()), 0.5)));
            assertThat(teachers.get("p10").asLong()).isEqualTo(Math.round(quantile(shownEstimates(wave, GroupKey.Kind.TEACHER, school.schoolId()), 0.1)));
            assertThat(teachers.get("p90").asLong()).isEqualTo(Math.round(quantile(shownEstimates(wave, GroupKey.Kind.TEACHER, school.schoolId()), 0.9)));
            JsonNode teams = row(view, RELATIONSHIP.name() + "-ranges", "Teams (unnamed)");
            assertThat(shownEstimates(wave, GroupKey.Kind.TEAM, school.schoolId())).as("the teams are measured and shown to their teachers").hasSize(4);
            assertThat(teams.has("p50")).as("four teams: too few for a spread").isFalse();
            assertThat(teams.get("text").asText()).contains("fewer than 5");
        }
    }

    @Test
    void aTeacherCannotMatchTheirColleaguesBySizeOrWidth() throws Exception {
        StaffMember t1 = schools.staff(school.schoolId()).stream().filter(m -> m.ref().equals("T1")).findFirst().orElseThrow();
        StaffUser teacher = fixtures.staffUser(t1.email());
        List<Sighting> seen = new ArrayList<>();
        for (SurveyWindow w : windows) {
            String base = "/windows/" + w.id() + "/teachers/" + t1.id();
            seen.addAll(read(teacher, w, "/api/v1" + base + "/report", "/staff" + base + "/report", "/staff" + base + "/"));
        }
        Map<Long, Integer> colleagues = new HashMap<>(classSize);
        colleagues.remove(t1.id());
        assertNoBetterThanChance(seen, "Teachers (unnamed)", colleagues, GroupKey::teacher);
        JsonNode own = api(teacher, "/api/v1/windows/" + windows.get(0).id() + "/teachers/" + t1.id() + "/report");
        assertThat(row(own, RELATIONSHIP.name() + "-ranges", "You").get("n").asInt()).as("the teacher's own n is theirs to see")
                .isEqualTo(CLASS_SIZES[0]);
        assertThat(row(own, RELATIONSHIP.name() + "-ranges", "Teachers (unnamed)").has("p50")).isTrue();
    }

    @Test
    void aSchoolLeaderCannotRankTheNetworksSchoolsByTheirPublicSizes() throws Exception {
        Map<Long, Integer> schoolSize = new HashMap<>();
        schoolSize.put(school.schoolId(), Arrays.stream(CLASS_SIZES).sum());
        for (Fixtures.StaffRoom other : others) {
            schoolSize.put(other.schoolId(), fixtures.classes(other.schoolId()).values().stream().mapToInt(ClassGroup::pupils).sum());
        }
        List<Sighting> seen = new ArrayList<>();
        for (Relationship r : List.of(Relationship.PUPIL_TEACHER, Relationship.PUPIL_SCHOOL)) {
            String base = "/windows/" + windows.get(0).id() + "/relationships/" + r;
            seen.addAll(read(school.admin(), windows.get(0), "/api/v1" + base, "/staff" + base, "/staff" + base + "/"));
        }
        assertNoBetterThanChance(seen, "Schools (unnamed)", schoolSize, GroupKey::school);
        JsonNode view = api(school.admin(), "/api/v1/windows/" + windows.get(0).id() + "/relationships/" + Relationship.PUPIL_SCHOOL);
        assertThat(row(view, "PUPIL_SCHOOL-ranges", "Schools (unnamed)").has("p50")).as("seven schools: a spread").isTrue();
    }

    /**
     * Attack: a teacher in a team of two takes their own result from their team's and reads their
     * one colleague's. A team is shown to its teachers, and to anyone, only when three or more of them have results.
     */
    @Test
    void aTeacherInATeamOfTwoCannotSubtractThemselvesFromTheTeam() throws Exception {
        WaveResults wave = measures.wave(network, windows.get(0).name()).orElseThrow();
        Scale all = new Scale(RELATIONSHIP, null);
        for (StaffMember t : schools.staff(pairs.schoolId())) {
            if (!t.ref().startsWith("T")) {
                continue;
            }
            assertThat(wave.result(all, GroupKey.teacher(t.id())).shown()).as("the pair's teachers each have results").isTrue();
            assertThat(wave.result(all, GroupKey.team(schools.teamOf(t.id()).orElseThrow())).shown())
                    .as("their team of two is shown to nobody: to a leader it would be two teachers' own results pooled").isFalse();
            String report = "/windows/" + otherWindow.get(pairs.schoolId()).id() + "/teachers/" + t.id();
            StaffUser teacher = fixtures.staffUser(t.email());
            JsonNode own = api(teacher, "/api/v1" + report + "/report");
            for (JsonNode panel : own.get("panels")) {
                JsonNode team = row(own, panel.get("charts").get(0).get("id").asText(), "Your team");
                assertThat(team.has("estimate") || team.has("n")).as("a team of two, to one of its two").isFalse();
                assertThat(team.get("text").asText()).contains("fewer than 3 teachers of your team");
            }
            assertThat(text(teacher, "/staff" + report + "/report")).contains("fewer than 3 teachers of your team");
        }
        // a team of three, to one of them, is shown: what remains when they take themselves away is two colleagues pooled
        StaffMember t1 = schools.staff(school.schoolId()).stream().filter(m -> m.ref().equals("T1")).findFirst().orElseThrow();
        JsonNode own = api(fixtures.staffUser(t1.email()), "/api/v1/windows/" + windows.get(0).id() + "/teachers/" + t1.id() + "/report");
        GroupResult team = wave.result(all, GroupKey.team(schools.teamOf(t1.id()).orElseThrow()));
        assertThat(row(own, RELATIONSHIP.name() + "-ranges", "Your team").get("estimate").asDouble())
                .isEqualTo(Math.round(team.measure().estimate() * 10) / 10.0);
    }

    // ---- the attacker

    /** One unnamed group as an output showed it: whatever numbers it carried, {@code null} where none. */
    record Sighting(String window, String scale, String series, Double estimate, Double lower, Double upper, Double n, Double invited) {
        Double width() {
            return lower == null || upper == null ? null : upper - lower;
        }
    }

    /** Everything the viewer gets for a report: the API's rows, each chart's CSV and the page (its text alternatives and chart data). */
    List<Sighting> read(StaffUser viewer, SurveyWindow w, String apiPath, String pagePath, String csvBase) throws Exception {
        List<Sighting> out = new ArrayList<>();
        JsonNode view = api(viewer, apiPath);
        String page = text(viewer, pagePath);
        for (JsonNode panel : view.get("panels")) {
            for (JsonNode chart : panel.get("charts")) {
                String scale = chart.get("id").asText();
                for (JsonNode row : chart.get("rows")) {
                    sighting(w, scale, row.path("series").asText(), row).ifPresent(out::add);
                }
                for (JsonNode row : json.readTree(chart.get("spec").asText()).path("data").path("values")) {
                    sighting(w, scale, row.path("series").asText(), row).ifPresent(out::add);
                }
                out.addAll(fromText(w, scale, chart.get("description").asText()));
                String csv = text(viewer, csvBase + chart.get("id").asText() + ".csv");
                for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
                    if (r.isMapped("series") && UNNAMED.contains(r.get("series"))) {
                        out.add(new Sighting(w.name(), scale, r.get("series"), number(r, "estimate"), number(r, "lower"), number(r, "upper"),
                                number(r, "n"), number(r, "invited")));
                    }
                }
            }
        }
        out.addAll(fromText(w, "page", page));
        return out;
    }

    java.util.Optional<Sighting> sighting(SurveyWindow w, String scale, String series, JsonNode row) {
        if (!UNNAMED.contains(series)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Sighting(w.name(), scale, series, number(row, "estimate"), number(row, "lower"),
                number(row, "upper"), number(row, "n"), number(row, "invited")));
    }

    /** "Teachers (unnamed): 52.3 (48.1–56.0) · n = 23" and any shorter form of it, wherever words are shown. */
    static List<Sighting> fromText(SurveyWindow w, String scale, String text) {
        List<Sighting> out = new ArrayList<>();
        for (String series : UNNAMED) {
            Matcher m = Pattern.compile(Pattern.quote(series) + ":? *" + NUMBER + " *\\(" + NUMBER + "\\s*[–-]\\s*" + NUMBER + "\\)(?:[^;n]*n = (\\d+))?")
                    .matcher(text);
            while (m.find()) {
                out.add(new Sighting(w.name(), scale, series, Double.valueOf(m.group(1)), Double.valueOf(m.group(2)), Double.valueOf(m.group(3)),
                        m.group(4) == null ? null : Double.valueOf(m.group(4)), null));
            }
        }
        return out;
    }

    /**
     * Matches each sighting of {@code series} to the candidate whose size it points to, by each of
     * n, invited and interval width, per window and chart, and counts the guesses whose measure is
     * the candidate's real measure. Fails when any attack gets more right than chance would in 95%
     * of tries.
     */
    void assertNoBetterThanChance(List<Sighting> seen, String series, Map<Long, Integer> size,
                                  java.util.function.LongFunction<GroupKey> key) {
        Map<String, List<Sighting>> byView = new HashMap<>();
        seen.stream().filter(s -> s.series().equals(series)).forEach(s -> byView.computeIfAbsent(s.window() + "/" + s.scale(), k -> new ArrayList<>()).add(s));
        int bound = chanceBound(size.size());
        Map<String, ToDoubleFunction<Sighting>> features = Map.of(
                "n", s -> s.n() == null ? Double.NaN : s.n(),
                "invited", s -> s.invited() == null ? Double.NaN : s.invited(),
                "interval width", s -> s.width() == null ? Double.NaN : -s.width());
        for (Map.Entry<String, List<Sighting>> view : byView.entrySet()) {
            String windowName = view.getKey().substring(0, view.getKey().indexOf('/'));
            WaveResults wave = measures.wave(network, windowName).orElseThrow();
            for (Map.Entry<String, ToDoubleFunction<Sighting>> feature : features.entrySet()) {
                // the same group seen in the rows, the CSV and the words is one group
                Map<String, Sighting> groups = new java.util.LinkedHashMap<>();
                view.getValue().stream().filter(s -> s.estimate() != null && !Double.isNaN(feature.getValue().applyAsDouble(s)))
                        .forEach(s -> groups.putIfAbsent(s.estimate() + "/" + feature.getValue().applyAsDouble(s), s));
                List<Sighting> usable = groups.values().stream().sorted(Comparator.comparingDouble(feature.getValue())).toList();
                // the attacker's guess: the k-th smallest by the feature is the k-th smallest group by size
                List<Long> bySize = size.keySet().stream().sorted(Comparator.comparing(size::get)).toList();
                int right = 0;
                for (int i = 0; i < usable.size(); i++) {
                    long guess = bySize.get((int) Math.round((double) i * (bySize.size() - 1) / Math.max(1, usable.size() - 1)));
                    double estimate = usable.get(i).estimate();
                    if (scalesOf(view.getKey()).stream().map(scale -> wave.result(scale, key.apply(guess)))
                            .anyMatch(truth -> truth != null && truth.shown()
                                    && Math.abs(Math.round(truth.measure().estimate() * 10) / 10.0 - estimate) < 0.051)) {
                        right++;
                    }
                }
                assertThat(right).as("%s matched by %s in %s: %d of %d right, chance stays below %d", series, feature.getKey(), view.getKey(),
                        right, usable.size(), bound).isLessThan(bound);
            }
        }
    }

    /** The scale a chart is about; a page shows them all. */
    List<Scale> scalesOf(String view) {
        String chart = view.substring(view.indexOf('/') + 1);
        if (chart.equals("page")) {
            List<Scale> all = new ArrayList<>();
            for (Relationship r : List.of(Relationship.PUPIL_TEACHER, Relationship.PUPIL_SCHOOL)) {
                all.addAll(panels.scales(r));
            }
            return all;
        }
        String[] parts = chart.replaceFirst("-(ranges|trend|distribution)$", "").split("-");
        return List.of(new Scale(Relationship.valueOf(parts[0]), parts.length > 1 ? parts[1] : null));
    }

    /** The smallest number of right guesses that a random matching of {@code n} reaches with probability under 5%. */
    static int chanceBound(int n) {
        // P(exactly k fixed points) = C(n, k) D(n - k) / n!, D the derangement numbers
        double[] derangements = new double[n + 1];
        derangements[0] = 1;
        for (int i = 1; i <= n; i++) {
            derangements[i] = i * derangements[i - 1] + (i % 2 == 0 ? 1 : -1);
        }
        double factorial = 1;
        for (int i = 2; i <= n; i++) {
            factorial *= i;
        }
        double tail = 0;
        for (int k = n; k >= 0; k--) {
            double choose = 1;
            for (int i = 0; i < k; i++) {
                choose = choose * (n - i) / (i + 1);
            }
            tail += choose * derangements[n - k] / factorial;
            if (tail >= 0.05) {
                return k + 1;
            }
        }
        return 1;
    }

    // ---- reading

    JsonNode api(StaffUser viewer, String path) throws Exception {
        return json.readTree(text(viewer, path));
    }

    String text(StaffUser viewer, String path) throws Exception {
        var r = mvc.perform(get(path).with(user(viewer))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    static JsonNode row(JsonNode view, String chartId, String series) {
        for (JsonNode panel : view.get("panels")) {
            for (JsonNode chart : panel.get("charts")) {
                if (chart.get("id").asText().equals(chartId)) {
                    for (JsonNode row : chart.get("rows")) {
                        if (row.path("series").asText().equals(series)) {
                            return row;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no row " + series + " in " + chartId);
    }

    static Double number(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    static Double number(CSVRecord r, String column) {
        return r.isMapped(column) && !r.get(column).isBlank() ? Double.valueOf(r.get(column)) : null;
    }

    double[] shownEstimates(WaveResults wave, GroupKey.Kind kind, long schoolId) {
        return wave.shown(new Scale(RELATIONSHIP, null), kind, s -> s == schoolId).stream().mapToDouble(g -> g.measure().estimate()).toArray();
    }

    /** R's default quantile (type 7), written out here so the test does not reuse the code it checks. */
    static double quantile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

package org.rapport.app.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.measure.ResponseCsv;
import org.rapport.measure.ResponseMatrix;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One school of a two-school network deletes its raw answers. Its confirmation (the page and the API's refusal without
 * confirm=true) says, counted, that the network's research export will no longer hold that school's responses and that the
 * network's results stay as they are; afterwards the export and its category map are that many rows shorter and say, in
 * note lines before their header, which school's raw answers were deleted and when, while the network's report and the
 * other school's figures are what they were.
 */
class ResearchAfterRawDeletionTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windows;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    Schools schools;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    java.time.Clock clock;

    final Random random = new Random(7);

    int answer(SurveyWindow window, long classId, int pupils) {
        for (String code : fixtures.codes(window, RespondentRole.PUPIL, classId).subList(0, pupils)) {
            fixtures.answerAround(code, 1.5 + random.nextGaussian(), random, Map.of("PUPIL_SCHOOL", "We like the library."));
        }
        return pupils;
    }

    String read(String path, StaffUser as) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(path).with(user(as))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    static List<String> dataRows(String csv) {
        return csv.lines().filter(l -> !l.startsWith("#")).skip(1).toList();
    }

    @Test
    void theExportSaysWhoseRawAnswersWentAndTheConfirmationSaidSoFirst() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup a = fixtures.school(network, 30, 20);
        Fixtures.SchoolSetup b = fixtures.school(network, 30, 20);
        SurveyWindow wa = fixtures.openWindow(a.schoolId());
        SurveyWindow wb = fixtures.openWindow(b.schoolId());
        int fromA = answer(wa, a.class1(), 24) + answer(wa, a.class2(), 16);
        int fromB = answer(wb, b.class1(), 25) + answer(wb, b.class2(), 15);
        windows.close(wa);
        windows.close(wb);
        calibrations.calibrate(network, wa.name());
        StaffUser admin = fixtures.networkAdmin(network);
        String schoolA = schools.find(a.schoolId()).orElseThrow().name();
        String schoolB = schools.find(b.schoolId()).orElseThrow().name();
        String export = "/api/v1/windows/" + wb.id() + "/research/PUPIL_SCHOOL.csv";
        String map = "/api/v1/windows/" + wb.id() + "/research/PUPIL_SCHOOL/categories.csv";

        String before = read(export, admin);
        assertThat(before).as("nothing deleted: the file is as it always was").startsWith("respondent,school,");
        assertThat(dataRows(before)).hasSize(fromA + fromB);
        assertThat(read(map, admin)).startsWith("item,value,category");
        String networkBefore = read("/api/v1/network/report", admin);
        String otherBefore = read("/api/v1/windows/" + wb.id() + "/relationships/PUPIL_SCHOOL", b.admin());

        // the confirmation, before anything is deleted: how many responses go, and what the research export loses
        // (the window's name is kept to itself in sentences, U+2068 and U+2069 around it: taken out to read the words)
        String page = read("/staff/windows/" + wa.id() + "/raw/delete", a.admin()).replace("&#39;", "'").replaceAll("[\u2068\u2069]", "");
        assertThat(page).contains(fromA + " responses of this window go",
                "The network's research export of " + wa.name() + " will no longer contain this school's " + fromA + " responses",
                "The network's results of " + wa.name() + " already calculated stay as they are");
        MockHttpServletResponse unconfirmed = mvc.perform(delete("/api/v1/windows/" + wa.id() + "/raw").with(user(a.admin())).with(csrf()))
                .andReturn().getResponse();
        assertThat(unconfirmed.getStatus()).isEqualTo(409);
        assertThat(unconfirmed.getContentAsString()).contains("this school's " + fromA + " responses of " + wa.name(),
                "research export of " + wa.name() + " will then no longer contain them", "stay as they are");
        // the page's button without its tick box: the confirmation again, and nothing deleted
        MockHttpServletResponse unticked = mvc.perform(post("/staff/windows/" + wa.id() + "/raw/delete").with(user(a.admin())).with(csrf()))
                .andReturn().getResponse();
        assertThat(unticked.getStatus()).isEqualTo(400);
        assertThat(unticked.getContentAsString()).contains("Tick the box to confirm");
        assertThat(dataRows(read(export, admin))).hasSize(fromA + fromB);

        MockHttpServletResponse done = mvc.perform(post("/staff/windows/" + wa.id() + "/raw/delete").param("confirm", "true")
                .with(user(a.admin())).with(csrf())).andReturn().getResponse();
        assertThat(done.getRedirectedUrl()).isEqualTo("/staff/windows/" + wa.id());

        // the export: the other school's rows only, and a note before the header saying whose went and when
        String after = read(export, admin);
        String day = LocalDate.now(clock).toString();
        List<String> notes = after.lines().takeWhile(l -> l.startsWith("#")).toList();
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0)).isEqualTo("# The raw answers of " + schoolA + " (" + wa.name() + ") were deleted on " + day
                + ": its rows, in exports made before that day, are not in this one, nor counted in its category map.");
        assertThat(notes.get(1)).contains("results of this round stay as they were calculated before");
        assertThat(after.lines().skip(notes.size()).findFirst().orElseThrow()).startsWith("respondent,school,");
        assertThat(dataRows(after)).hasSize(fromB);
        assertThat(after).doesNotContain(schoolB + " (");
        // the map says the same, and both still read as rapport-measure reads them
        String mapAfter = read(map, admin);
        assertThat(mapAfter.lines().takeWhile(l -> l.startsWith("#")).toList()).isEqualTo(notes);
        assertThat(mapAfter.lines().skip(notes.size()).findFirst().orElseThrow()).isEqualTo("item,value,category");
        ResponseMatrix read = ResponseCsv.parse(after.getBytes(StandardCharsets.UTF_8), "export.csv", java.util.Set.of("respondent", "school"));
        assertThat(read.persons()).isEqualTo(fromB);

        // the network's results already calculated stay as they were, and so do the other school's
        assertThat(json.readTree(read("/api/v1/network/report", admin)).get("report"))
                .isEqualTo(json.readTree(networkBefore).get("report"));
        assertThat(json.readTree(read("/api/v1/windows/" + wb.id() + "/relationships/PUPIL_SCHOOL", b.admin())))
                .isEqualTo(json.readTree(otherBefore));
        // the deletion log's page tells the network's admins what their research exports lost
        assertThat(read("/staff/retention", admin).replace("&#39;", "'"))
                .contains("the network's research exports of that round no longer contain its rows");
    }
}

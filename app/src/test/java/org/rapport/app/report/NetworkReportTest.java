package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.OnePagePdf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The network's report on the demo network, read by its network admin: the summary first (strengths
 * and priorities against the reference average only where the network's interval is clear of it, none
 * in the reference window, changes since the network's previous window), each school counted against the
 * network exactly as the schools' own reports place them, no school named anywhere (no league table), a
 * one-page PDF, and nobody but network admins.
 */
class NetworkReportTest extends AppTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Schools schools;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    long network;
    StaffUser admin;

    @BeforeEach
    void demo() throws Exception {
        network = DemoFixture.network(demo);
        admin = fixtures.staffUser("trust@riverside.example");
    }

    private MvcResult get200(String path, StaffUser as) throws Exception {
        MvcResult r = mvc.perform(get(path).with(user(as))).andReturn();
        assertThat(r.getResponse().getStatus()).as(path + ": " + r.getResponse().getContentAsString()).isEqualTo(200);
        return r;
    }

    @Test
    void theNetworkReportSummarisesCountsSchoolsWithoutNamingThemAndPrintsOnOnePage() throws Exception {
        // by default, the newest window name with a closed window
        // (other tests add windows to the demo network, so the default is checked by its rule, not its name)
        JsonNode byDefault = json.readTree(get200("/api/v1/network/report", admin).getResponse().getContentAsString());
        assertThat(jdbc.sql("""
                select count(*) from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and w.name = ? and w.status = 'CLOSED'""").params(network, byDefault.at("/report/windowName").asText())
                .query(Integer.class).single()).as("the default window name has a closed window").isPositive();
        assertThat(byDefault.at("/report/windows")).extracting(JsonNode::asText).containsSubsequence("Autumn 2026", "Summer 2026", "Spring 2026");
        JsonNode report = json.readTree(get200("/api/v1/network/report?window=Summer 2026", admin).getResponse().getContentAsString());
        assertThat(report.at("/report/windowName").asText()).isEqualTo("Summer 2026");
        JsonNode summary = report.get("summary");
        assertThat(summary.get("calibrated").asBoolean()).isTrue();
        assertThat(summary.get("previousWindow").asText()).isEqualTo("Spring 2026");
        assertThat(summary.path("note").isMissingNode() || summary.get("note").isNull()).as("no note outside the reference window").isTrue();
        // strengths lie wholly above 50, priorities wholly below: "…: 53 (51 to 55), reference average 50"
        for (JsonNode l : summary.get("strengths")) {
            int[] n = numbers(l.get("text").asText());
            assertThat(n[1]).as(l.toString()).isGreaterThanOrEqualTo(50);
            assertThat(n[0]).as("at least %s points from 50: %s", Summaries.MIN_DIFFERENCE, l).isGreaterThanOrEqualTo(52);
            assertThat(n[3]).isEqualTo(50);
        }
        for (JsonNode l : summary.get("priorities")) {
            int[] n = numbers(l.get("text").asText());
            assertThat(n[2]).as(l.toString()).isLessThanOrEqualTo(50);
            assertThat(n[0]).as("at least %s points from 50: %s", Summaries.MIN_DIFFERENCE, l).isLessThanOrEqualTo(48);
        }
        // the demo raised everyone's trust since spring: no change reads "likely worse" (before the verdicts allowed for
        // who answered, and before a summary's claims were judged together, teachers about leaders did, and a part of it
        // was a priority)
        assertThat(summary.get("changes")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.get("text").asText()).containsPattern(": [+±-]\\d+\\.\\d \\([+±-]\\d+\\.\\d to [+±-]\\d+\\.\\d\\), "))
                .noneSatisfy(c -> assertThat(c.get("verdict").asText()).isEqualTo("LIKELY_WORSE"));
        assertThat(summary.get("answered")).isNotEmpty();

        // each school is counted where its own report places it against the network
        List<School> inNetwork = schools.inNetwork(network);
        JsonNode relationships = report.at("/report/relationships");
        assertThat(relationships).hasSize(org.rapport.app.itembank.Relationship.values().length);
        for (JsonNode r : relationships) {
            JsonNode whole = r.get("parts").get(0);
            if (!whole.at("/network/estimate").isNumber()) {
                continue;
            }
            int shown = 0;
            int above = 0;
            int below = 0;
            int borderline = 0;
            for (School s : inNetwork) {
                JsonNode arrow = arrow(s, "Summer 2026", r.get("relationship").asText());
                if (arrow == null || !arrow.at("/school/estimate").isNumber()) {
                    continue;
                }
                shown++;
                double networkEstimate = arrow.at("/network/estimate").asDouble();
                double lower = arrow.at("/school/lower").asDouble();
                double upper = arrow.at("/school/upper").asDouble();
                double difference = arrow.at("/school/estimate").asDouble() - networkEstimate;
                // the school's page rounds to 0.1 point; an end (or a difference of 2 points) that close could fall either way
                if (Math.abs(lower - networkEstimate) <= 0.05 || Math.abs(upper - networkEstimate) <= 0.05
                        || Math.abs(Math.abs(difference) - 2) <= 0.1) {
                    borderline++;
                }
                // above or below: the whole interval clear of the network and at least 2 points from it
                above += lower > networkEstimate && difference >= 2 ? 1 : 0;
                below += upper < networkEstimate && difference <= -2 ? 1 : 0;
            }
            JsonNode counts = whole.get("schools");
            assertThat(counts.get("shown").asInt()).as(r.get("relationship").asText()).isEqualTo(shown);
            assertThat(Math.abs(counts.get("above").asInt() - above)).isLessThanOrEqualTo(borderline);
            assertThat(Math.abs(counts.get("below").asInt() - below)).isLessThanOrEqualTo(borderline);
            assertThat(counts.get("above").asInt() + counts.get("inLine").asInt() + counts.get("below").asInt()).isEqualTo(shown);
        }

        // no league table: not one school's name in the page, the API answer or a chart's CSV
        String page = get200("/staff/network/report?window=Summer 2026", admin).getResponse().getContentAsString();
        List<String> outputs = new ArrayList<>(List.of(page, report.toString()));
        for (JsonNode r : relationships) {
            for (JsonNode c : r.get("charts")) {
                outputs.add(get200("/staff/network/report/" + c.get("id").asText() + ".csv?window=Summer 2026", admin).getResponse()
                        .getContentAsString());
            }
        }
        for (School s : inNetwork) {
            assertThat(outputs).as("outputs name no school").noneMatch(o -> o.contains(s.name()));
        }
        assertThat(page).contains("In one minute", "Since \u2068Spring 2026\u2069", "One-page summary (PDF)");
        assertThat(page.indexOf("In one minute")).as("the summary before the charts").isLessThan(page.indexOf("data-vega-spec"));

        // the reference window says why it has no strengths or priorities
        JsonNode reference = json.readTree(get200("/api/v1/network/report?window=Spring 2026", admin).getResponse().getContentAsString());
        assertThat(reference.at("/report/referenceWindow").asBoolean()).isTrue();
        assertThat(reference.at("/summary/note").asText()).contains("reference window");
        assertThat(reference.at("/summary/strengths")).isEmpty();
        assertThat(reference.at("/summary/priorities")).isEmpty();

        MvcResult pdf = get200("/staff/network/summary.pdf?window=Summer 2026", admin);
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        String text = OnePagePdf.read(pdf.getResponse().getContentAsByteArray(), "network-summary-pdf");
        assertThat(text).contains("Trust survey: " + schools.networkName(network) + ", Summer 2026", "Since Spring 2026",
                "50 is the reference window's average", "schools are counted, never named or ranked");
        for (JsonNode c : summary.get("changes")) {
            assertThat(text).contains(c.get("text").asText().replaceAll("\\s+", " "));
        }

        // an unknown window name is not found, with a problem naming it
        MvcResult unknown = mvc.perform(get("/api/v1/network/report?window=No such window").with(user(admin))).andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
        assertThat(unknown.getResponse().getContentAsString()).contains("No such window");
    }

    @Test
    void aNetworkWithoutWindowsSaysSo() throws Exception {
        StaffUser fresh = fixtures.networkAdmin(fixtures.network());
        assertThat(get200("/staff/network/report", fresh).getResponse().getContentAsString())
                .contains("No survey window of the network has opened yet.").doesNotContain("In one minute");
        JsonNode empty = json.readTree(get200("/api/v1/network/report", fresh).getResponse().getContentAsString());
        assertThat(empty.at("/report/relationships")).isEmpty();
        assertThat(mvc.perform(get("/staff/network/summary.pdf").with(user(fresh))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void onlyNetworkAdminsReadTheNetworkReport() throws Exception {
        for (String email : List.of("head@hillcrest.example", "head@riverside.example")) {
            StaffUser head = fixtures.staffUser(email);
            for (String path : List.of("/staff/network/report", "/api/v1/network/report", "/staff/network/summary.pdf",
                    "/staff/network/report/PUPIL_SCHOOL-parts.csv")) {
                assertThat(mvc.perform(get(path).with(user(head))).andReturn().getResponse().getStatus()).as(email + " " + path).isEqualTo(403);
            }
        }
        long teacher = jdbc.sql("""
                select st.id from staff st join school s on s.id = st.school_id
                where s.network_id = ? and st.role = 'TEACHER' order by st.id limit 1""").param(network).query(Long.class).single();
        String email = jdbc.sql("select email from staff where id = ?").param(teacher).query(String.class).single();
        assertThat(mvc.perform(get("/staff/network/report").with(user(fixtures.staffUser(email)))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    /** A relationship's arrow on a school's trust map for the window of that name, as its page and API show it. */
    private JsonNode arrow(School school, String windowName, String relationship) throws Exception {
        Long windowId = jdbc.sql("select id from survey_window where school_id = ? and name = ?").params(school.id(), windowName)
                .query(Long.class).optional().orElse(null);
        if (windowId == null) {
            return null;
        }
        JsonNode map = json.readTree(get200("/api/v1/windows/" + windowId + "/report", admin).getResponse().getContentAsString());
        for (JsonNode a : map.get("arrows")) {
            if (a.get("relationship").asText().equals(relationship)) {
                return a;
            }
        }
        return null;
    }

    /** Measure, the interval's ends and the reference of a network summary line. */
    static int[] numbers(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(": (\\d+) \\((\\d+) to (\\d+)\\), reference average (\\d+)$")
                .matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
    }
}

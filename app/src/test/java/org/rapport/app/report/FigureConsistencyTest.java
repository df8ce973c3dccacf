package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One number, one wording: on the demo network, a figure (the estimate with its 90% interval, a change with the interval of
 * the change, where an interval stands against the network) is collected from every place a reader meets it, the staff
 * pages (a teacher's own report with "In one minute", a school's trust map and relationship pages, the "you said" page, the
 * network's report), the one-page PDFs, the CSV downloads and the JSON API, and must read the same everywhere: the same
 * whole numbers, worded the same. The API's tenths must round (half up) to the pages' whole points.
 */
class FigureConsistencyTest extends AppTest {
    /** A figure with its interval as any page has ever worded it: "53 (51 to 55)", "53 (51–55)", "53 points (90% interval 51 to 55)". */
    /** A worded figure: "53 (51 to 55)", or where both ends round to one point "52 (less than a point either way)". */
    private static final Pattern FIGURE = Pattern.compile(
            "(\\d+)\\s*(?:points\\s*)?\\((?:(?:90% interval:?\\s*)?(\\d+)\\s*(?:to|–|-)\\s*(\\d+)|less than a point either way)\\)");
    /** A change with its interval, however worded: "+2.4 (+0.8 to +4.0)", "+2.4 points (90% interval +0.8 to +4.0)". */
    private static final Pattern CHANGE = Pattern.compile("([+±-]\\d+[.,]\\d)\\s*(?:points\\s*)?\\((?:90% interval:?\\s*)?([+±-]\\d+[.,]\\d)\\s*(?:to|–)\\s*([+±-]\\d+[.,]\\d)\\)");
    /** The own-view tables, whose first figure is the reader's own view, not the group's. */
    private static final Pattern OWN_VIEWS = Pattern.compile(
            "<section[^>]*aria-labelledby=\"(?:self-heading|own-school-heading|team-view-heading)\"[\\s\\S]*?</section>");

    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    long network;

    @BeforeEach
    void demo() throws Exception {
        network = DemoFixture.network(demo);
    }

    /** Where one figure was read, and how it read there ({@code text} null: numbers only, from the API's tenths). */
    record Seen(String source, String text, long estimate, long lower, long upper) {
        @Override
        public String toString() {
            return source + ": " + (text != null ? text : estimate + " / " + lower + " / " + upper);
        }
    }

    /** Every figure of one group on one scale, by where it was read. */
    static final class Figure {
        final String what;
        final List<Seen> seen = new ArrayList<>();

        Figure(String what) {
            this.what = what;
        }

        void text(String source, String text) {
            Matcher m = FIGURE.matcher(text);
            assertThat(m.matches()).as(what + " in " + source + ": " + text).isTrue();
            // "less than a point either way": both ends are the figure's own whole point
            String lower = m.group(2) != null ? m.group(2) : m.group(1);
            String upper = m.group(3) != null ? m.group(3) : m.group(1);
            seen.add(new Seen(source, text, Long.parseLong(m.group(1)), Long.parseLong(lower), Long.parseLong(upper)));
        }

        void texts(String source, List<String> texts) {
            texts.forEach(t -> text(source, t));
        }

        void tenths(String source, JsonNode estimate, JsonNode lower, JsonNode upper) {
            seen.add(new Seen(source, null, whole(estimate), whole(lower), whole(upper)));
        }

        void assertOneFigure(int sources) {
            assertThat(seen.stream().map(Seen::source).distinct().count()).as(what + " read in " + seen).isGreaterThanOrEqualTo(sources);
            Seen first = seen.stream().filter(s -> s.text() != null).findFirst().orElseThrow();
            for (Seen s : seen) {
                assertThat(List.of(s.estimate(), s.lower(), s.upper())).as(what + ": " + first + " but " + s + "\n(all: " + seen + ")")
                        .isEqualTo(List.of(first.estimate(), first.lower(), first.upper()));
                if (s.text() != null) {
                    assertThat(s.text()).as(what + ": worded one way everywhere (all: " + seen + ")").isEqualTo(first.text());
                }
            }
        }
    }

    /** An API tenth as the pages say it: rounded half up to a whole point. */
    static long whole(JsonNode tenth) {
        assertThat(tenth.isNumber()).as("a figure: " + tenth).isTrue();
        return new BigDecimal(tenth.asText()).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    @Test
    void aTeachersOwnFiguresReadTheSameOnTheirPagePdfCsvAndApi() throws Exception {
        long window = window("Hillcrest Academy", "Summer 2026");
        List<Map<String, Object>> teachers = jdbc.sql("""
                select s.id, s.email from staff s join school sc on sc.id = s.school_id
                where sc.network_id = ? and sc.name = 'Hillcrest Academy' and s.role = 'TEACHER' order by s.id desc""")
                .param(network).query().listOfRows();
        int parts = 0;
        int changes = 0;
        for (Map<String, Object> t : teachers) {
            long id = ((Number) t.get("id")).longValue();
            StaffUser teacher = fixtures.staffUser((String) t.get("email"));
            JsonNode api = json.readTree(body("/api/v1/windows/" + window + "/teachers/" + id + "/report", teacher));
            if (!api.path("calibrated").asBoolean()) {
                continue;
            }
            String base = "/staff/windows/" + window + "/teachers/" + id;
            String page = text(body(base + "/report", teacher));
            String pdf = pdf(base + "/summary.pdf", teacher);
            // the figures of "your own view beside your pupils'": the pupils' side
            Map<String, JsonNode> gaps = new LinkedHashMap<>();
            json.readTree(body("/api/v1/windows/" + window + "/self/beside-pupils", teacher)).forEach(g -> gaps.put(g.path("label").asText(), g));
            for (JsonNode panel : api.get("panels")) {
                JsonNode m = panel.get("measure");
                if (panel.get("facet").asText().equals("all") || !m.path("estimate").isNumber()) {
                    continue;
                }
                String label = panel.get("label").asText();
                Figure f = new Figure(t.get("email") + " · " + label);
                f.tenths("API numbers", m.get("estimate"), m.get("lower"), m.get("upper"));
                f.text("API text", m.get("text").asText());
                // "In one minute" (summary), the part's fold and the part's own heading: three on the page
                List<String> onPage = after(page, label);
                assertThat(onPage).as(label + " on the teacher's page").hasSizeGreaterThanOrEqualTo(3);
                f.texts("teacher page", onPage);
                f.texts("teacher PDF", after(pdf, label));
                assertThat(after(pdf, label)).as(label + " in the PDF").isNotEmpty();
                Map<String, String> row = csvRow(body(base + "/" + panel.get("charts").get(0).get("id").asText() + ".csv", teacher), 0);
                f.text("CSV text", figureIn(row.get("text")));
                f.seen.add(new Seen("CSV numbers", null, whole(row.get("estimate")), whole(row.get("lower")), whole(row.get("upper"))));
                JsonNode gap = gaps.get(label);
                if (gap != null && gap.path("pupils").isNumber()) {
                    f.tenths("own view's pupils (API)", gap.get("pupils"), gap.get("pupilsLower"), gap.get("pupilsUpper"));
                }
                f.assertOneFigure(5);
                parts++;
            }
            // each change since the last window: the page's "In one minute" and the PDF say it alike
            List<String> pageChanges = changes(page);
            assertThat(changes(pdf)).as("changes in the teacher's PDF and page").isEqualTo(pageChanges);
            changes += pageChanges.size();
            if (parts >= 6 && changes > 0) {
                break;
            }
        }
        assertThat(parts).as("teachers' parts compared").isGreaterThanOrEqualTo(6);
        assertThat(changes).as("teachers' changes compared").isPositive();
    }

    @Test
    void aSchoolsFiguresReadTheSameOnItsMapRelationshipPagesYouSaidPdfCsvAndApi() throws Exception {
        long window = window("Hillcrest Academy", "Summer 2026");
        StaffUser head = fixtures.staffUser("head@hillcrest.example");
        String base = "/staff/windows/" + window;
        JsonNode map = json.readTree(body("/api/v1/windows/" + window + "/report", head));
        String mapPage = text(body(base + "/report", head));
        String youSaid = text(body(base + "/you-said", head));
        JsonNode options = json.readTree(body("/api/v1/windows/" + window + "/you-said/options", head));
        String pdf = pdf(base + "/summary.pdf", head);
        int compared = 0;
        for (JsonNode arrow : map.get("arrows")) {
            String relationship = arrow.get("relationship").asText();
            String relationshipLabel = arrow.get("label").asText();
            JsonNode view = json.readTree(body("/api/v1/windows/" + window + "/relationships/" + relationship, head));
            String page = text(body(base + "/relationships/" + relationship, head));
            for (JsonNode panel : view.get("panels")) {
                JsonNode m = panel.get("measure");
                if (!m.path("estimate").isNumber()) {
                    continue;
                }
                boolean whole = panel.get("facet").asText().equals("all");
                String label = panel.get("label").asText();
                String fullLabel = whole ? relationshipLabel : relationshipLabel + " · " + label;
                Figure f = new Figure("Hillcrest · " + fullLabel);
                f.tenths("relationship API numbers", m.get("estimate"), m.get("lower"), m.get("upper"));
                f.text("relationship API text", m.get("text").asText());
                List<String> onPage = after(page, label);
                assertThat(onPage).as(fullLabel + " on its relationship page").hasSizeGreaterThanOrEqualTo(2);
                f.texts("relationship page", onPage);
                Map<String, String> row = csvRow(body(base + "/relationships/" + relationship + "/" + panel.get("charts").get(0).get("id").asText()
                        + ".csv", head), 0);
                f.text("CSV text", figureIn(row.get("text")));
                f.seen.add(new Seen("CSV numbers", null, whole(row.get("estimate")), whole(row.get("lower")), whole(row.get("upper"))));
                List<String> heard = after(youSaid, fullLabel);
                assertThat(heard).as(fullLabel + " on the 'you said' page").hasSize(1);
                f.texts("'you said' page", heard);
                for (JsonNode o : options) {
                    if (o.get("words").asText().startsWith(fullLabel + ":")) {
                        f.text("'you said' API", figureIn(o.get("words").asText()));
                    }
                }
                // a strength or a priority of the summary, where it is one
                f.texts("summary PDF", after(pdf, fullLabel));
                if (whole) {
                    JsonNode school = arrow.get("school");
                    f.tenths("trust map API numbers", school.get("estimate"), school.get("lower"), school.get("upper"));
                    f.text("trust map API text", school.get("text").asText());
                    // the map's label, its table, and "In one minute" where it is a strength or a priority
                    List<String> onMap = after(mapPage, relationshipLabel);
                    assertThat(onMap).as(relationshipLabel + " on the trust map").hasSizeGreaterThanOrEqualTo(2);
                    f.texts("trust map page", onMap);
                    // where it stands against the network: the same words on the map and on its page
                    assertThat(panel.path("band").asText()).as(fullLabel).isEqualTo(arrow.path("band").asText());
                } else {
                    f.texts("trust map page ('In one minute')", after(mapPage, fullLabel));
                }
                f.assertOneFigure(7);
                compared++;
            }
        }
        assertThat(compared).as("Hillcrest's figures compared").isGreaterThanOrEqualTo(10);
        // the changes since the last window: the page's "In one minute" and the one-page PDF say them alike
        assertThat(changes(mapPage)).isNotEmpty().isEqualTo(changes(pdf));
    }

    @Test
    void theNetworksFiguresReadTheSameOnItsPagePdfCsvAndApi() throws Exception {
        StaffUser admin = fixtures.staffUser("trust@riverside.example");
        JsonNode report = json.readTree(body("/api/v1/network/report?window=Summer 2026", admin));
        String html = body("/staff/network/report?window=Summer 2026", admin);
        String page = text(html);
        // "In one minute" and the table of whole relationships, before the relationships' folds
        String head = text(html.substring(0, html.indexOf("<details class=\"fold\"")));
        String pdf = pdf("/staff/network/summary.pdf?window=Summer 2026", admin);
        int compared = 0;
        for (JsonNode r : report.at("/report/relationships")) {
            String relationshipLabel = r.get("label").asText();
            String csv = body("/staff/network/report/" + r.get("charts").get(0).get("id").asText() + ".csv?window=Summer 2026", admin);
            for (JsonNode part : r.get("parts")) {
                JsonNode m = part.get("network");
                if (!m.path("estimate").isNumber()) {
                    continue;
                }
                String label = part.get("label").asText();
                boolean whole = part.get("facet").asText().equals("all");
                String fullLabel = whole ? relationshipLabel : relationshipLabel + " · " + label;
                Figure f = new Figure("network · " + fullLabel);
                f.tenths("API numbers", m.get("estimate"), m.get("lower"), m.get("upper"));
                f.text("API text", m.get("text").asText());
                Map<String, String> line = csvRowOf(csv, label);
                f.text("CSV text", figureIn(line.get("text")));
                f.seen.add(new Seen("CSV numbers", null, whole(line.get("estimate")), whole(line.get("lower")), whole(line.get("upper"))));
                // the relationship's fold (its summary line is the whole's figure), its parts' table and charts' words
                String section = section(html, r.get("relationship").asText());
                List<String> onPage = after(section, label);
                assertThat(onPage).as(fullLabel + " on the network's page").isNotEmpty();
                f.texts("network page (fold)", onPage);
                if (whole) {
                    f.texts("network page (fold's summary)", after(section, relationshipLabel));
                }
                // the table of whole relationships, and "In one minute" where it is a strength or a priority
                f.texts("network page (table, 'In one minute')", after(head, fullLabel));
                f.texts("network PDF", after(pdf, fullLabel));
                f.assertOneFigure(4);
                compared++;
            }
        }
        assertThat(compared).as("the network's figures compared").isGreaterThanOrEqualTo(10);
        // the summary's changes: the API, the page and the PDF alike
        List<String> apiChanges = new ArrayList<>();
        report.at("/summary/changes").forEach(c -> apiChanges.addAll(changes(c.get("text").asText())));
        assertThat(apiChanges).isNotEmpty().isEqualTo(changes(page)).isEqualTo(changes(pdf));
    }

    @Test
    void inSpanishAndPolishTheSameFiguresWordedInTheirLanguageWithADecimalComma() throws Exception {
        StaffUser admin = fixtures.staffUser("trust@riverside.example");
        for (String lang : List.of("es", "pl")) {
            String query = "?window=Summer 2026&lang=" + lang;
            JsonNode report = json.readTree(body("/api/v1/network/report" + query, admin));
            String page = text(body("/staff/network/report" + query, admin));
            String pdf = pdf("/staff/network/summary.pdf" + query, admin);
            int compared = 0;
            for (JsonNode r : report.at("/report/relationships")) {
                JsonNode m = r.get("parts").get(0).get("network");
                if (m.path("estimate").isNumber()) {
                    String figure = m.get("text").asText();
                    // the language's own words between the numbers ("51 (50 a 52)", "51 (od 50 do 52)"), the same numbers
                    if (whole(m.get("lower")) == whole(m.get("upper"))) {
                        // both ends round to one point: said in words, not "52 (52 a 52)"
                        assertThat(figure).as(lang).isEqualTo(whole(m.get("estimate")) + (lang.equals("es")
                                ? " (menos de un punto arriba o abajo)" : " (mniej niż punkt w górę lub w dół)"));
                    } else {
                        assertThat(figure).as(lang).matches(lang.equals("es") ? "\\d+ \\(\\d+ a \\d+\\)" : "\\d+ \\(od \\d+ do \\d+\\)");
                        assertThat(figure.replaceAll("\\D+", " ").trim()).as(lang)
                                .isEqualTo(whole(m.get("estimate")) + " " + whole(m.get("lower")) + " " + whole(m.get("upper")));
                    }
                    assertThat(page).as(lang + ": " + r.get("label").asText()).contains(r.get("label").asText() + ": " + figure);
                    compared++;
                }
            }
            assertThat(compared).as(lang).isPositive();
            // a change to a tenth with a decimal comma, the same on the page, in the PDF and in the API
            Pattern comma = Pattern.compile("[+±-]\\d+,\\d \\((?:od )?[+±-]\\d+,\\d (?:a|do) [+±-]\\d+,\\d\\)");
            List<String> api = new ArrayList<>();
            report.at("/summary/changes").forEach(c -> comma.matcher(c.get("text").asText()).results().forEach(x -> api.add(x.group())));
            assertThat(api).as(lang + ": changes with a decimal comma").isNotEmpty()
                    .isEqualTo(comma.matcher(page).results().map(x -> x.group()).toList())
                    .isEqualTo(comma.matcher(pdf).results().map(x -> x.group()).toList());
        }
    }

    @Test
    void eachSchoolIsCountedAgainstTheNetworkWhereItsOwnMapPlacesIt() throws Exception {
        StaffUser admin = fixtures.staffUser("trust@riverside.example");
        JsonNode report = json.readTree(body("/api/v1/network/report?window=Summer 2026", admin));
        List<Map<String, Object>> windows = jdbc.sql("""
                select w.id, s.name from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and w.name = 'Summer 2026'""").param(network).query().listOfRows();
        Map<String, int[]> placed = new LinkedHashMap<>();
        for (Map<String, Object> w : windows) {
            String head = jdbc.sql("select email from staff where school_id = (select school_id from survey_window where id = ?) and is_leader and active order by id limit 1")
                    .param(((Number) w.get("id")).longValue()).query(String.class).single();
            JsonNode map = json.readTree(body("/api/v1/windows/" + w.get("id") + "/report", fixtures.staffUser(head)));
            for (JsonNode l : map.at("/picture/links")) {
                for (String side : List.of("down", "up")) {
                    count(placed, l.get(side));
                }
            }
            map.at("/picture/nodes").forEach(n -> count(placed, n.get("badge")));
        }
        for (JsonNode r : report.at("/report/relationships")) {
            JsonNode schools = r.get("parts").get(0).get("schools");
            int[] p = placed.getOrDefault(r.get("relationship").asText(), new int[3]);
            assertThat(new int[] {schools.get("above").asInt(), schools.get("below").asInt(), schools.get("shown").asInt()})
                    .as(r.get("relationship").asText() + ": above, below, shown as the schools' maps place them").isEqualTo(p);
        }
    }

    private static void count(Map<String, int[]> placed, JsonNode label) {
        if (label == null || label.isNull() || label.get("tone").asText().equals("none")) {
            return;
        }
        int[] p = placed.computeIfAbsent(label.get("relationship").asText(), k -> new int[3]);
        String tone = label.get("tone").asText();
        p[0] += tone.endsWith("bove") ? 1 : 0;
        p[1] += tone.endsWith("elow") ? 1 : 0;
        p[2]++;
    }

    private long window(String school, String name) {
        return jdbc.sql("""
                select w.id from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and s.name = ? and w.name = ?""").params(network, school, name).query(Long.class).single();
    }

    private MockHttpServletResponse response(String path, StaffUser as) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(path).with(user(as))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r;
    }

    private String body(String path, StaffUser as) throws Exception {
        return response(path, as).getContentAsString(StandardCharsets.UTF_8);
    }

    private String pdf(String path, StaffUser as) throws Exception {
        try (PDDocument document = Loader.loadPDF(response(path, as).getContentAsByteArray())) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** A page's words as read, without its own-view tables, its scripts or its charts' specifications. */
    static String text(String html) {
        String s = OWN_VIEWS.matcher(html).replaceAll(" ");
        s = s.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ").replaceAll("<[^>]+>", " ");
        s = s.replace("&#39;", "'").replace("&#x27;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return s.replaceAll("\\s+", " ");
    }

    /** Every figure that follows this label in the text, with nothing but words between (no other part's "·", no number). */
    static List<String> after(String text, String label) {
        Matcher m = Pattern.compile("(?<!· )(?<!\\p{L})" + Pattern.quote(label) + "(?![\\p{L}]| ·)[^\\d·+±]{0,120}?(" + FIGURE.pattern() + ")").matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The figure in a longer text ("53 (51 to 55) · n = 40"). */
    static String figureIn(String text) {
        Matcher m = FIGURE.matcher(text);
        assertThat(m.find()).as("a figure in: " + text).isTrue();
        return m.group();
    }

    /** Every change with its interval, in order. */
    static List<String> changes(String text) {
        Matcher m = CHANGE.matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The words of the network page's fold of one relationship. */
    static String section(String html, String relationship) {
        int from = html.indexOf("id=\"rel-" + relationship + "\"");
        assertThat(from).as(relationship + "'s fold").isNotNegative();
        return text(html.substring(from, html.indexOf("</details>", from)));
    }

    static Map<String, String> csvRow(String csv, int index) {
        List<Map<String, String>> rows = csv(csv);
        assertThat(rows.size()).isGreaterThan(index);
        return rows.get(index);
    }

    static Map<String, String> csvRowOf(String csv, String series) {
        return csv(csv).stream().filter(r -> series.equals(r.get("series"))).findFirst().orElseThrow(() -> new AssertionError(series + " in " + csv));
    }

    /** A CSV download's rows by column (quoted fields as RFC 4180 writes them). */
    static List<Map<String, String>> csv(String csv) {
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                lines.add(fields);
                fields = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < lines.get(0).size(); i++) {
                row.put(lines.get(0).get(i), i < line.size() ? line.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** A CSV cell's tenth as the pages say it. */
    static long whole(String tenth) {
        return new BigDecimal(tenth).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}

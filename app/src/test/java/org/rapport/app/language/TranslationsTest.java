package org.rapport.app.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;

/**
 * A network's translators: the export has every text with the English beside it; a translated file
 * comes back and its texts reach that network's respondents (and no other network's); a file with
 * faults is refused whole with each fault by line; a language Rapport does not ship can be added.
 */
class TranslationsTest extends AppTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Translations translations;
    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    static List<CSVRecord> rows(String csv) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    static byte[] file(List<CSVRecord> rows, Map<String, String> changed) throws Exception {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("key", "english", "translation").get())) {
            for (CSVRecord r : rows) {
                if (changed.containsKey(r.get("key")) && changed.get(r.get("key")) == null) {
                    continue;
                }
                csv.printRecord(r.get("key"), r.get("english"), changed.getOrDefault(r.get("key"), r.get("translation")));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    JsonNode survey(String code, String language) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/survey/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("code", code, "language", language)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    static String blockTitle(JsonNode session, String relationship) {
        for (JsonNode b : session.get("blocks")) {
            if (b.get("relationship").asText().equals(relationship)) {
                return b.get("title").asText();
            }
        }
        throw new AssertionError("no block " + relationship);
    }

    @Test
    void aTranslatedFileReachesItsOwnNetworkOnlyAndAFaultyOneChangesNothing() throws Exception {
        long networkA = fixtures.network();
        StaffUser adminA = fixtures.networkAdmin(networkA);
        Fixtures.SchoolSetup schoolA = fixtures.school(networkA);
        Fixtures.SchoolSetup schoolB = fixtures.school(fixtures.network());
        SurveyWindow windowA = fixtures.openWindow(schoolA.schoolId());
        SurveyWindow windowB = fixtures.openWindow(schoolB.schoolId());
        List<String> codesA = fixtures.codes(windowA, RespondentRole.PUPIL, schoolA.class1());
        String codeB = fixtures.codes(windowB, RespondentRole.PUPIL, schoolB.class1()).get(0);

        // the export: every English text once, with Rapport's Spanish beside it, apostrophes as written
        List<CSVRecord> exported = rows(translations.export(adminA, "es"));
        Map<String, CSVRecord> byKey = new LinkedHashMap<>();
        exported.forEach(r -> byKey.put(r.get("key"), r));
        assertThat(byKey).hasSize(exported.size()).containsKeys("survey.block.PUPIL_SCHOOL", "item.pt_res_1", "scale.AMOUNT.4", "language.status");
        assertThat(byKey.get("survey.block.PUPIL_SCHOOL").get("english")).isEqualTo("About your school");
        assertThat(byKey.get("survey.block.PUPIL_SCHOOL").get("translation")).isEqualTo("Sobre tu colegio");
        assertThat(byKey.get("survey.block.TEACHER_LEADERS").get("english")).isEqualTo("About your school's leaders");

        // network A's translators reword two texts (one with an apostrophe) and mark the language reviewed
        int imported = translations.importFile(adminA, "es", file(exported, Map.of("survey.block.PUPIL_SCHOOL", "Sobre nuestro colegio 'Hillside'",
                "language.status", "reviewed")));
        assertThat(imported).isEqualTo(exported.size());
        assertThat(blockTitle(survey(codesA.get(0), "es"), "PUPIL_SCHOOL")).isEqualTo("Sobre nuestro colegio 'Hillside'");
        assertThat(blockTitle(survey(codeB, "es"), "PUPIL_SCHOOL")).as("another network keeps Rapport's text").isEqualTo("Sobre tu colegio");
        assertThat(rows(translations.export(adminA, "es")).stream().filter(r -> r.get("key").equals("survey.block.PUPIL_SCHOOL"))
                .findFirst().orElseThrow().get("translation")).as("the next export starts from the network's own").isEqualTo("Sobre nuestro colegio 'Hillside'");

        // faults: a missing text, an unknown key, a dropped placeholder, a bad direction; listed by line, nothing imported
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("survey.back", null);
        broken.put("survey.block.PUPIL_TEACHER", "Sobre el profesor");
        broken.put("language.direction", "sideways");
        broken.put("survey.block.PUPIL_SCHOOL", "Otra cosa");
        List<CSVRecord> withUnknown = new ArrayList<>(exported);
        byte[] bad = (new String(file(withUnknown, broken), StandardCharsets.UTF_8) + "survey.nonsense,x,y\r\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> translations.importFile(adminA, "es", bad)).isInstanceOfSatisfying(Translations.TranslationFileException.class, e -> {
            List<String> faults = e.faults().stream().map(f -> f.line() + " " + f.column() + " " + f.problem()).toList();
            assertThat(faults).anyMatch(f -> f.contains("survey.back is missing"));
            assertThat(faults).anyMatch(f -> f.contains("survey.block.PUPIL_TEACHER: must keep the placeholders [{0}]") && f.contains(" translation "));
            assertThat(faults).anyMatch(f -> f.contains("language.direction: is ltr"));
            assertThat(faults).anyMatch(f -> f.contains("'survey.nonsense' is not a text of Rapport"));
            long line = exported.indexOf(byKey.get("language.direction")) + 2;
            assertThat(faults).anyMatch(f -> f.startsWith(line + " translation language.direction"));
        });
        assertThat(blockTitle(survey(codesA.get(1), "es"), "PUPIL_SCHOOL")).as("nothing of the faulty file").isEqualTo("Sobre nuestro colegio 'Hillside'");

        // the same over the API: 422 with each fault by line and column
        HttpResponse<String> r = http.send(multipart("/api/v1/translations/es", bad, adminA), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.get("errors").findValues("line")).isNotEmpty();
        assertThat(r.body()).contains("survey.back is missing");
        // nobody but a network admin exports or imports
        assertThatThrownBy(() -> translations.export(schoolA.admin(), "es")).isInstanceOf(AccessDeniedException.class);
        assertThat(http.send(multipart("/api/v1/translations/es", bad, schoolA.admin()), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aNetworkAddsALanguageRapportDoesNotShipRightToLeft() throws Exception {
        long network = fixtures.network();
        StaffUser admin = fixtures.networkAdmin(network);
        Fixtures.SchoolSetup school = fixtures.school(network);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PARENT, school.class1()).get(0);
        List<CSVRecord> exported = rows(translations.export(admin, "ur"));
        assertThat(exported).allMatch(row -> row.get("translation").isEmpty());
        Map<String, String> urdu = new LinkedHashMap<>();
        for (CSVRecord row : exported) {
            urdu.put(row.get("key"), "ur: " + row.get("english"));
        }
        urdu.put("language.name", "اردو");
        urdu.put("language.direction", "rtl");
        urdu.put("language.status", "draft");
        translations.importFile(admin, "ur", file(exported, urdu));

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/languages")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode ur = null;
        for (JsonNode l : json.readTree(list.body())) {
            if (l.get("tag").asText().equals("ur")) {
                ur = l;
            }
        }
        assertThat(ur).as(list.body()).isNotNull();
        assertThat(ur.get("name").asText()).isEqualTo("اردو");
        assertThat(ur.get("rightToLeft").asBoolean()).isTrue();
        JsonNode session = survey(code, "ur");
        assertThat(session.get("direction").asText()).isEqualTo("rtl");
        assertThat(blockTitle(session, "PARENT_SCHOOL")).isEqualTo("ur: About your child's school");
    }

    HttpRequest multipart(String path, byte[] file, StaffUser as) {
        String boundary = "----rapport" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((as.email() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}

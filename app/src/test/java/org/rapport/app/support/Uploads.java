package org.rapport.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Files sent to the running application as a client sends them: multipart parts over HTTP with Basic
 * authentication (the fixtures' password), and OneRoster bundles zipped from a few lines of CSV.
 */
public final class Uploads {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json;
    private final int port;

    public Uploads(ObjectMapper json, int port) {
        this.json = json;
        this.port = port;
    }

    public record Answer(int status, JsonNode body, String text) {
    }

    /** Multipart parts (name to file bytes) posted to {@code path} as {@code email}, with query parameters in the path. */
    public Answer post(String email, String path, Map<String, byte[]> parts) throws Exception {
        String boundary = "----rapport" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> p : parts.entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.getKey() + "\"; filename=\"" + p.getKey()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(p.getValue());
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        try {
            body = response.body().isBlank() ? null : json.readTree(response.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a page, not JSON
        }
        return new Answer(response.statusCode(), body, response.body());
    }

    /** A roster file and an optional staff file to the school's roster API. */
    public Answer roster(String email, long schoolId, String roster, String staff) throws Exception {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("roster", roster.getBytes(StandardCharsets.UTF_8));
        if (staff != null) {
            parts.put("staff", staff.getBytes(StandardCharsets.UTF_8));
        }
        return post(email, "/api/v1/schools/" + schoolId + "/roster", parts);
    }

    /** A OneRoster bundle to the school's OneRoster API ({@code suffix}: "" to import, "/preview" to preview; a query may follow). */
    public Answer bundle(String email, long schoolId, String suffix, byte[] zip) throws Exception {
        return post(email, "/api/v1/schools/" + schoolId + "/roster/oneroster" + suffix, Map.of("bundle", zip));
    }

    /** A person of a OneRoster export: their sourcedId, names, e-mail and role (teacher or administrator). */
    public record Person(String id, String givenName, String familyName, String email, String role) {
    }

    /** A class of a OneRoster export: its sourcedId, title, its teachers' sourcedIds and how many pupils are enrolled. */
    public record OneClass(String id, String title, List<String> teachers, int pupils) {
    }

    /** A OneRoster 1.1 bundle of one school (sourcedId s-1) with these staff and classes; pupils p-CLASS-N enrolled as students. */
    public static byte[] oneRoster(List<Person> staff, List<OneClass> classes) throws Exception {
        StringBuilder orgs = new StringBuilder("sourcedId,name,type\ns-1,The School,school\n");
        StringBuilder cls = new StringBuilder("sourcedId,title,schoolSourcedId,grades,subjects\n");
        StringBuilder users = new StringBuilder("sourcedId,givenName,familyName,email,role,orgSourcedIds\n");
        StringBuilder enrol = new StringBuilder("classSourcedId,userSourcedId,role\n");
        for (Person p : staff) {
            users.append(p.id()).append(',').append(p.givenName()).append(',').append(p.familyName()).append(',').append(p.email()).append(',')
                    .append(p.role()).append(",s-1\n");
        }
        for (OneClass c : classes) {
            cls.append(c.id()).append(',').append(c.title()).append(",s-1,07,\n");
            for (String t : c.teachers()) {
                enrol.append(c.id()).append(',').append(t).append(",teacher\n");
            }
            for (int n = 1; n <= c.pupils(); n++) {
                String pupil = "p-" + c.id() + "-" + n;
                users.append(pupil).append(",Pupil,").append(n).append(",,student,s-1\n");
                enrol.append(c.id()).append(',').append(pupil).append(",student\n");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> f : Map.of("orgs.csv", orgs.toString(), "classes.csv", cls.toString(), "users.csv", users.toString(),
                    "enrollments.csv", enrol.toString()).entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}

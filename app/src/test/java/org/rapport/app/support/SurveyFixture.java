package org.rapport.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * A school with classes of two teachers each, an open window and its pupil codes, made in a running
 * Rapport the way a school admin makes them: the roster uploaded, the window created and opened and
 * the codes generated through the JSON API. Only the school and its admin's account are written
 * straight into the database, since no API creates them yet.
 */
public record SurveyFixture(long windowId, long classId, List<String> codes, String admin) {
    /** The school admin's password ({@link #admin} is the e-mail). */
    public static final String PASSWORD = "fixture password";
    private static final int MAX_CLASS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static Connection connect() throws Exception {
        return DriverManager.getConnection(RapportProcess.env("RAPPORT_IT_DB_URL"), RapportProcess.env("RAPPORT_IT_DB_USER"),
                RapportProcess.env("RAPPORT_IT_DB_PASSWORD"));
    }

    /** {@code codeCount} pupil codes, in classes of at most 200; {@code app} must be running. */
    public static SurveyFixture create(RapportProcess app, int codeCount) throws Exception {
        return create(app, codeCount, SurveyFixture::connect);
    }

    /** The same on the database that {@code database} connects to (the one {@code app} runs on). */
    public static SurveyFixture create(RapportProcess app, int codeCount, java.util.concurrent.Callable<Connection> database) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String admin = "admin-" + tag + "@test.example";
        long school;
        try (Connection db = database.call()) {
            long network = insert(db, "insert into network (name) values ('Network " + tag + "') returning id");
            school = insert(db, "insert into school (network_id, name) values (" + network + ", 'School " + tag + "') returning id");
            try (PreparedStatement ps = db.prepareStatement("""
                    insert into staff (network_id, school_id, email, display_name, role, is_leader, password_hash)
                    values (?, ?, ?, 'Admin', 'SCHOOL_ADMIN', true, ?)""")) {
                ps.setLong(1, network);
                ps.setLong(2, school);
                ps.setString(3, admin);
                ps.setString(4, PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
                ps.executeUpdate();
            }
        }
        Api api = new Api(app, admin);
        StringBuilder roster = new StringBuilder("class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n");
        for (int c = 0, left = codeCount; left > 0; c++, left -= MAX_CLASS) {
            for (String t : List.of("a", "b")) {
                roster.append("C").append(c).append(",Class ").append(c).append(",7,").append(Math.min(left, MAX_CLASS)).append(",T")
                        .append(t).append(",Teacher ").append(t).append(',').append(t).append('-').append(tag).append("@test.example,\n");
            }
        }
        api.upload("/api/v1/schools/" + school + "/roster", roster.toString());
        long window = api.call("POST", "/api/v1/schools/" + school + "/windows", "{\"name\":\"Window " + tag + "\"}", 201).get("id").asLong();
        api.call("POST", "/api/v1/windows/" + window + "/open", null, 200);
        JsonNode generated = api.call("POST", "/api/v1/windows/" + window + "/codes", "{\"role\":\"PUPIL\"}", 201);
        List<String> codes = new ArrayList<>();
        generated.get("groups").forEach(g -> g.get("codes").forEach(c -> codes.add(c.asText().replace("-", ""))));
        return new SurveyFixture(window, generated.get("groups").get(0).get("classId").asLong(), codes, admin);
    }

    /** The JSON API as the school admin. */
    private record Api(RapportProcess app, String email) {
        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(app.url(path))).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((email + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }

        JsonNode call(String method, String path, String body, int expected) throws Exception {
            HttpRequest r = request(path).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
            return check(HTTP.send(r, HttpResponse.BodyHandlers.ofString()), method + " " + path, expected);
        }

        void upload(String path, String roster) throws Exception {
            String boundary = "fixture" + UUID.randomUUID();
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"roster.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + roster + "\r\n--" + boundary + "--\r\n";
            HttpRequest r = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            check(HTTP.send(r, HttpResponse.BodyHandlers.ofString()), "POST " + path, 200);
        }

        static JsonNode check(HttpResponse<String> r, String what, int expected) throws Exception {
            if (r.statusCode() != expected) {
                throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isBlank() ? null : JSON.readTree(r.body());
        }
    }

    public static long insert(Connection db, String sql) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static long count(Connection db, String sql, long id) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

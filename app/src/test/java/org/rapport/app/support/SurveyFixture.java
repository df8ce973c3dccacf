package org.rapport.app.support;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.rapport.app.access.AccessCode;
import org.rapport.app.access.CodeHasher;
import org.rapport.app.config.RapportProperties;

/**
 * A school with one class and two teachers, an open window and pupil codes hashed as a server with
 * the given secret will, written straight into the integration tests' PostgreSQL.
 */
public record SurveyFixture(long windowId, long classId, List<String> codes) {

    public static Connection connect() throws Exception {
        return DriverManager.getConnection(RapportProcess.env("RAPPORT_IT_DB_URL"), RapportProcess.env("RAPPORT_IT_DB_USER"),
                RapportProcess.env("RAPPORT_IT_DB_PASSWORD"));
    }

    /** Needs the schema: start a {@link RapportProcess} once before. */
    public static SurveyFixture create(String secret, int codeCount) throws Exception {
        CodeHasher hasher = new CodeHasher(new RapportProperties(null, null, null, 5, secret, 0, 0), null);
        SecureRandom random = new SecureRandom();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (Connection db = connect()) {
            long network = insert(db, "insert into network (name) values ('Network " + tag + "') returning id");
            long school = insert(db, "insert into school (network_id, name) values (" + network + ", 'School " + tag + "') returning id");
            long klass = insert(db, "insert into class_group (school_id, class_ref, name, pupils) values (" + school
                    + ", '1', 'Class 1', " + Math.min(codeCount, 200) + ") returning id");
            for (String t : List.of("a", "b")) {
                long staff = insert(db, "insert into staff (network_id, school_id, staff_ref, email, display_name, role) values ("
                        + network + ", " + school + ", '" + t + "', '" + t + "-" + tag + "@test.example', 'Teacher " + t
                        + "', 'TEACHER') returning id");
                insert(db, "insert into teaching (class_id, staff_id) values (" + klass + ", " + staff + ") returning class_id");
            }
            long window = insert(db, "insert into survey_window (school_id, name, status, item_bank, opened_on) values ("
                    + school + ", 'Window " + tag + "', 'OPEN', 'test', current_date) returning id");
            List<String> codes = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement(
                    "insert into access_code (code_hash, window_id, respondent_role, class_id) values (?, ?, 'PUPIL', ?)")) {
                for (int k = 0; k < codeCount; k++) {
                    String code = AccessCode.generate(random);
                    ps.setBytes(1, hasher.hash(code));
                    ps.setLong(2, window);
                    ps.setLong(3, klass);
                    ps.addBatch();
                    codes.add(code);
                }
                ps.executeBatch();
            }
            return new SurveyFixture(window, klass, codes);
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

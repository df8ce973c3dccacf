package org.rapport.app.school;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Networks and their schools: owns the tables network, school and school_support_text. */
@Repository
class SchoolRepository {
    private final JdbcClient jdbc;

    SchoolRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long createNetwork(String name) {
        return jdbc.sql("insert into network (name) values (?) returning id").param(name).query(Long.class).single();
    }

    boolean networkExists(long networkId) {
        return jdbc.sql("select count(*) from network where id = ?").param(networkId).query(Long.class).single() > 0;
    }

    Optional<Long> networkNamed(String name) {
        return jdbc.sql("select id from network where name = ? order by id limit 1").param(name).query(Long.class).optional();
    }

    boolean anyNetwork() {
        return jdbc.sql("select exists (select 1 from network)").query(Boolean.class).single();
    }

    long createSchool(long networkId, String name) {
        return jdbc.sql("insert into school (network_id, name) values (?, ?) returning id").params(networkId, name)
                .query(Long.class).single();
    }

    boolean schoolNameTaken(long networkId, String name) {
        return jdbc.sql("select count(*) from school where network_id = ? and lower(name) = lower(?)").params(networkId, name)
                .query(Long.class).single() > 0;
    }

    Optional<School> find(long id) {
        return jdbc.sql("select id, network_id, name from school where id = ?").param(id)
                .query((rs, n) -> new School(rs.getLong(1), rs.getLong(2), rs.getString(3))).optional();
    }

    List<School> inNetwork(long networkId) {
        return jdbc.sql("select id, network_id, name from school where network_id = ? order by name").param(networkId)
                .query((rs, n) -> new School(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
    }

    Optional<String> supportText(long schoolId) {
        return jdbc.sql("select support_text from school where id = ?").param(schoolId).query(String.class).optional()
                .filter(t -> t != null && !t.isBlank());
    }

    /** The school's public key, made at first use (random; the one stored wins if two instances race). */
    String publicKey(long schoolId, String fresh) {
        jdbc.sql("update school set public_key = ? where id = ? and public_key is null").params(fresh, schoolId).update();
        return jdbc.sql("select public_key from school where id = ?").param(schoolId).query(String.class).single();
    }

    Optional<String> existingPublicKey(long schoolId) {
        return jdbc.sql("select public_key from school where id = ? and public_key is not null").param(schoolId).query(String.class).optional();
    }

    Optional<Long> schoolByPublicKey(String key) {
        return jdbc.sql("select id from school where public_key = ?").param(key).query(Long.class).optional();
    }

    void setSupportText(long schoolId, String text) {
        jdbc.sql("update school set support_text = ? where id = ?").params(text, schoolId).update();
    }

    /** The school's support texts of their own languages, by language tag (in tag order). */
    java.util.Map<String, String> supportTexts(long schoolId) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        jdbc.sql("select language, text from school_support_text where school_id = ?").param(schoolId).query(rs -> {
            out.put(rs.getString(1), rs.getString(2));
        });
        return out;
    }

    Optional<String> supportText(long schoolId, String language) {
        return jdbc.sql("select text from school_support_text where school_id = ? and language = ?").params(schoolId, language)
                .query(String.class).optional();
    }

    /** Replaces the school's texts of their own languages with these (none: every language reads the school's one text). */
    void setSupportTexts(long schoolId, java.util.Map<String, String> texts) {
        jdbc.sql("delete from school_support_text where school_id = ?").param(schoolId).update();
        texts.forEach((language, text) -> jdbc.sql("insert into school_support_text (school_id, language, text) values (?, ?, ?)")
                .params(schoolId, language, text).update());
    }

    /** Days after a window closes that its raw answers are kept; empty: until a school deletes them. */
    Optional<Integer> retentionDays(long networkId) {
        return jdbc.sql("select retention_days from network where id = ?").param(networkId).query((rs, n) -> (Integer) rs.getObject(1))
                .optional().flatMap(Optional::ofNullable);
    }

    void setRetentionDays(long networkId, Integer days) {
        jdbc.sql("update network set retention_days = ? where id = ?").params(days, networkId).update();
    }

    /** Every network that deletes raw answers after a period, with the period in days. */
    java.util.Map<Long, Integer> retentionPeriods() {
        java.util.Map<Long, Integer> out = new java.util.HashMap<>();
        jdbc.sql("select id, retention_days from network where retention_days is not null").query(rs -> {
            out.put(rs.getLong(1), rs.getInt(2));
        });
        return out;
    }

    List<Long> networkIds() {
        return jdbc.sql("select id from network order by id").query(Long.class).list();
    }

    String networkName(long networkId) {
        return jdbc.sql("select name from network where id = ?").param(networkId).query(String.class).single();
    }

    boolean passwordSignIn(long networkId) {
        return jdbc.sql("select password_sign_in from network where id = ?").param(networkId).query(Boolean.class).optional().orElse(true);
    }

    void setPasswordSignIn(long networkId, boolean allowed) {
        jdbc.sql("update network set password_sign_in = ? where id = ?").params(allowed, networkId).update();
    }
}

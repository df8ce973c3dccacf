package org.rapport.app.safeguarding;

import java.sql.Array;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the tables safeguarding_lead, concern_phrase and concern. */
@Repository
class SafeguardingRepository {
    private final JdbcClient jdbc;

    SafeguardingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Long> leads(long schoolId) {
        return jdbc.sql("select staff_id from safeguarding_lead where school_id = ? order by staff_id").param(schoolId).query(Long.class).list();
    }

    void setLeads(long schoolId, Collection<Long> staffIds) {
        jdbc.sql("delete from safeguarding_lead where school_id = ?").param(schoolId).update();
        for (long id : staffIds) {
            jdbc.sql("insert into safeguarding_lead (school_id, staff_id) values (?, ?)").params(schoolId, id).update();
        }
    }

    /** The schools whose lead this member of staff is. */
    List<Long> schoolsLedBy(long staffId) {
        return jdbc.sql("select school_id from safeguarding_lead where staff_id = ? order by school_id").param(staffId).query(Long.class).list();
    }

    /** The network's own lists, by language; a language without rows uses the shipped list. */
    Map<String, List<String>> phrases(long networkId) {
        Map<String, List<String>> out = new TreeMap<>();
        jdbc.sql("select language, phrase from concern_phrase where network_id = ? order by language, phrase").param(networkId)
                .query(rs -> {
                    out.computeIfAbsent(rs.getString(1), l -> new ArrayList<>()).add(rs.getString(2));
                });
        return out;
    }

    void setPhrases(long networkId, String language, Collection<String> phrases) {
        jdbc.sql("delete from concern_phrase where network_id = ? and language = ?").params(networkId, language).update();
        for (String p : phrases) {
            jdbc.sql("insert into concern_phrase (network_id, language, phrase) values (?, ?, ?) on conflict do nothing")
                    .params(networkId, language, p).update();
        }
    }

    void addConcern(long schoolId, long windowId, String body, Collection<String> phrases, LocalDate day) {
        jdbc.sql("insert into concern (school_id, window_id, body, phrases, arrived_on) values (?, ?, ?, ?, ?)")
                .params(schoolId, windowId, body, phrases.toArray(String[]::new), day).update();
    }

    record Row(long id, long schoolId, long windowId, String body, List<String> phrases, Long reviewedBy, OffsetDateTime reviewedAt) {
    }

    /** A school's concerns: those not yet reviewed first, then in the order of their text (never of their arrival). */
    List<Row> concerns(Collection<Long> schoolIds) {
        return jdbc.sql("""
                        select id, school_id, window_id, body, phrases, reviewed_by, reviewed_at from concern where school_id = any(?)
                        order by reviewed_at is not null, body, id""")
                .param(schoolIds.toArray(Long[]::new))
                .query((rs, n) -> {
                    Array a = rs.getArray(5);
                    return new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), Arrays.asList((String[]) a.getArray()),
                            (Long) rs.getObject(6), rs.getObject(7, OffsetDateTime.class));
                }).list();
    }

    int waiting(Collection<Long> schoolIds) {
        return jdbc.sql("select count(*) from concern where school_id = any(?) and reviewed_at is null").param(schoolIds.toArray(Long[]::new))
                .query(Integer.class).single();
    }

    java.util.Optional<Long> schoolOf(long concernId) {
        return jdbc.sql("select school_id from concern where id = ?").param(concernId).query(Long.class).optional();
    }

    void review(long concernId, long staffId) {
        jdbc.sql("update concern set reviewed_by = ?, reviewed_at = now() where id = ? and reviewed_at is null").params(staffId, concernId).update();
    }

    int deleteReviewed(long windowId) {
        return jdbc.sql("delete from concern where window_id = ? and reviewed_at is not null").param(windowId).update();
    }

    /** Where {@code from} is a designated lead, {@code into} is; concerns they reviewed are {@code into}'s. */
    void moveStaff(long from, long into) {
        jdbc.sql("insert into safeguarding_lead (school_id, staff_id) select school_id, ? from safeguarding_lead where staff_id = ? on conflict do nothing")
                .params(into, from).update();
        jdbc.sql("delete from safeguarding_lead where staff_id = ?").param(from).update();
        jdbc.sql("update concern set reviewed_by = ? where reviewed_by = ?").params(into, from).update();
    }
}

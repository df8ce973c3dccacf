package org.rapport.app.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the table deletion_log: every deletion of raw data, what, how many rows, when and by whom. */
@Repository
class DeletionLog {
    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DeletionLog(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void add(long networkId, Long schoolId, Long windowId, String what, Map<String, Integer> counts, Long by) {
        try {
            jdbc.sql("insert into deletion_log (network_id, school_id, window_id, what, counts, deleted_by) values (?, ?, ?, ?, ?::jsonb, ?)")
                    .params(networkId, schoolId, windowId, what, json.writeValueAsString(counts), by).update();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record Entry(long id, Long schoolId, Long windowId, String what, Map<String, Integer> counts, Long deletedBy, OffsetDateTime deletedAt) {
    }

    /** The network's deletions, newest first; of one school only if {@code schoolId} is given. */
    List<Entry> entries(long networkId, Long schoolId) {
        return jdbc.sql("""
                        select id, school_id, window_id, what, counts::text, deleted_by, deleted_at from deletion_log
                        where network_id = ? and (?::bigint is null or school_id = ?) order by deleted_at desc, id desc""")
                .params(networkId, schoolId, schoolId)
                .query((rs, n) -> new Entry(rs.getLong(1), (Long) rs.getObject(2), (Long) rs.getObject(3), rs.getString(4), read(rs.getString(5)),
                        (Long) rs.getObject(6), rs.getObject(7, OffsetDateTime.class)))
                .list();
    }

    /** One instance at a time runs the retention job: the others skip the round. */
    boolean tryJobLock() {
        return jdbc.sql("select pg_try_advisory_xact_lock(hashtext('rapport-retention-job'))").query(Boolean.class).single();
    }

    private Map<String, Integer> read(String text) {
        try {
            return json.readValue(text, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletions {@code from} made are logged as {@code into}'s. */
    void moveDeleter(long from, long into) {
        jdbc.sql("update deletion_log set deleted_by = ? where deleted_by = ?").params(into, from).update();
    }
}

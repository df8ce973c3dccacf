package org.rapport.app.measuring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the tables response_batch and response_score: when each response became visible to reports, and its packed scores. */
@Repository
class ScoreRepository {
    private final JdbcClient jdbc;

    ScoreRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A response as reports read it: its batch, and its scores on the calibration asked for (null when not yet scored). */
    record Scored(UUID response, long windowId, Long classId, long batch, byte[] blocks) {
    }

    /** A new response, not yet in a batch, with its scores on the active calibration if there is one; one statement. */
    void added(UUID response, long windowId, Long classId, Long calibrationId, byte[] blocks) {
        if (calibrationId == null) {
            jdbc.sql("insert into response_batch (response_id, window_id, class_id) values (?, ?, ?)")
                    .params(response, windowId, classId).update();
            return;
        }
        jdbc.sql("""
                with b as (insert into response_batch (response_id, window_id, class_id) values (?, ?, ?))
                insert into response_score (calibration_id, response_id, blocks) values (?, ?, ?)""")
                .params(response, windowId, classId, calibrationId, response, blocks).update();
    }

    /** Holds the wave until the transaction ends: batches are stamped and released one report at a time. */
    void lockWave(long networkId, String waveName) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("wave/" + networkId + "/" + waveName).query().singleRow();
    }

    /**
     * Puts every response of these windows not yet in a batch into a new one and returns the newest
     * batch of the windows (0 when none). Call holding the wave's lock.
     */
    long stamp(Collection<Long> windowIds) {
        Long[] ids = windowIds.toArray(Long[]::new);
        return jdbc.sql("""
                        with b as (select nextval('report_batch_seq') as v),
                        u as (update response_batch set batch = (select v from b) where window_id = any(?) and batch is null returning 1)
                        select case when exists (select 1 from u) then (select v from b)
                               else (select coalesce(max(batch), 0) from response_batch where window_id = any(?)) end""")
                .params(ids, ids).query(Long.class).single();
    }

    /**
     * The responses of these windows in batches after {@code after} up to {@code upTo}, in batch order, with their scores.
     * Two statements, each with one sensible plan whatever the statistics say, instead of a join whose plan a table
     * analysed before its newest batch or calibration could turn quadratic (seen: three minutes at 30 schools).
     */
    List<Scored> scored(long calibrationId, Collection<Long> windowIds, long after, long upTo) {
        List<Scored> batched = jdbc.sql("""
                        select response_id, window_id, class_id, batch from response_batch
                        where window_id = any(?) and batch > ? and batch <= ? order by batch""")
                .params(windowIds.toArray(Long[]::new), after, upTo)
                .query((rs, n) -> new Scored(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, Long.class), rs.getLong(4), null))
                .list();
        Map<UUID, byte[]> blocks = new HashMap<>(batched.size() * 2);
        jdbc.sql("select response_id, blocks from response_score where calibration_id = ? and response_id = any(?)")
                .params(calibrationId, batched.stream().map(Scored::response).toArray(UUID[]::new))
                .query(rs -> {
                    blocks.put(rs.getObject(1, UUID.class), rs.getBytes(2));
                });
        List<Scored> out = new ArrayList<>(batched.size());
        for (Scored r : batched) {
            out.add(new Scored(r.response(), r.windowId(), r.classId(), r.batch(), blocks.get(r.response())));
        }
        return out;
    }

    /** Stores scores of one calibration (those already stored are kept). */
    void saveScores(long calibrationId, Map<UUID, byte[]> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(blocks.keySet());
        jdbc.sql("""
                insert into response_score (calibration_id, response_id, blocks)
                select ?, r, b from unnest(?::uuid[], ?::bytea[]) as t(r, b) on conflict do nothing""")
                .params(calibrationId, ids.toArray(UUID[]::new), ids.stream().map(blocks::get).toArray(byte[][]::new)).update();
    }

    /** The batch of each of these responses that has one. */
    Map<UUID, Long> batches(Collection<UUID> responses) {
        Map<UUID, Long> out = new java.util.HashMap<>();
        jdbc.sql("select response_id, batch from response_batch where response_id = any(?) and batch is not null")
                .param(responses.toArray(UUID[]::new)).query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return out;
    }
}

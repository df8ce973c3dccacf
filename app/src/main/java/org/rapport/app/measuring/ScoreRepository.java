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
    private final org.springframework.jdbc.core.JdbcTemplate template;

    ScoreRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
        this.template = template;
        this.jdbc = jdbc;
    }

    /** A response as reports read it: its batch, and its scores on the calibration asked for (null when not yet scored). */
    record Scored(UUID response, long windowId, Long classId, long batch, byte[] blocks) {
    }

    /**
     * A new response, in its wave's open batch, with its scores on the active calibration if there is one.
     * Holds the wave's lock in shared mode until the submission commits, so that no report closes the
     * batch while the response is being written; two statements (three the first time an instance sees the window).
     */
    void added(UUID response, long windowId, Long classId, long networkId, String waveName, boolean ensureWave, Long calibrationId,
               byte[] blocks) {
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtext(?))").param(waveLock(networkId, waveName)).query().singleRow();
        if (ensureWave) {
            // under the lock, as a report's close is: the other order could deadlock with it
            ensureWave(networkId, waveName);
        }
        String batch = "(select open_batch from wave_batch where network_id = ? and wave_name = ?)";
        if (calibrationId == null) {
            jdbc.sql("insert into response_batch (response_id, window_id, class_id, batch) values (?, ?, ?, " + batch + ")")
                    .params(response, windowId, classId, networkId, waveName).update();
            return;
        }
        jdbc.sql("with b as (insert into response_batch (response_id, window_id, class_id, batch) values (?, ?, ?, " + batch + "))"
                        + " insert into response_score (calibration_id, response_id, blocks) values (?, ?, ?)")
                .params(response, windowId, classId, networkId, waveName, calibrationId, response, blocks).update();
    }

    /**
     * Gives the wave its batch row if it has none: the closed batch a fresh number above every batch stamped
     * before this table existed (so those count as closed), the open one the next. A wave that has one writes
     * nothing and draws no numbers.
     */
    private void ensureWave(long networkId, String waveName) {
        jdbc.sql("""
                with closed as (select nextval('report_batch_seq') as v)
                insert into wave_batch (network_id, wave_name, closed_batch, open_batch)
                select ?, ?, closed.v, nextval('report_batch_seq') from closed
                where not exists (select 1 from wave_batch where network_id = ? and wave_name = ?)
                on conflict do nothing""")
                .params(networkId, waveName, networkId, waveName).update();
    }

    private static String waveLock(long networkId, String waveName) {
        return "wave/" + networkId + "/" + waveName;
    }

    /** Holds {@code key}'s advisory lock exclusively until the transaction ends. */
    private void lock(String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(key).query().singleRow();
    }

    /** Holds the wave's reports until the transaction ends: they fold and release one at a time. Submissions go on. */
    void lockReports(long networkId, String waveName) {
        lock("wave-report/" + networkId + "/" + waveName);
    }

    /**
     * Closes the wave's open batch if anyone joined it (opening the next), and returns the newest closed batch
     * (0 when none): every response in a batch up to it has committed. Call in a short transaction of its own,
     * since it waits for, and then briefly holds up, the wave's submissions.
     */
    long closeBatch(long networkId, String waveName, Collection<Long> windowIds) {
        Long[] ids = windowIds.toArray(Long[]::new);
        lock(waveLock(networkId, waveName));
        ensureWave(networkId, waveName);
        // responses without a batch (written before the wave's first report) join the open one
        jdbc.sql("""
                update response_batch set batch = (select open_batch from wave_batch where network_id = ? and wave_name = ?)
                where window_id = any(?) and batch is null""").params(networkId, waveName, ids).update();
        return jdbc.sql("""
                        with closed as (
                            update wave_batch w set closed_batch = w.open_batch, open_batch = nextval('report_batch_seq')
                            where w.network_id = ? and w.wave_name = ?
                            and exists (select 1 from response_batch b where b.window_id = any(?) and b.batch = w.open_batch)
                            returning closed_batch)
                        select coalesce((select closed_batch from closed),
                                        (select closed_batch from wave_batch where network_id = ? and wave_name = ?))""")
                .params(networkId, waveName, ids, networkId, waveName).query(Long.class).single();
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
        UUID[] ids = batched.stream().map(Scored::response).toArray(UUID[]::new);
        template.query(connection -> {
            java.sql.PreparedStatement ps = connection.prepareStatement(
                    "select response_id, blocks from response_score where calibration_id = ? and response_id = any(?)");
            // server-prepared at once, so the packed scores come in binary, not as hex text: half the time for a wave's first read
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            ps.setLong(1, calibrationId);
            ps.setArray(2, connection.createArrayOf("uuid", ids));
            return ps;
        }, (java.sql.ResultSet rs) -> {
            blocks.put(rs.getObject(1, UUID.class), rs.getBytes(2));
        });
        List<Scored> out = new ArrayList<>(batched.size());
        for (Scored r : batched) {
            out.add(new Scored(r.response(), r.windowId(), r.classId(), r.batch(), blocks.get(r.response())));
        }
        return out;
    }

    /** Stores scores of one calibration (those already stored are kept). */
    /** Forgets the stored scores of these windows' responses (they are scored again on first use); answers how many rows. */
    int forgetScores(Collection<Long> windowIds) {
        return jdbc.sql("delete from response_score where response_id in (select response_id from response_batch where window_id = any (?))")
                .param(windowIds.toArray(Long[]::new)).update();
    }

    void saveScores(long calibrationId, Map<UUID, byte[]> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(blocks.keySet());
        jdbc.sql("""
                insert into response_score (calibration_id, response_id, blocks)
                select ?, r, b from unnest(?::uuid[], ?::bytea[]) as t(r, b)
                on conflict (calibration_id, response_id) do update set blocks = excluded.blocks
                where get_byte(response_score.blocks, 0) < get_byte(excluded.blocks, 0)""")
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

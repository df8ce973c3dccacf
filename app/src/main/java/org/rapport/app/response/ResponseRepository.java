package org.rapport.app.response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rapport.app.itembank.Relationship;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the tables response, answer, comment and submission_receipt. */
@Repository
class ResponseRepository {
    private final JdbcClient jdbc;
    private final JdbcTemplate arrays;
    private final org.springframework.transaction.support.TransactionTemplate reading;
    /** Rows fetched per round trip when reading answers through a cursor. */
    private static final int FETCH = 10_000;

    ResponseRepository(JdbcClient jdbc, JdbcTemplate arrays, org.springframework.transaction.support.TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.arrays = arrays;
        this.reading = new org.springframework.transaction.support.TransactionTemplate(transaction.getTransactionManager());
        this.reading.setReadOnly(true);
    }

    /** The response, its answers, its comments and the receipt in one statement (one round trip to the database). */
    UUID insert(Responses.Submitted r, Responses.Receipt receipt) {
        return insert(r, receipt, null);
    }

    /** A submission's receipt alone (its answers wait, held, to be stored later). */
    void insertReceipt(Responses.Receipt receipt) {
        jdbc.sql("insert into submission_receipt (idempotency_key, code_hash, receipt, received_on) values (?, ?, ?, current_date)")
                .params(receipt.idempotencyKey(), receipt.codeHash(), receipt.text()).update();
    }

    /** A held part as a response of its own, on the day it was sent ({@code receipt} null) or a submission with its receipt. */
    UUID insert(Responses.Submitted r, Responses.Receipt receipt, java.time.LocalDate day) {
        UUID id = UUID.randomUUID();
        int n = r.answers().size();
        String[] items = new String[n];
        Long[] targets = new Long[n];
        Integer[] values = new Integer[n];
        int k = 0;
        for (Map.Entry<AnswerKey, Integer> a : r.answers().entrySet()) {
            items[k] = a.getKey().item();
            targets[k] = a.getKey().target();
            values[k++] = a.getValue();
        }
        int m = r.comments().size();
        String[] relationships = new String[m];
        Long[] commentTargets = new Long[m];
        String[] bodies = new String[m];
        k = 0;
        for (Map.Entry<CommentKey, String> c : r.comments().entrySet()) {
            relationships[k] = c.getKey().relationship().name();
            commentTargets[k] = c.getKey().target();
            bodies[k++] = c.getValue();
        }
        String sql = """
                    with r as (
                      insert into response (id, window_id, respondent_role, class_id, submitted_on, language)
                      values (?, ?, ?, ?, coalesce(cast(? as date), current_date), ?) returning id),
                    a as (
                      insert into answer (response_id, item_id, target_staff, value)
                      select r.id, t.item, t.target, t.value from r, unnest(?::text[], ?::bigint[], ?::smallint[]) as t(item, target, value)),
                    c as (
                      insert into comment (response_id, relationship, target_staff, body)
                      select r.id, t.relationship, t.target, t.body from r, unnest(?::text[], ?::bigint[], ?::text[]) as t(relationship, target, body)
                      returning 1)
                    """ + (receipt == null ? "select count(*) from c" : """
                    insert into submission_receipt (idempotency_key, code_hash, receipt, received_on)
                    values (?, ?, ?, current_date)""");
        arrays.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                ps.setLong(2, r.windowId());
                ps.setString(3, r.role().name());
                ps.setObject(4, r.classId(), Types.BIGINT);
                ps.setObject(5, day, Types.DATE);
                ps.setString(6, r.language());
                ps.setArray(7, c.createArrayOf("text", items));
                ps.setArray(8, c.createArrayOf("bigint", targets));
                ps.setArray(9, c.createArrayOf("smallint", values));
                ps.setArray(10, c.createArrayOf("text", relationships));
                ps.setArray(11, c.createArrayOf("bigint", commentTargets));
                ps.setArray(12, c.createArrayOf("text", bodies));
                if (receipt != null) {
                    ps.setString(13, receipt.idempotencyKey());
                    ps.setBytes(14, receipt.codeHash());
                    ps.setString(15, receipt.text());
                }
                ps.execute();
            }
            return null;
        });
        return id;
    }

    java.util.Optional<Responses.Receipt> receipt(String idempotencyKey) {
        return jdbc.sql("select idempotency_key, code_hash, receipt from submission_receipt where idempotency_key = ?")
                .param(idempotencyKey)
                .query((rs, n) -> new Responses.Receipt(rs.getString(1), rs.getBytes(2), rs.getString(3)))
                .optional();
    }

    List<AnswerRow> answers(Collection<Long> windowIds) {
        return answersWhere("r.window_id = any(?)", windowIds.toArray(Long[]::new));
    }

    List<AnswerRow> answersOf(Collection<UUID> responseIds) {
        return answersWhere("r.id = any(?)", responseIds.toArray(UUID[]::new));
    }

    /**
     * Answer rows through a cursor, {@link #FETCH} at a time (the driver otherwise holds the whole result, 5 million
     * rows at 300 schools, before the first is read), sharing what repeats: a response's id, class and teacher
     * objects across its rows and each item's id across all rows: about 40 bytes a row instead of 160.
     */
    private List<AnswerRow> answersWhere(String condition, Object[] values) {
        String sql = "select r.id, r.window_id, r.class_id, a.target_staff, a.item_id, a.value "
                + "from answer a join response r on r.id = a.response_id "
                + "where " + condition + " order by r.id, a.target_staff nulls first, a.item_id";
        List<AnswerRow> out = new ArrayList<>();
        Map<String, String> items = new HashMap<>();
        Map<Long, Long> longs = new HashMap<>();
        java.util.function.UnaryOperator<Long> shared = v -> v == null ? null : longs.computeIfAbsent(v, x -> x);
        reading.executeWithoutResult(tx -> arrays.query(connection -> {
            java.sql.PreparedStatement ps = connection.prepareStatement(sql);
            ps.setFetchSize(FETCH);
            ps.setArray(1, connection.createArrayOf(values instanceof UUID[] ? "uuid" : "bigint", values));
            return ps;
        }, (java.sql.ResultSet rs) -> {
            UUID response = rs.getObject(1, UUID.class);
            AnswerRow last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.response().equals(response)) {
                response = last.response();
            }
            out.add(new AnswerRow(response, rs.getLong(2), shared.apply(rs.getObject(3, Long.class)), shared.apply(rs.getObject(4, Long.class)),
                    items.computeIfAbsent(rs.getString(5), i -> i), rs.getInt(6)));
        }));
        return out;
    }

    Map<java.util.UUID, String> languages(Collection<Long> windowIds) {
        Map<java.util.UUID, String> out = new HashMap<>();
        jdbc.sql("select id, language from response where window_id = any(?) and language is not null")
                .param(windowIds.toArray(Long[]::new))
                .query(rs -> {
                    out.put(rs.getObject(1, java.util.UUID.class), rs.getString(2));
                });
        return out;
    }

    Map<Long, Long> countByWindow(Collection<Long> windowIds) {
        Map<Long, Long> counts = new HashMap<>();
        jdbc.sql("select window_id, count(*) from response where window_id = any(?) group by window_id")
                .param(windowIds.toArray(Long[]::new))
                .query(rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                });
        return counts;
    }

    List<Responses.Comment> comments(Collection<Long> windowIds, Relationship relationship, Long target) {
        return jdbc.sql("""
                select c.response_id, c.target_staff, c.body from comment c join response r on r.id = c.response_id
                where r.window_id = any(?) and c.relationship = ? and (cast(? as bigint) is null or c.target_staff = ?)""")
                .params(windowIds.toArray(Long[]::new), relationship.name(), target, target)
                .query((rs, n) -> new Responses.Comment(rs.getObject(1, UUID.class), rs.getObject(2, Long.class), rs.getString(3)))
                .list();
    }

    /** Deletes a window's responses with their answers, comments, scores and batches; returns how many of each went. */
    Map<String, Integer> deleteWindow(long windowId) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        counts.put("answers", jdbc.sql("select count(*) from answer a join response r on r.id = a.response_id where r.window_id = ?")
                .param(windowId).query(Integer.class).single());
        counts.put("comments", jdbc.sql("select count(*) from comment c join response r on r.id = c.response_id where r.window_id = ?")
                .param(windowId).query(Integer.class).single());
        counts.put("responses", jdbc.sql("delete from response where window_id = ?").param(windowId).update());
        return counts;
    }

    /** The windows with answers or comments about this member of staff, with how many of each. */
    Responses.About about(long staffId) {
        java.util.Set<Long> windows = new java.util.TreeSet<>(jdbc.sql("""
                select r.window_id from answer a join response r on r.id = a.response_id where a.target_staff = ?
                union select r.window_id from comment c join response r on r.id = c.response_id where c.target_staff = ?""")
                .params(staffId, staffId).query(Long.class).list());
        return new Responses.About(windows, jdbc.sql("select count(distinct response_id) from answer where target_staff = ?").param(staffId)
                .query(Integer.class).single(),
                jdbc.sql("select count(*) from comment where target_staff = ?").param(staffId).query(Integer.class).single());
    }

    /** Answers and comments about {@code from} become about {@code into}; answers how many of each. */
    Responses.About moveAbout(long from, long into) {
        Responses.About before = about(from);
        jdbc.sql("update answer set target_staff = ? where target_staff = ?").params(into, from).update();
        jdbc.sql("update comment set target_staff = ? where target_staff = ?").params(into, from).update();
        return before;
    }

    int deleteReceipts(Collection<byte[]> codeHashes) {
        int n = 0;
        for (byte[] hash : codeHashes) {
            n += jdbc.sql("delete from submission_receipt where code_hash = ?").param(hash).update();
        }
        return n;
    }
}

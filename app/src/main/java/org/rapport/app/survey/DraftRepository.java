package org.rapport.app.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the table survey_draft: a draft as JSON (plan, answers, comments, language, part reached) under its code's
 * hash, the day it was last saved and nothing else. Keys are written as text ({@code item@teacher}, {@code RELATIONSHIP@teacher}).
 * A timetable pupil's draft (its plan names their teachers, so their set of classes) is kept sealed instead
 * (column sealed), as the parts of their submission are, with the hash of its device's key ({@link DraftHolder}).
 */
@Repository
class DraftRepository {
    private static final String COLUMNS = "answers::text, sealed";
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final org.rapport.app.config.Sealer sealer;

    DraftRepository(JdbcClient jdbc, ObjectMapper json, org.rapport.app.config.Sealer sealer) {
        this.jdbc = jdbc;
        this.json = json;
        this.sealer = sealer;
    }

    private Draft row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        byte[] sealed = rs.getBytes(2);
        return read(sealed != null ? sealer.openText(sealed) : rs.getString(1));
    }

    /** The draft as stored: keys as text; {@code reached} null in a draft saved before it was kept (no part reached). */
    record Stored(SurveyPlan plan, Map<String, Integer> answers, Map<String, String> comments, String language, String holder,
                  Integer reached) {
    }

    Optional<Draft> find(byte[] hash) {
        return jdbc.sql("select " + COLUMNS + " from survey_draft where code_hash = ?").param(hash).query(this::row).optional();
    }

    /** The draft, its row locked until the transaction ends (saves of one code go one after another). */
    Optional<Draft> lock(byte[] hash) {
        return jdbc.sql("select " + COLUMNS + " from survey_draft where code_hash = ? for update").param(hash).query(this::row).optional();
    }

    /** Removes and returns the draft. */
    Optional<Draft> take(byte[] hash) {
        return jdbc.sql("delete from survey_draft where code_hash = ? returning " + COLUMNS).param(hash).query(this::row).optional();
    }

    void save(byte[] hash, Draft draft) {
        String text = write(draft);
        boolean seal = draft.plan().inParts();
        jdbc.sql("""
                insert into survey_draft (code_hash, answers, sealed, saved_on) values (?, cast(? as jsonb), ?, current_date)
                on conflict (code_hash) do update set answers = excluded.answers, sealed = excluded.sealed, saved_on = excluded.saved_on""")
                .params(hash, seal ? null : text, seal ? sealer.sealText(text) : null).update();
    }

    private String write(Draft draft) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        draft.answers().forEach((k, v) -> answers.put(k.toString(), v));
        Map<String, String> comments = new LinkedHashMap<>();
        draft.comments().forEach((k, v) -> comments.put(k.toString(), v));
        try {
            return json.writeValueAsString(new Stored(draft.plan(), answers, comments, draft.language(), draft.holder(),
                    draft.reached()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Draft read(String text) {
        Stored stored;
        try {
            stored = json.readValue(text, Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored draft cannot be read", e);
        }
        Map<AnswerKey, Integer> answers = new LinkedHashMap<>();
        if (stored.answers() != null) {
            stored.answers().forEach((k, v) -> answers.put(AnswerKey.parse(k).orElseThrow(), v));
        }
        Map<CommentKey, String> comments = new LinkedHashMap<>();
        if (stored.comments() != null) {
            stored.comments().forEach((k, v) -> comments.put(CommentKey.parse(k).orElseThrow(), v));
        }
        return new Draft(stored.plan(), answers, comments, stored.language(), stored.holder(),
                stored.reached() == null ? 0 : stored.reached());
    }

    /** Those of these code hashes that have a draft, in one statement. */
    java.util.List<byte[]> existing(java.util.Collection<byte[]> hashes) {
        return jdbc.sql("select code_hash from survey_draft where code_hash = any(?)").param(hashes.toArray(byte[][]::new))
                .query(byte[].class).list();
    }

    int delete(java.util.Collection<byte[]> hashes) {
        int n = 0;
        for (byte[] hash : hashes) {
            n += jdbc.sql("delete from survey_draft where code_hash = ?").param(hash).update();
        }
        return n;
    }
}

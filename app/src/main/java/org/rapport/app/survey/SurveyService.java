package org.rapport.app.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.rapport.app.access.AccessCode;
import org.rapport.app.access.CodeAttemptLimiter;
import org.rapport.app.access.CodeHasher;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemDraw;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.SchoolRepository;
import org.rapport.app.school.StaffMember;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Taking a survey with an access code: starting (or resuming) it, saving a draft as answers come
 * in, and submitting once. A submission marks the code used, stores the answers with no link to the
 * code and deletes the draft in one transaction; a retry with the same idempotency key gets the
 * same acknowledgement.
 */
@Service
public class SurveyService {
    public static final int MAX_ANSWERS = 400;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[A-Za-z0-9_-]{16,80}$");

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;
    private final CodeHasher hasher;
    private final CodeAttemptLimiter limiter;
    private final WindowRepository windows;
    private final SchoolRepository schools;
    private final ItemBank bank;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public SurveyService(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, CodeHasher hasher,
                         CodeAttemptLimiter limiter, WindowRepository windows, SchoolRepository schools, ItemBank bank,
                         ObjectMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.hasher = hasher;
        this.limiter = limiter;
        this.windows = windows;
        this.schools = schools;
        this.bank = bank;
        this.json = json;
    }

    /** A survey in progress: its context, its plan and the answers and comments saved so far. */
    public record Session(CodeContext context, SurveyPlan plan, Map<String, Integer> answers, Map<String, String> comments) {
    }

    record Draft(SurveyPlan plan, Map<String, Integer> answers, Map<String, String> comments) {
        Draft {
            comments = comments == null ? new LinkedHashMap<>() : comments;
        }

        Draft(SurveyPlan plan) {
            this(plan, new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        Session session(CodeContext context) {
            return new Session(context, plan, answers, comments);
        }
    }

    /** The longest comment kept, in characters. */
    public static final int MAX_COMMENT = 500;

    /** A code typed by a person: rate-limited per client, then checked. */
    public String enterCode(String typed, String client) {
        limiter.attempt(client);
        return AccessCode.normalise(typed).orElseThrow(() -> new InvalidInputException("code",
                "A code has 10 letters and numbers, like ABCDE-23456. Please check it and try again."));
    }

    /** Opens the survey for a canonical code, creating its draft on first use. */
    @Transactional
    public Session start(String code) {
        CodeContext context = context(code);
        Draft draft = loadDraft(context.codeHash());
        if (draft == null) {
            draft = new Draft(plan(context));
            storeDraft(context.codeHash(), draft);
        }
        return draft.session(context);
    }

    /** The current session for a code that was entered before (no rate limit: the code is known good). */
    @Transactional(readOnly = true)
    public Session resume(String code) {
        CodeContext context = context(code);
        Draft draft = loadDraft(context.codeHash());
        if (draft == null) {
            throw new ConflictException("code", "This survey has not been started with this code yet.");
        }
        return draft.session(context);
    }

    public Session saveDraft(String code, Map<String, Integer> answers) {
        return saveDraft(code, answers, null);
    }

    /** Merges answers and comments into the draft; a null answer or a blank comment clears it. */
    @Transactional
    public Session saveDraft(String code, Map<String, Integer> answers, Map<String, String> comments) {
        CodeContext context = context(code);
        Draft draft = jdbc.sql("select answers from survey_draft where code_hash = ? for update")
                .param(context.codeHash()).query(String.class).optional().map(this::readDraft).orElse(null);
        if (draft == null) {
            draft = new Draft(plan(context));
        }
        Draft saved = new Draft(draft.plan(), merge(draft, answers), mergeComments(draft, comments));
        storeDraft(context.codeHash(), saved);
        return saved.session(context);
    }

    /**
     * Submits the draft, with {@code answers} merged in. Exactly one submission per code wins; a retry
     * with the same key returns the first acknowledgement.
     */
    public Acknowledgement submit(String code, String idempotencyKey, Map<String, Integer> answers) {
        return submit(code, idempotencyKey, answers, null);
    }

    @Transactional
    public Acknowledgement submit(String code, String idempotencyKey, Map<String, Integer> answers, Map<String, String> comments) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidInputException("Idempotency-Key",
                    "send a unique key of 16 to 80 letters, digits, - or _ (a UUID will do) with each submission");
        }
        byte[] hash = hasher.hash(code);
        // claim the code in one statement: only an unused code of an open window (the row lock orders racing submissions)
        record Claim(long windowId, RespondentRole role, Long classId) {
        }
        Claim claim = jdbc.sql("""
                update access_code ac set used = true from survey_window w
                where ac.code_hash = ? and not ac.used and w.id = ac.window_id and w.status = 'OPEN'
                returning ac.window_id, ac.respondent_role, ac.class_id""")
                .param(hash)
                .query((rs, n) -> new Claim(rs.getLong(1), RespondentRole.valueOf(rs.getString(2)), rs.getObject(3, Long.class)))
                .optional().orElse(null);
        if (claim == null) {
            // used meanwhile: if by this very submission (same key), acknowledge it again; else say why
            Acknowledgement ours = receipt(idempotencyKey, hash);
            if (ours != null) {
                return ours;
            }
            context(code);
            throw usedCode();
        }
        Draft draft = jdbc.sql("delete from survey_draft where code_hash = ? returning answers").param(hash).query(String.class)
                .optional().map(this::readDraft).orElse(null);
        if (draft == null) {
            var window = windows.find(claim.windowId()).orElseThrow();
            draft = new Draft(plan(new CodeContext(hash, window, claim.role(), claim.classId(), null)));
        }
        Map<String, Integer> all = merge(draft, answers);
        Map<String, String> allComments = mergeComments(draft, comments);
        Acknowledgement ack = new Acknowledgement(receiptNumber(), all.size(),
                "Thank you! Your answers have been saved. Nobody can see who gave them.");
        try {
            store(claim.windowId(), claim.role(), claim.classId(), all, allComments, idempotencyKey, hash, ack);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // rolls the claim back too
            throw new ConflictException("Idempotency-Key", "this key was already used for another submission; send a new key");
        }
        return ack;
    }

    /** The response, its answers and comments and the receipt in one statement (one round trip to the database). */
    private void store(long windowId, RespondentRole role, Long classId, Map<String, Integer> answers, Map<String, String> comments,
                       String key, byte[] hash, Acknowledgement ack) {
        int n = answers.size();
        String[] items = new String[n];
        Long[] targets = new Long[n];
        Integer[] values = new Integer[n];
        int k = 0;
        for (Map.Entry<String, Integer> a : answers.entrySet()) {
            String[] parts = a.getKey().split("@");
            items[k] = parts[0];
            targets[k] = parts.length > 1 ? Long.valueOf(parts[1]) : null;
            values[k++] = a.getValue();
        }
        String[] commentRelationships = new String[comments.size()];
        Long[] commentTargets = new Long[comments.size()];
        String[] bodies = new String[comments.size()];
        k = 0;
        for (Map.Entry<String, String> c : comments.entrySet()) {
            String[] parts = c.getKey().split("@");
            commentRelationships[k] = parts[0];
            commentTargets[k] = parts.length > 1 ? Long.valueOf(parts[1]) : null;
            bodies[k++] = c.getValue();
        }
        String receipt = write(ack);
        batch.execute((java.sql.Connection c) -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("""
                    with r as (
                      insert into response (id, window_id, respondent_role, class_id, submitted_on)
                      values (?, ?, ?, ?, current_date) returning id),
                    a as (
                      insert into answer (response_id, item_id, target_staff, value)
                      select r.id, t.item, t.target, t.value from r, unnest(?::text[], ?::bigint[], ?::smallint[]) as t(item, target, value)),
                    c as (
                      insert into comment (response_id, relationship, target_staff, body)
                      select r.id, t.relationship, t.target, t.body from r, unnest(?::text[], ?::bigint[], ?::text[]) as t(relationship, target, body))
                    insert into submission_receipt (idempotency_key, code_hash, receipt, received_on)
                    values (?, ?, ?, current_date)""")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setLong(2, windowId);
                ps.setString(3, role.name());
                ps.setObject(4, classId, java.sql.Types.BIGINT);
                ps.setArray(5, c.createArrayOf("text", items));
                ps.setArray(6, c.createArrayOf("bigint", targets));
                ps.setArray(7, c.createArrayOf("smallint", values));
                ps.setArray(8, c.createArrayOf("text", commentRelationships));
                ps.setArray(9, c.createArrayOf("bigint", commentTargets));
                ps.setArray(10, c.createArrayOf("text", bodies));
                ps.setString(11, key);
                ps.setBytes(12, hash);
                ps.setString(13, receipt);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Acknowledgement receipt(String key, byte[] hash) {
        return jdbc.sql("select code_hash, receipt from submission_receipt where idempotency_key = ?").param(key)
                .query((rs, n) -> {
                    if (!java.util.Arrays.equals(rs.getBytes(1), hash)) {
                        throw new ConflictException("Idempotency-Key", "this key was already used for another submission; send a new key");
                    }
                    return read(rs.getString(2), Acknowledgement.class);
                })
                .optional().orElse(null);
    }

    private String receiptNumber() {
        byte[] b = new byte[5];
        random.nextBytes(b);
        StringBuilder sb = new StringBuilder("R-");
        for (byte x : b) {
            sb.append(AccessCode.ALPHABET.charAt((x & 0xFF) % AccessCode.ALPHABET.length()));
        }
        return sb.toString();
    }

    /** The keyed hash of a canonical code. */
    public byte[] hash(String code) {
        return hasher.hash(code);
    }

    /** What a code opens, in one query; an unknown code counts against the shared limit on guesses. */
    CodeContext context(String code) {
        byte[] hash = hasher.hash(code);
        record Row(SurveyWindow window, String role, Long classId, boolean used, String school) {
        }
        Row row = jdbc.sql("""
                select w.id, w.school_id, w.name, w.status, w.item_bank, w.opened_on, w.closed_on,
                       ac.respondent_role, ac.class_id, ac.used, s.name
                from access_code ac join survey_window w on w.id = ac.window_id join school s on s.id = w.school_id
                where ac.code_hash = ?""")
                .param(hash)
                .query((rs, n) -> {
                    SurveyWindow window = WindowRepository.map(rs, n);
                    long classId = rs.getLong(9);
                    return new Row(window, rs.getString(8), rs.wasNull() ? null : classId, rs.getBoolean(10), rs.getString(11));
                })
                .optional()
                .orElse(null);
        if (row == null) {
            limiter.failed();
            throw new InvalidInputException("code",
                    "We don't recognise this code. Please check it; if it still doesn't work, ask for a new one.");
        }
        if (row.used()) {
            throw usedCode();
        }
        if (!row.window().isOpen()) {
            throw new ConflictException("code", row.window().status() == SurveyWindow.Status.DRAFT
                    ? "This survey has not opened yet. Please try again when your school says it is open."
                    : "This survey has closed. Thank you for your interest!");
        }
        return new CodeContext(hash, row.window(), RespondentRole.valueOf(row.role()), row.classId(), row.school());
    }

    private static ConflictException usedCode() {
        return new ConflictException("code", "This code has already been used, so the answers are in. Thank you for taking part!");
    }

    /** The blocks for this code, items drawn per facet with a seed from the code's hash, so every retry draws the same. */
    SurveyPlan plan(CodeContext context) {
        List<SurveyPlan.Block> blocks = new ArrayList<>();
        Random seeded = new Random(ByteBuffer.wrap(context.codeHash()).getLong());
        for (Relationship relationship : context.role().relationships()) {
            if (relationship.perTarget()) {
                List<StaffMember> teachers = context.classId() == null ? List.of() : schools.teachersOf(context.classId());
                List<List<String>> drawn = ItemDraw.blocks(bank, relationship, teachers.size(), seeded);
                for (int t = 0; t < teachers.size(); t++) {
                    blocks.add(new SurveyPlan.Block(relationship, teachers.get(t).id(), teachers.get(t).name(), drawn.get(t)));
                }
            } else {
                blocks.add(new SurveyPlan.Block(relationship, null, null, ItemDraw.blocks(bank, relationship, 1, seeded).get(0)));
            }
        }
        return new SurveyPlan(blocks);
    }

    private Map<String, Integer> merge(Draft draft, Map<String, Integer> answers) {
        Map<String, Integer> merged = new LinkedHashMap<>(draft.answers());
        if (answers == null) {
            return merged;
        }
        if (answers.size() > MAX_ANSWERS) {
            throw new InvalidInputException("answers", "at most " + MAX_ANSWERS + " answers per request");
        }
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, Integer> a : answers.entrySet()) {
            String key = a.getKey();
            if (!draft.plan().hasKey(key)) {
                String item = key == null ? "" : key.split("@")[0];
                errors.add(new InvalidInputException.FieldError("answers." + abbreviate(key),
                        bank.item(item).isPresent() ? "this question is not part of your survey" : "there is no such question"));
            } else if (a.getValue() == null) {
                merged.remove(key);
            } else if (a.getValue() < 0 || a.getValue() > Item.MAX_VALUE) {
                errors.add(new InvalidInputException.FieldError("answers." + key,
                        "an answer is one of the options 0 to " + Item.MAX_VALUE + ", not " + a.getValue()));
            } else {
                merged.put(key, a.getValue());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, errors);
        }
        return merged;
    }

    /** Comments of the plan's blocks, control characters out, at most {@link #MAX_COMMENT} characters each. */
    private Map<String, String> mergeComments(Draft draft, Map<String, String> comments) {
        Map<String, String> merged = new LinkedHashMap<>(draft.comments());
        if (comments == null) {
            return merged;
        }
        if (comments.size() > draft.plan().blocks().size()) {
            throw new InvalidInputException("comments", "at most one comment per part of the survey");
        }
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String> c : comments.entrySet()) {
            String key = c.getKey();
            String text = c.getValue() == null ? "" : c.getValue().replaceAll("[\\p{Cntrl}&&[^\n]]", " ").strip();
            if (!draft.plan().hasCommentKey(key)) {
                errors.add(new InvalidInputException.FieldError("comments." + abbreviate(key), "this part of your survey takes no comment"));
            } else if (text.codePointCount(0, text.length()) > MAX_COMMENT) {
                errors.add(new InvalidInputException.FieldError("comments." + key,
                        "a comment is at most " + MAX_COMMENT + " characters; this one has " + text.codePointCount(0, text.length())));
            } else if (text.isEmpty()) {
                merged.remove(key);
            } else {
                merged.put(key, text);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, errors);
        }
        return merged;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private Draft loadDraft(byte[] hash) {
        return jdbc.sql("select answers from survey_draft where code_hash = ?").param(hash).query(String.class)
                .optional().map(this::readDraft).orElse(null);
    }

    private Draft readDraft(String text) {
        return read(text, Draft.class);
    }

    private void storeDraft(byte[] hash, Draft draft) {
        jdbc.sql("""
                insert into survey_draft (code_hash, answers, saved_on) values (?, cast(? as jsonb), current_date)
                on conflict (code_hash) do update set answers = excluded.answers, saved_on = excluded.saved_on""")
                .params(hash, write(draft)).update();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.rapport.app.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Optional;
import org.rapport.app.web.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the table submission_receipt: what a submission was acknowledged with, by its idempotency key,
 * so that a retry gets the same acknowledgement. Holds no answers and no response id.
 */
@Repository
class ReceiptRepository {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ReceiptRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The acknowledgement given for this key, if the key was used for this code; 409 if for another. */
    Optional<Acknowledgement> find(String key, byte[] hash) {
        return jdbc.sql("select code_hash, receipt from submission_receipt where idempotency_key = ?").param(key)
                .query((rs, n) -> {
                    if (!Arrays.equals(rs.getBytes(1), hash)) {
                        throw keyUsed();
                    }
                    return read(rs.getString(2));
                })
                .optional();
    }

    /** Stores the acknowledgement; a key already used answers 409 (and the caller's transaction rolls back). */
    void save(String key, byte[] hash, Acknowledgement ack) {
        try {
            jdbc.sql("insert into submission_receipt (idempotency_key, code_hash, receipt, received_on) values (?, ?, ?, current_date)")
                    .params(key, hash, json.writeValueAsString(ack)).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw keyUsed();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConflictException keyUsed() {
        return new ConflictException("Idempotency-Key", "this key was already used for another submission; send a new key");
    }

    private Acknowledgement read(String text) {
        try {
            return json.readValue(text, Acknowledgement.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

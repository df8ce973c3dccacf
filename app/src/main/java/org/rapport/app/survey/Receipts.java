package org.rapport.app.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Optional;
import org.rapport.app.response.Responses;
import org.rapport.app.web.ConflictException;
import org.springframework.stereotype.Component;

/** Acknowledgements as receipts: written as JSON with the response, read back for a retry with the same key. */
@Component
class Receipts {
    private final Responses responses;
    private final ObjectMapper json;

    Receipts(Responses responses, ObjectMapper json) {
        this.responses = responses;
        this.json = json;
    }

    /** The receipt of a submission of this code under {@code key}. */
    Responses.Receipt of(String key, byte[] codeHash, Acknowledgement ack) {
        try {
            return new Responses.Receipt(key, codeHash, json.writeValueAsString(ack));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The acknowledgement given for this key, if the key was used for this code; 409 if for another. */
    Optional<Acknowledgement> find(String key, byte[] codeHash) {
        return responses.receipt(key).map(r -> {
            if (!Arrays.equals(r.codeHash(), codeHash)) {
                throw keyUsed();
            }
            try {
                return json.readValue(r.text(), Acknowledgement.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The acknowledgement given for this key, whichever code it was for, with that code's hash (to clear its draft's copy). */
    Optional<Sent> find(String key) {
        return responses.receipt(key).map(r -> {
            try {
                return new Sent(json.readValue(r.text(), Acknowledgement.class), r.codeHash());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A submission's acknowledgement and its code's hash. */
    record Sent(Acknowledgement ack, byte[] codeHash) {
    }

    static ConflictException keyUsed() {
        return new ConflictException("Idempotency-Key", "this key was already used for another submission; send a new key");
    }
}

package org.rapport.app.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The key of the device a timetable pupil's survey was started on. Such a survey names the pupil's teachers, so their
 * set of classes, which is often theirs alone: whoever else holds the code (the slips were printed by an admin) must not
 * get it back, with its answers and comments. The device gets a random key when the pupil chooses their classes (a
 * cookie of that code on the survey's pages, so that pupils taking turns on one computer each keep theirs; the
 * {@code Draft-Key} header over the API); the draft keeps its SHA-256 only, sealed with
 * the rest of it. Another device that opens the code learns only that a survey was started, and may start again,
 * which deletes what was saved.
 */
final class DraftHolder {
    static final String COOKIE = "rapport_draft";
    static final String HEADER = "Draft-Key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DraftHolder() {
    }

    /** A new key: 32 random bytes, URL-safe Base64. */
    static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** What a draft keeps of a key. */
    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code key} (null: none sent) is the key of the device that holds {@code draft}; a draft held by none is anyone's. */
    static boolean holds(Draft draft, String key) {
        if (draft.holder() == null) {
            return true;
        }
        return key != null && key.length() <= 100
                && MessageDigest.isEqual(draft.holder().getBytes(StandardCharsets.US_ASCII), hash(key).getBytes(StandardCharsets.US_ASCII));
    }
}

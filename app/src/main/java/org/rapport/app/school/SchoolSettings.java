package org.rapport.app.school;

import java.util.Optional;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.springframework.stereotype.Service;

/** What a school sets for itself: for now, what its pupils are told about whom to talk to. */
@Service
public class SchoolSettings {
    /** About a paragraph: who, where, and a helpline. */
    public static final int MAX_SUPPORT_TEXT = 1000;
    private final SchoolRepository schools;
    private final SchoolAccess access;

    SchoolSettings(SchoolRepository schools, SchoolAccess access) {
        this.schools = schools;
        this.access = access;
    }

    /** The school's own words for the end of a pupil's survey, if it has set them. */
    public Optional<String> supportText(long schoolId) {
        return schools.supportText(schoolId);
    }

    /** The key of the school's public pages (its "you said, we did"): random, made at first use. */
    public String publicKey(long schoolId) {
        byte[] b = new byte[12];
        new java.security.SecureRandom().nextBytes(b);
        return schools.publicKey(schoolId, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** The school's public key if it has one (made when it first publishes a page), without making one. */
    public Optional<String> existingPublicKey(long schoolId) {
        return schools.existingPublicKey(schoolId);
    }

    /** The school with this public key, if any. */
    public Optional<School> byPublicKey(String key) {
        if (key == null || key.length() > 40) {
            return Optional.empty();
        }
        return schools.schoolByPublicKey(key).flatMap(schools::find);
    }

    public void setSupportText(StaffUser user, long schoolId, String text) {
        School school = access.manage(user, schoolId);
        // pupils read it on every survey page
        org.rapport.app.web.ControlCharacters.refuseBidi("supportText", text);
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.length() > MAX_SUPPORT_TEXT) {
            throw new InvalidInputException("supportText", "write at most " + MAX_SUPPORT_TEXT + " characters");
        }
        schools.setSupportText(school.id(), trimmed.isEmpty() ? null : trimmed);
    }

    /** Allowed retention periods, in days: a month at least (a school must have time to read its results), ten years at most. */
    public static final int MIN_RETENTION_DAYS = 30;
    public static final int MAX_RETENTION_DAYS = 3650;

    public Optional<Integer> retentionDays(long networkId) {
        return schools.retentionDays(networkId);
    }

    /** A network admin sets how long raw answers are kept after a window closes; null keeps them until a school deletes them. */
    /** Only the network's admins set how long raw answers are kept (403 for anyone else). */
    public void mayChangeRetention(StaffUser user) {
        if (!user.isNetworkAdmin()) {
            throw new org.springframework.security.access.AccessDeniedException("network admins only");
        }
    }

    public void setRetentionDays(StaffUser user, Integer days) {
        mayChangeRetention(user);
        if (days != null && (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS)) {
            throw new InvalidInputException("retentionDays", "give a number of days from " + MIN_RETENTION_DAYS + " to " + MAX_RETENTION_DAYS
                    + ", or none to keep raw answers until a school deletes them");
        }
        schools.setRetentionDays(user.networkId(), days);
    }

    public java.util.Map<Long, Integer> retentionPeriods() {
        return schools.retentionPeriods();
    }

    public boolean passwordSignIn(long networkId) {
        return schools.passwordSignIn(networkId);
    }

    /**
     * A network admin switches password sign-in off (single sign-on only) or on again. Off needs an
     * OpenID Connect provider, or nobody could sign in.
     */
    public void setPasswordSignIn(StaffUser user, boolean allowed, boolean singleSignOnConfigured) {
        if (!user.isNetworkAdmin()) {
            throw new org.springframework.security.access.AccessDeniedException("network admins only");
        }
        if (!allowed && !singleSignOnConfigured) {
            throw new InvalidInputException("passwordSignIn", "set up single sign-on (RAPPORT_OIDC_*) first: without it and without "
                    + "passwords nobody could sign in");
        }
        schools.setPasswordSignIn(user.networkId(), allowed);
    }
}

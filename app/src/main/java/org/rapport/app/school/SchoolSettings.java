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
    private final OfferedLanguages languages;

    SchoolSettings(SchoolRepository schools, SchoolAccess access, OfferedLanguages languages) {
        this.schools = schools;
        this.access = access;
        this.languages = languages;
    }

    /**
     * The school's own words for the end of a pupil's survey in every language without a text of its own, if it has set
     * them.
     */
    public Optional<String> supportText(long schoolId) {
        return schools.supportText(schoolId);
    }

    /** The school's texts for languages of their own, by language tag: the other languages read {@link #supportText}. */
    public java.util.Map<String, String> supportTexts(long schoolId) {
        return schools.supportTexts(schoolId);
    }

    /**
     * What a pupil is shown: {@code text}, in {@code language} when it is the school's text for that language, or with
     * {@code language} null when it is the school's one text for every language (whose language nobody said).
     */
    public record SupportText(String text, String language) {
    }

    /** A language's name in itself, as the form labels the language's text. */
    public String languageName(String tag) {
        return languages.nameOf(tag);
    }

    /** What a pupil taking the survey in {@code language} reads: the school's text of that language, else its one text. */
    public Optional<SupportText> supportFor(long schoolId, String language) {
        if (language != null) {
            Optional<String> own = schools.supportText(schoolId, language);
            if (own.isPresent()) {
                return own.map(t -> new SupportText(t, language));
            }
        }
        return schools.supportText(schoolId).map(t -> new SupportText(t, null));
    }

    /**
     * Checks a school's support texts before anything is saved: each at most {@link #MAX_SUPPORT_TEXT} characters without
     * a bidirectional control, each language one on offer. The first fault is thrown (400), naming its field
     * ({@code supportText}, or {@code supportTexts.ar} for the Arabic text).
     */
    public void checkSupportTexts(String text, java.util.Map<String, String> byLanguage) {
        checkText("supportText", text);
        if (byLanguage == null) {
            return;
        }
        java.util.List<String> offered = languages.offeredTags();
        for (java.util.Map.Entry<String, String> e : byLanguage.entrySet()) {
            if (e.getKey() == null || !offered.contains(e.getKey())) {
                String given = e.getKey() == null ? "" : InvalidInputException.abbreviate(e.getKey(), 20);
                throw new InvalidInputException("supportTexts." + given, "'" + given + "' is not a language the survey is offered in; "
                        + "give a text for any of " + String.join(", ", offered));
            }
            checkText("supportTexts." + e.getKey(), e.getValue());
        }
    }

    private static void checkText(String field, String text) {
        // pupils read it on the survey's last page and after sending
        org.rapport.app.web.ControlCharacters.refuseBidi(field, text);
        if (text != null && text.strip().length() > MAX_SUPPORT_TEXT) {
            throw new InvalidInputException(field, "write at most " + MAX_SUPPORT_TEXT + " characters");
        }
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
        setSupportTexts(user, schoolId, text, null);
    }

    /**
     * Sets the school's one text for every language and, unless {@code byLanguage} is null, replaces its texts for
     * languages of their own with these (a blank one: none for that language). Refused whole, nothing saved, on any fault
     * ({@link #checkSupportTexts}).
     */
    public void setSupportTexts(StaffUser user, long schoolId, String text, java.util.Map<String, String> byLanguage) {
        School school = access.manage(user, schoolId);
        checkSupportTexts(text, byLanguage);
        String trimmed = text == null ? "" : text.strip();
        schools.setSupportText(school.id(), trimmed.isEmpty() ? null : trimmed);
        if (byLanguage != null) {
            java.util.Map<String, String> kept = new java.util.TreeMap<>();
            byLanguage.forEach((language, t) -> {
                if (t != null && !t.isBlank()) {
                    kept.put(language, t.strip());
                }
            });
            schools.setSupportTexts(school.id(), kept);
        }
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

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

    public void setSupportText(StaffUser user, long schoolId, String text) {
        School school = access.manage(user, schoolId);
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.length() > MAX_SUPPORT_TEXT) {
            throw new InvalidInputException("supportText", "write at most " + MAX_SUPPORT_TEXT + " characters");
        }
        schools.setSupportText(school.id(), trimmed.isEmpty() ? null : trimmed);
    }
}

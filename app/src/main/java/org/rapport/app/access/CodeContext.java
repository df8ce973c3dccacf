package org.rapport.app.access;

import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.window.SurveyWindow;

/**
 * What an access code opens: its window, the respondent's role and (for pupils and parents) their class; for a
 * timetable pupil's code, the pattern of classes it was made for ({@code classId} is then the home group).
 */
public record CodeContext(byte[] codeHash, SurveyWindow window, RespondentRole role, Long classId, Long patternId) {

    public CodeContext(byte[] codeHash, SurveyWindow window, RespondentRole role, Long classId) {
        this(codeHash, window, role, classId, null);
    }
}

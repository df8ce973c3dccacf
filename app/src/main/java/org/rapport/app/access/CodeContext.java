package org.rapport.app.access;

import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.window.SurveyWindow;

/**
 * What an access code opens: its window, the respondent's role and (for pupils and parents) their class. A timetable
 * pupil's code is one of their home group's ({@code classId}), and the pupil chooses their classes in the survey
 * ({@code choosesClasses}); a code printed before that, with its set of classes on the slip, carries that set
 * ({@code patternId}).
 */
public record CodeContext(byte[] codeHash, SurveyWindow window, RespondentRole role, Long classId, Long patternId, boolean choosesClasses) {

    public CodeContext(byte[] codeHash, SurveyWindow window, RespondentRole role, Long classId) {
        this(codeHash, window, role, classId, null, false);
    }
}

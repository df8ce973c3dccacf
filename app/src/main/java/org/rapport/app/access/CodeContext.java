package org.rapport.app.access;

import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.window.SurveyWindow;

/** What an access code opens: its window, the respondent's role and (for pupils and parents) their class. */
public record CodeContext(byte[] codeHash, SurveyWindow window, RespondentRole role, Long classId) {
}

package org.rapport.app.survey;

import org.rapport.app.language.NetworkMessageSource;
import org.rapport.app.school.Schools;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Component;

/** Once a code is known, the respondent reads their network's own translation, if it has one. */
@Component
class RespondentNetwork {
    private final Schools schools;

    RespondentNetwork(Schools schools) {
        this.schools = schools;
    }

    void use(SurveyWindow window) {
        schools.find(window.schoolId()).ifPresent(s -> NetworkMessageSource.useNetwork(s.networkId()));
    }
}

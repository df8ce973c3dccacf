package org.rapport.app.survey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.rapport.app.language.NetworkMessageSource;
import org.rapport.app.school.Schools;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Component;

/**
 * Once a code is known, the respondent reads their network's own translation, if it has one. A school's network never
 * changes, so it is looked up once per school and instance, not on every call of a survey (a round trip each save).
 */
@Component
class RespondentNetwork {
    private final Schools schools;
    private final Cache<Long, Optional<Long>> networkOfSchool = Caffeine.newBuilder().maximumSize(100_000).build();

    RespondentNetwork(Schools schools) {
        this.schools = schools;
    }

    void use(SurveyWindow window) {
        Optional<Long> network = networkOfSchool.getIfPresent(window.schoolId());
        if (network == null) {
            network = schools.find(window.schoolId()).map(s -> s.networkId());
            if (network.isPresent()) {
                networkOfSchool.put(window.schoolId(), network);
            }
        }
        network.ifPresent(NetworkMessageSource::useNetwork);
    }
}

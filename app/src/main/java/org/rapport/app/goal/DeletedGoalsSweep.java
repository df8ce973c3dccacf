package org.rapport.app.goal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Once a day: deleted goals past the days they could be restored are removed for good. */
@Component
class DeletedGoalsSweep {
    private final Goals goals;

    DeletedGoalsSweep(Goals goals) {
        this.goals = goals;
    }

    @Scheduled(cron = "${rapport.deleted-goals-cron:0 41 2 * * *}")
    void run() {
        goals.removeLongDeleted();
    }
}

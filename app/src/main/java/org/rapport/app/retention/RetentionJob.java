package org.rapport.app.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every hour: unused codes and drafts past the grace period, then raw answers past the retention period. */
@Component
class RetentionJob {
    private final Retention retention;
    private final Clock clock;

    RetentionJob(Retention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(cron = "${rapport.retention-cron:0 23 * * * *}")
    void run() {
        retention.runJobs(LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault()));
    }
}

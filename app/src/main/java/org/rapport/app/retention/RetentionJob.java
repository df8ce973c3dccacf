package org.rapport.app.retention;

import java.time.LocalDate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every hour: unused codes and drafts past the grace period, then raw answers past the retention period. */
@Component
class RetentionJob {
    private final Retention retention;

    RetentionJob(Retention retention) {
        this.retention = retention;
    }

    @Scheduled(cron = "${rapport.retention-cron:0 23 * * * *}")
    void run() {
        retention.runJobs(LocalDate.now());
    }
}

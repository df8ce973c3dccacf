package org.rapport.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;

/** Classes with the same rate are listed in the order a school counts them: 7A before 10A (it listed 10A first). */
class ClosePreviewOrderTest {
    @Test
    void classesWithTheSameRateComeInTheSchoolsOrder() {
        List<ResponseCounts.RateRow> rates = List.of(new ResponseCounts.RateRow(RespondentRole.PUPIL, "10A", 10, 2),
                new ResponseCounts.RateRow(RespondentRole.PUPIL, "7A", 10, 2), new ResponseCounts.RateRow(RespondentRole.PUPIL, "9B", 10, 2),
                new ResponseCounts.RateRow(RespondentRole.PUPIL, "11C", 10, 9));
        ClosePreview preview = ClosePreview.of(rates, 7, Instant.parse("2026-12-07T12:00:00Z"), Duration.ofDays(7));
        assertThat(preview.lowest().get(RespondentRole.PUPIL)).extracting(ResponseCounts.RateRow::group).containsExactly("7A", "9B", "10A");
    }
}

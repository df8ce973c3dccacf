package org.rapport.app.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift check opens on the newest closed window, not on an open one with its first few answers. */
class DefaultDriftWindowTest {

    static CalibrationViews.Overview overview(List<String> closed, List<String> checkable) {
        return new CalibrationViews.Overview(1, "Spring 2026", "v1", null, List.of(), List.of(), closed, checkable, 2, 6);
    }

    @Test
    void theNewestClosedWindowThatCanBeCheckedComesFirst() {
        // newest first: Autumn is open and has its first answers, Summer closed
        assertThat(overview(List.of("Summer 2026", "Spring 2026"), List.of("Autumn 2026", "Summer 2026")).defaultDriftWindow())
                .isEqualTo("Summer 2026");
        // no closed window to check: the open one, which is all there is
        assertThat(overview(List.of("Spring 2026"), List.of("Autumn 2026")).defaultDriftWindow()).isEqualTo("Autumn 2026");
        assertThat(overview(List.of("Spring 2026"), List.of()).defaultDriftWindow()).isNull();
    }
}

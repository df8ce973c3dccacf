package org.rapport.app.window;

import java.util.List;

/** A survey wave of a network: its schools' windows that share a name, reported and calibrated together. */
public record Wave(String name, List<SurveyWindow> windows) {

    public List<Long> windowIds() {
        return windows.stream().map(SurveyWindow::id).toList();
    }

    /** Whether any school has opened its window of this wave (it may have answers). */
    public boolean opened() {
        return windows.stream().anyMatch(w -> w.status() != SurveyWindow.Status.DRAFT);
    }

    /** Whether any school has closed its window of this wave. */
    public boolean closed() {
        return windows.stream().anyMatch(w -> w.status() == SurveyWindow.Status.CLOSED);
    }
}

package org.rapport.app.calibration;

import java.util.UUID;

/**
 * One respondent's measure on a scale in Rapport points, for one block: a pupil about one teacher
 * ({@code target} that teacher), or a respondent about their school, colleagues, leaders.
 */
public record UnitMeasure(UUID response, Long target, long windowId, Long classId, double points, double standardError,
                          int[] answerCounts) {
}

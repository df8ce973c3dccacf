package org.rapport.app.calibration;

import java.util.UUID;

/**
 * One respondent's measure on a scale in Rapport points, for one block: a pupil about one teacher
 * ({@code target} that teacher), or a respondent about their school, colleagues, leaders. {@code items} has a bit
 * for each of the calibration's items of the scale the block answered (by their order in the calibration; 0 where
 * the scale has more than 64) and {@code score} is the raw score on them, categories merged as calibrated: all a
 * Rasch model needs of the block.
 */
public record UnitMeasure(UUID response, Long target, long windowId, Long classId, double points, double standardError,
                          int[] answerCounts, long items, int score) {
}

package org.rapport.app.measures;

import java.util.UUID;

/**
 * One respondent's measure on a scale in Rapport points, for one block: a pupil about one teacher,
 * or a respondent about their school, colleagues, leaders.
 */
public record UnitMeasure(String member, UUID response, long windowId, long schoolId, Long classId, Long target,
                          double points, double standardError, int[] answerCounts) {
}

package org.rapport.app.school;

import java.util.List;

/**
 * Pupils of a timetable enrolled in exactly these classes ({@code classIds}, sorted, the home group among them):
 * how many, never who. {@code active}: in the school's current roster (an earlier one's are kept for the codes
 * of their windows).
 */
public record PupilPattern(long id, long schoolId, long homeClassId, List<Long> classIds, int pupils, boolean active) {
}

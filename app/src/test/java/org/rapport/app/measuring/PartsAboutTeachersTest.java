package org.rapport.app.measuring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rapport.app.access.Codes;

/**
 * How many of a timetable pupil's classes invite answers about teachers, as the survey plans a pupil's parts: a
 * tutor who also teaches the pupil maths is asked about once, in the tutor group, so the maths set carries no part.
 */
class PartsAboutTeachersTest {
    static final long TUTOR_GROUP = 1;
    static final long MATHS = 2;
    static final long ENGLISH = 3;
    static final long CLUB = 4;

    @Test
    void aClassWhoseTeachersAreAllAskedAboutEarlierInvitesNoPart() {
        // the tutor (7) teaches the tutor group and maths; English has its own teacher (8); nobody teaches the club
        Map<Long, Set<Long>> teachersIn = Map.of(TUTOR_GROUP, Set.of(7L), MATHS, Set.of(7L), ENGLISH, Set.of(8L));
        Codes.PatternInvited tutees = new Codes.PatternInvited(1, TUTOR_GROUP, List.of(TUTOR_GROUP, MATHS, ENGLISH, CLUB), 20);
        assertThat(MeasureService.partsAboutTeachers(tutees, teachersIn)).isEqualTo(2);
        // a pupil of another tutor group in the same maths set is asked about the tutor there
        Map<Long, Set<Long>> withOtherTutor = Map.of(5L, Set.of(9L), MATHS, Set.of(7L), ENGLISH, Set.of(8L));
        Codes.PatternInvited others = new Codes.PatternInvited(1, 5L, List.of(5L, MATHS, ENGLISH), 20);
        assertThat(MeasureService.partsAboutTeachers(others, withOtherTutor)).isEqualTo(3);
        // a co-taught set counts once; the home group is counted first whatever the order of the list
        Codes.PatternInvited coTaught = new Codes.PatternInvited(1, TUTOR_GROUP, List.of(ENGLISH, TUTOR_GROUP), 3);
        assertThat(MeasureService.partsAboutTeachers(coTaught, Map.of(TUTOR_GROUP, Set.of(7L, 8L), ENGLISH, Set.of(8L)))).isEqualTo(1);
    }
}

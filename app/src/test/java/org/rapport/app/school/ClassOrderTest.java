package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classes in the order a school counts them: 7A before 10A, Year 9 before Year 10. */
class ClassOrderTest {

    @Test
    void digitsCountByTheirValue() {
        List<String> names = new ArrayList<>(List.of("10A", "7B", "Year 10", "7A", "11", "year 9", "8a", "8A", "2", "100"));
        names.sort(ClassGroup.NATURAL);
        assertThat(names).containsExactly("2", "7A", "7B", "8A", "8a", "10A", "11", "100", "year 9", "Year 10");
    }

    @Test
    void yearGroupThenNameWithoutAYearGroupLast() {
        List<ClassGroup> classes = new ArrayList<>(List.of(new ClassGroup(1, 1, "a", "10A", "10", 20), new ClassGroup(2, 1, "b", "7A", "7", 20),
                new ClassGroup(3, 1, "c", "Nurture", null, 8), new ClassGroup(4, 1, "d", "7B", "7", 20)));
        classes.sort(ClassGroup.IN_ORDER);
        assertThat(classes).extracting(ClassGroup::name).containsExactly("7A", "7B", "10A", "Nurture");
    }
}

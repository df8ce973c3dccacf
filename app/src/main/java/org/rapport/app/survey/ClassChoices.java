package org.rapport.app.survey;

import java.util.List;

/**
 * What a timetable pupil chooses from at the start of their survey: the classes of their home group's pupils (besides
 * the home group), each with its teachers as pupils know them, and how many at most (the most any of its pupils has).
 * Empty for everyone else. {@code chosen}: the classes chosen so far (none before the pupil chose).
 */
public record ClassChoices(List<Choice> classes, int most, List<Long> chosen) {
    public static final ClassChoices NONE = new ClassChoices(List.of(), 0, List.of());

    public record Choice(long classId, String name, List<String> teachers) {
    }

    public boolean offered() {
        return !classes.isEmpty() || most > 0;
    }

    ClassChoices with(List<Long> chosen) {
        return new ClassChoices(classes, most, List.copyOf(chosen));
    }
}

package org.rapport.measure;

import java.util.List;

/** The data cannot be measured as asked; {@link #problems()} names each reason. */
public class MeasurementException extends RuntimeException {
    private final List<String> problems;

    public MeasurementException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public MeasurementException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}

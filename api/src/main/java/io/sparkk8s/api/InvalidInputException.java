package io.sparkk8s.api;

import java.util.List;

/**
 * Input files (presets, values, compositions) violate their schema or the composition rules. Carries
 * every problem found, not only the first.
 */
public class InvalidInputException extends GenerationException {

    private final List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        this(problems, null);
    }

    /** The problems, with the exception that revealed them. */
    public InvalidInputException(List<Problem> problems, Throwable cause) {
        super(Problem.describe(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file and path order. */
    public List<Problem> problems() {
        return problems;
    }
}

package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.OutputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.TemplateException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line maps each failure type to its exit status; no exception carries an exit status itself. */
class ExitCodeTest {

    @Test
    void aBrokenBlockIsAnInternalErrorAndBadInputOrOutputIsInvalid() {
        assertThat(SparkK8s.exitCodeOf(new TemplateException("block demo reads demo.x", null)))
                .isEqualTo(SparkK8s.INTERNAL)
                .isEqualTo(3);
        assertThat(SparkK8s.exitCodeOf(new InvalidInputException(List.of(new Problem("f.yaml", "a", "bad")))))
                .isEqualTo(SparkK8s.INVALID);
        assertThat(SparkK8s.exitCodeOf(new OutputException("output is a file", null)))
                .isEqualTo(SparkK8s.INVALID);
        assertThat(SparkK8s.exitCodeOf(new IllegalStateException("bug"))).isEqualTo(SparkK8s.INTERNAL);
    }
}

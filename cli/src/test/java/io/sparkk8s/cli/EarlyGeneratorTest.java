package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * Issue 18, cold start: {@link SparkK8s#main} discovers the generator on a second thread for the commands that use
 * one, and the command attaches its own listener to it.
 */
class EarlyGeneratorTest {

    @Test
    void theEarlyStartIsForExactlyTheCommandsThatAskForAGenerator() {
        // only a WithGenerator can call generator(), so the set follows the command classes: a renamed or a new
        // command cannot quietly lose the early start, and presets, verify, completion and help do not pay for it
        assertThat(SparkK8s.USE_THE_GENERATOR)
                .containsExactlyInAnyOrder("generate", "blocks", "validate", "explain", "values", "diff", "capacity");
        for (Class<?> command : SparkK8s.COMMANDS) {
            String name = command.getAnnotation(Command.class).name();
            assertThat(SparkK8s.USE_THE_GENERATOR.contains(name))
                    .as(name)
                    .isEqualTo(SparkK8s.WithGenerator.class.isAssignableFrom(command));
        }
    }

    /** In-process runs (tests, the Maven goal) have no early start: the command discovers its own generator. */
    @Test
    void withoutAnEarlyStartTheCommandDiscoversItsOwnGenerator() {
        assertThat(SparkK8s.generator(GenerationListener.SILENT).blocks()).isNotEmpty();
    }

    @Test
    void aPreparedGeneratorReportingToAnotherListenerHasTheSameBlocks() {
        List<String> infos = new ArrayList<>();
        GenerationListener recorder = new GenerationListener() {
            @Override
            public void info(String message) {
                infos.add(message);
            }
        };
        Generator early = Generator.discover(GenerationListener.SILENT).prepare();
        Generator attached = early.reportingTo(recorder);
        assertThat(attached.blocks().stream().map(Block::id))
                .containsExactlyElementsOf(
                        early.blocks().stream().map(Block::id).toList());
        assertThat(attached.blocks()).isNotEmpty();
        attached.generate(GenerationRequest.forCatalog(Path.of(".."))
                .lines(Set.of(SparkLine.SPARK_4_1))
                .build());
        assertThat(infos).as("the attached listener hears the generate").anyMatch(m -> m.startsWith("loaded "));
    }
}

package io.sparkk8s.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spark's own pod builders run on the chart's settings: the program {@code src/test/programs/ExecutorPodFromTemplate.java}
 * in one JVM of a line (the java launcher compiles it against that line's class path). It prints each pod it
 * builds as one JSON line, {@code POD } (an executor) or {@code DRIVER } (a driver) before it. The one runner the
 * executor-pod and batch-scheduling runtime tests share.
 */
final class PodBuilderProgram {

    private PodBuilderProgram() {}

    /**
     * Runs the program with these arguments (see the program for their forms) and returns what it printed, which
     * {@code log} keeps; a run that takes more than three minutes is killed and returns what it printed so far.
     */
    static String run(String line, Path log, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(Programs.spark(line).javaCommand("512m"));
        command.add(Path.of("src", "test", "programs", "ExecutorPodFromTemplate.java")
                .toAbsolutePath()
                .toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        return Files.readString(log);
    }

    /** The pods an output prints after {@code prefix} ({@code "POD "} or {@code "DRIVER "}), in order. */
    static List<Pod> pods(String output, String prefix) {
        return output.lines()
                .filter(l -> l.startsWith(prefix))
                .map(l -> Serialization.unmarshal(l.substring(prefix.length()), Pod.class))
                .toList();
    }
}

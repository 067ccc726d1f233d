package io.sparkk8s.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code spark.jars.packages}: in the pod Ivy resolves these coordinates from Maven Central at start. Here Maven
 * has resolved the same coordinates onto the program's class path, so the line is taken out of the Spark
 * configuration after checking that every coordinate it names is on that class path (artifact and version).
 */
final class SparkPackages {

    private SparkPackages() {}

    static BiFunction<String, String, String> onClassPath(Programs program) {
        return (name, content) -> {
            if (!name.endsWith(".conf")) {
                return content;
            }
            List<String> kept = new ArrayList<>();
            for (String line : content.split("\n", -1)) {
                if (line.startsWith("spark.jars.packages=")) {
                    check(program, line.substring("spark.jars.packages=".length()));
                } else {
                    kept.add(line);
                }
            }
            return String.join("\n", kept);
        };
    }

    /** Fails unless each {@code group:artifact:version} of the list is a jar of the program's class path. */
    private static void check(Programs program, String coordinates) {
        List<String> jars = program.jarNames();
        for (String coordinate : coordinates.split(",")) {
            String[] gav = coordinate.trim().split(":");
            String jar = gav[1] + "-" + gav[2] + ".jar";
            if (!jars.contains(jar)) {
                throw new AssertionError("spark.jars.packages names " + coordinate + ", which is not what the "
                        + "runtime tier runs (" + jar + " is not on the " + program + " class path)");
            }
        }
    }
}

package io.sparkk8s.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The programs of the runtime tier and the class paths Maven resolved for them: each program module writes
 * {@code target/classpath.txt}; a program always runs in a JVM of its own with exactly that class path.
 */
enum Programs {
    SPARK_4_1("spark-4.1"),
    SPARK_3_5("spark-3.5"),
    CONNECT_CLIENT_4_1("connect-client-4.1"),
    CONNECT_CLIENT_3_5("connect-client-3.5"),
    HIVE_METASTORE("hive-metastore"),
    /** Hive 4.0.1, which no longer serves {@code get_table}: the planted metastore/client mismatch. */
    HIVE_METASTORE_4_0_1("hive-metastore-4.0.1"),
    S3("s3"),
    /** The Prometheus JMX exporter agent jar ({@code -javaagent}). */
    JMX_EXPORTER("jmx-exporter");

    /**
     * The module options Spark's own launcher adds on Java 17+ ({@code org.apache.spark.launcher.JavaModuleOptions}),
     * needed by Spark, Arrow and the Connect client alike.
     */
    static final List<String> MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private final String module;

    Programs(String module) {
        this.module = module;
    }

    /** The Spark lines the tier runs: both, or those of {@code -Dsparkk8s.runtime.lines=4.1} (comma-separated). */
    static List<String> lines() {
        return List.of(System.getProperty("sparkk8s.runtime.lines", "4.1,3.5").split(","));
    }

    static Programs spark(String line) {
        return "4.1".equals(line) ? SPARK_4_1 : SPARK_3_5;
    }

    static Programs connectClient(String line) {
        return "4.1".equals(line) ? CONNECT_CLIENT_4_1 : CONNECT_CLIENT_3_5;
    }

    /** The class path Maven resolved for this program, as one {@code :}-separated string. */
    String classpath() {
        Path file = Path.of("..", module, "target", "classpath.txt")
                .toAbsolutePath()
                .normalize();
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no class path for " + module + " at " + file
                            + ": build the runtime modules first (mvn -B verify from the repository root)",
                    e);
        }
    }

    /** File names of the jars on this program's class path. */
    List<String> jarNames() {
        List<String> names = new ArrayList<>();
        for (String entry : classpath().split(":")) {
            names.add(Path.of(entry).getFileName().toString());
        }
        return names;
    }

    /** {@code java} with the module options, this class path plus {@code extra}, ready for a main class. */
    List<String> javaCommand(String heap, String... extra) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(MODULE_OPTIONS);
        command.add("-cp");
        StringBuilder cp = new StringBuilder();
        for (String e : extra) {
            cp.append(e).append(':');
        }
        command.add(cp + classpath());
        return command;
    }

    /** The compiled test classes (the small client programs live there and need nothing but the JDK). */
    static String testClasses() {
        return Path.of("target", "test-classes").toAbsolutePath().toString();
    }
}

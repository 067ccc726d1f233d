package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.cli.SparkK8s;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value Helm installs but that does nothing (SPEC §9.11, issue 14 item 5): {@code spark-k8s validate} warns about
 * it, and the chart's NOTES.txt — what {@code helm install} prints — says the same words, on both layouts.
 */
class InertValuesNotesTest {

    static List<Path> charts() {
        return Repo.charts();
    }

    private static final String REASON = "has no effect: dynamic allocation is off (connect.dynamicAllocation.enabled "
            + "is false); set connect.dynamicAllocation.enabled: true, or remove the key";

    @ParameterizedTest
    @MethodSource("charts")
    void minAndMaxExecutorsWithDynamicAllocationOffAreReportedOnInstallAsByValidate(Path chart, @TempDir Path dir)
            throws IOException {
        Path off = Files.writeString(
                dir.resolve("off.yaml"),
                "connect:\n  dynamicAllocation:\n" + "    minExecutors: 2\n    maxExecutors: 20\n");

        String notes = notes(chart, List.of("-f", off.toString()));
        String validate = validate(chart, off);

        assertThat(notes)
                .contains(
                        "NOTE: connect.dynamicAllocation.minExecutors=2 " + REASON + ".",
                        "NOTE: connect.dynamicAllocation.maxExecutors=20 " + REASON + ".");
        assertThat(validate)
                .contains(
                        "`connect.dynamicAllocation.minExecutors` in " + off + ": " + REASON,
                        "`connect.dynamicAllocation.maxExecutors` in " + off + ": " + REASON);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void nothingIsReportedWhenTheSettingsAct(Path chart, @TempDir Path dir) throws IOException {
        Map<String, List<String>> acting = Map.of(
                "defaults", List.of(),
                "dynamic allocation on",
                        List.of(
                                "--set",
                                "connect.dynamicAllocation.enabled=true",
                                "--set",
                                "connect.dynamicAllocation.maxExecutors=20"),
                "connect off",
                        List.of(
                                "--set",
                                "connect.enabled=false",
                                "--set",
                                "connect.dynamicAllocation.maxExecutors=20"));
        List<String> reported = new ArrayList<>();
        acting.forEach((name, args) -> {
            if (notes(chart, args).contains("has no effect")) {
                reported.add(name);
            }
        });
        Path on = Files.writeString(
                dir.resolve("on.yaml"),
                "connect:\n  dynamicAllocation:\n    enabled: true\n" + "    maxExecutors: 20\n");

        assertThat(reported).isEmpty();
        assertThat(validate(chart, on)).doesNotContain("has no effect");
    }

    /**
     * The two values that fail at run time (issue 14 item 5): a driver heap whose heap plus overhead exceeds the
     * Connect pod's memory limit (OOMKilled) and minExecutors above maxExecutors (Spark refuses to start). Helm
     * installs both; NOTES names each as {@code validate} does, and says nothing for the defaults.
     */
    @ParameterizedTest
    @MethodSource("charts")
    void valuesThatFailAtRunTimeAreWarnedOnInstallAsByValidate(Path chart, @TempDir Path dir) throws IOException {
        Path heap = Files.writeString(
                dir.resolve("heap.yaml"),
                "connect:\n  driver:\n    memory: 4g\n  resources:\n    limits:\n      memory: 2Gi\n");
        Path bounds = Files.writeString(
                dir.resolve("bounds.yaml"),
                "connect:\n  dynamicAllocation:\n    enabled: true\n    minExecutors: 5\n    maxExecutors: 2\n");
        Path overhead = Files.writeString(
                dir.resolve("overhead.yaml"),
                "connect:\n  driver:\n    memory: 1500m\n    memoryOverhead: 1g\n  resources:\n    limits:\n"
                        + "      memory: 2Gi\n");

        assertThat(notes(chart, List.of("-f", heap.toString())))
                .contains(
                        "WARNING: connect.driver.memory=4g plus the driver's memory overhead is 4505 MiB, above the "
                                + "pod's memory limit connect.resources.limits.memory=2Gi (2048 MiB): the pod would be OOMKilled");
        assertThat(validate(chart, heap)).contains("the pod would be OOMKilled");
        // an explicit overhead counts instead of the default 10 % (at least 384 MiB): 1500 + 1024 > 2048
        assertThat(notes(chart, List.of("-f", overhead.toString()))).contains("is 2524 MiB, above");
        assertThat(notes(chart, List.of("-f", bounds.toString())))
                .contains("WARNING: connect.dynamicAllocation.minExecutors=5 is above "
                        + "connect.dynamicAllocation.maxExecutors=2: Spark refuses to start");
        assertThat(validate(chart, bounds)).contains("Spark refuses to start with minExecutors above maxExecutors");
        assertThat(notes(chart, List.of())).doesNotContain("WARNING: connect.");
        assertThat(notes(chart, List.of("--set", "connect.enabled=false", "-f", heap.toString())))
                .doesNotContain("OOMKilled");
    }

    /** What {@code helm install} prints (Helm 4, client-side dry run: no cluster). */
    private static String notes(Path chart, List<String> args) {
        List<String> command = new ArrayList<>(List.of("install", "r", chart.toString(), "--dry-run=client"));
        command.addAll(args);
        HelmCli.HelmResult result = HelmCli.helm4().run(command);
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        return result.stdout().substring(result.stdout().indexOf("NOTES:"));
    }

    private static String validate(Path chart, Path values) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkK8s.run(
                new String[] {
                    "validate", values.toString(), "--chart", chart.toString(), "--catalog", Repo.ROOT.toString()
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return out + "\n" + err;
    }
}

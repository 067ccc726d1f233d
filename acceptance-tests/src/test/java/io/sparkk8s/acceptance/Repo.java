package io.sparkk8s.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where the repository, its catalog and its committed charts are, seen from the tests. */
final class Repo {

    static final Path ROOT = findRoot();
    static final Path CHARTS = ROOT.resolve("generated-charts");

    private Repo() {}

    private static Path findRoot() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isExecutable(at.resolve("spark-k8s"))) {
            at = at.getParent();
        }
        if (at == null) {
            throw new IllegalStateException("cannot find the repository root (the folder with ./spark-k8s) above "
                    + Path.of("").toAbsolutePath());
        }
        return at;
    }

    /** The committed chart folders, e.g. generated-charts/spark-4.1. */
    static List<Path> charts() {
        try (Stream<Path> list = Files.list(CHARTS)) {
            return list.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The preset files generated into a chart. */
    static List<Path> presets(Path chart) {
        try (Stream<Path> list = Files.list(chart.resolve("presets"))) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subchart folders of an umbrella chart (empty for a toggle chart). */
    static List<Path> subcharts(Path chart) {
        Path dir = chart.resolve("charts");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every block of the catalog on, with the providers the application blocks need ({@code --set} pairs, in order). */
    static final Map<String, String> EVERY_BLOCK_ON = everyBlockOn();

    private static Map<String, String> everyBlockOn() {
        Map<String, String> on = new LinkedHashMap<>();
        for (String key : List.of(
                "connect",
                "connect.eventLog",
                "standalone",
                "jupyter",
                "airflow",
                "mlflow",
                "postgresql",
                "minio",
                "hiveMetastore",
                "historyServer")) {
            on.put(key + ".enabled", "true");
        }
        return Collections.unmodifiableMap(on);
    }

    /** Secrets the values files of {@link #aloneValues} name but do not create: they belong to the user. */
    static final List<String> EXTERNAL_SECRETS = List.of("team-s3", "hive-db", "airflow-db", "mlflow-db");

    /**
     * The verifier of the feature tests (monitoring, logs, jobs): every gate at both ends of the supported Kubernetes
     * range, the user's own Secrets ({@link #EXTERNAL_SECRETS}) taken as given, the values files layered over the
     * chart's defaults and no separate render of the defaults alone.
     */
    static io.sparkk8s.verify.Verifier featureVerifier() {
        return io.sparkk8s.verify.Verifier.builder()
                .kubeVersions(
                        List.of(io.sparkk8s.api.KubernetesVersions.LOWEST, io.sparkk8s.api.KubernetesVersions.HIGHEST))
                .externalRefs(EXTERNAL_SECRETS.stream()
                        .map(name -> new io.sparkk8s.verify.ExternalRef("Secret", name))
                        .toList())
                .layerValues(true)
                .renderDefaults(false)
                .build();
    }

    /**
     * The values a subchart installed on its own needs: the external endpoints of what its umbrella would
     * otherwise provide (src/test/resources/alone/&lt;subchart&gt;.yaml), or none.
     */
    static List<Path> aloneValues(Path subchart) {
        Path file = ROOT.resolve("acceptance-tests/src/test/resources/alone/" + subchart.getFileName() + ".yaml");
        return Files.isRegularFile(file) ? List.of(file) : List.of();
    }
}

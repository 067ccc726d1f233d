package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code connect.replicas > 1} (runtime review M7): every server names its executors with its own ordinal, so the
 * replicas' executor pods never collide (ids start at 1 in every application), and a reconnecting client stays
 * on the server that holds its session. The runtime tier checks the names Spark really gives
 * ({@code ExecutorPodsRuntimeTest}).
 */
class ConnectReplicasTest {

    @ParameterizedTest(name = "spark-{0}")
    @ValueSource(strings = {"4.1", "3.5"})
    void eachReplicaHasItsOwnExecutorPrefixAndSessionsStick(String line) {
        Path chart = Repo.ROOT.resolve("generated-charts/spark-" + line);
        Rendered rendered = Rendered.of(
                chart,
                List.of(),
                Map.of("connect.enabled", "true", "connect.replicas", "2", "connect.backendMode", "k8s"));
        String release = Rendered.RELEASE;

        Map<String, String> conf = rendered.sparkConf(release + "-connect", "spark-defaults.conf");
        assertThat(conf)
                .as("no prefix shared by all replicas")
                .doesNotContainKey("spark.kubernetes.executor.podNamePrefix");
        Map<String, Object> container = rendered.container("StatefulSet", release + "-connect", "connect");
        String script = String.valueOf(((List<?>) container.get("args")).get(0));
        assertThat(script)
                .contains("--conf \"spark.kubernetes.executor.podNamePrefix=" + release + "-connect-${POD_NAME##*-}\"");

        Map<String, Object> service = rendered.object("Service", release + "-connect");
        assertThat(((Map<?, ?>) service.get("spec")).get("sessionAffinity")).isEqualTo("ClientIP");
    }

    @ParameterizedTest(name = "spark-{0}")
    @ValueSource(strings = {"4.1", "3.5"})
    void noExecutorPrefixWithoutKubernetesExecutors(String line) {
        Path chart = Repo.ROOT.resolve("generated-charts/spark-" + line);
        Rendered rendered =
                Rendered.of(chart, List.of(), Map.of("connect.enabled", "true", "connect.backendMode", "local"));
        Map<String, Object> container = rendered.container("StatefulSet", Rendered.RELEASE + "-connect", "connect");
        assertThat(String.valueOf(((List<?>) container.get("args")).get(0))).doesNotContain("podNamePrefix");
    }
}

package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Credentials reach pods only through Secrets: for every chart × preset (rendered by the Helm 4 CLI with
 * hooks, with explicit S3 keys on top), no value of any rendered Secret appears in a ConfigMap, an env
 * {@code value}, or a container's command or arguments.
 */
class SecretsStayInSecretsTest {

    private static final Map<String, String> KEYS =
            Map.of("global.s3.accessKey", "AKIASENTINEL7Q2W", "global.s3.secretKey", "sentinel-secret-9f8e7d6c5b4a");

    @TestFactory
    Stream<DynamicTest> noSecretValueLeavesItsSecret() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chart : Repo.charts()) {
            for (Path preset : Repo.presets(chart)) {
                tests.add(DynamicTest.dynamicTest(
                        chart.getFileName() + " × " + preset.getFileName(),
                        () -> check(Rendered.of(chart, List.of(preset), KEYS))));
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void check(Rendered out) {
        List<String> secrets = new ArrayList<>();
        List<String> exposed = new ArrayList<>();
        for (Map<String, Object> o : out.objects()) {
            String where = o.get("kind") + "/" + Rendered.name(o);
            if ("Secret".equals(o.get("kind"))) {
                Map<String, Object> data = (Map<String, Object>) o.getOrDefault("data", Map.of());
                data.values()
                        .forEach(v -> secrets.add(new String(Base64.getDecoder().decode((String) v))));
                ((Map<String, Object>) o.getOrDefault("stringData", Map.of()))
                        .values()
                        .forEach(v -> secrets.add(String.valueOf(v)));
            } else if ("ConfigMap".equals(o.get("kind"))) {
                exposed.add(where + " data: " + o.get("data"));
            } else {
                collectContainers(o, where, exposed);
            }
        }
        if (out.objects().toString().contains("name=" + Rendered.RELEASE + "-s3,")
                || out.has("Secret", Rendered.RELEASE + "-s3")) {
            // a chart with an S3 user (not, e.g., Airflow alone) gets the keys, and only in its Secret
            assertThat(secrets).as("the sentinel S3 keys reach a Secret").contains(KEYS.get("global.s3.secretKey"));
        }
        for (String secret : secrets) {
            for (String text : exposed) {
                assertThat(text)
                        .as("a Secret value leaks into %s", text.substring(0, text.indexOf(':')))
                        .doesNotContain(secret);
            }
        }
    }

    /** The env values (not valueFrom), commands and args of every container of an object, labelled. */
    @SuppressWarnings("unchecked")
    private static void collectContainers(Object node, String where, List<String> out) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            if (map.containsKey("image") && map.containsKey("name")) {
                String label = where + " container " + map.get("name");
                out.add(label + " command/args: " + map.get("command") + " " + map.get("args"));
                for (Map<String, Object> env : (List<Map<String, Object>>) map.getOrDefault("env", List.of())) {
                    if (env.containsKey("value")) {
                        out.add(label + " env " + env.get("name") + ": " + env.get("value"));
                    }
                }
            }
            map.values().forEach(v -> collectContainers(v, where, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectContainers(v, where, out));
        }
    }
}

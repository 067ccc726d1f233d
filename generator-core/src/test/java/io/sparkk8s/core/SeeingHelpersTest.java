package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.api.Suggestions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core helpers behind values, diff and explain. */
@SuppressWarnings("unchecked")
class SeeingHelpersTest {

    private static final String OLD = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: conf}
            data:
              spark-defaults.conf: |
                spark.a=1
                spark.b=2
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            data: {key: b2xk}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: gone}
            """;

    private static final String NEW = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: conf}
            data:
              spark-defaults.conf: |
                spark.a=1
                spark.b=3
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            data: {key: bmV3}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: added}
            spec: {replicas: 1}
            """;

    @Test
    void diffNamesObjectsPathsAndChangedLinesAndHidesSecrets() {
        List<ManifestDiff.ObjectChange> changes = ManifestDiff.of(OLD, OLD, NEW, NEW);

        assertThat(changes)
                .extracting(c -> c.change() + " " + c.kind() + "/" + c.name())
                .containsExactly(
                        "REMOVED Service/gone",
                        "CHANGED ConfigMap/conf",
                        "CHANGED Secret/creds",
                        "ADDED Deployment/added");
        assertThat(changes.get(1).paths())
                .containsExactly(new ManifestDiff.PathChange(
                        "data.spark-defaults.conf", List.of("spark.b=2"), List.of("spark.b=3")));
        assertThat(changes.get(2).paths())
                .containsExactly(new ManifestDiff.PathChange("data.key", ManifestDiff.HIDDEN, ManifestDiff.HIDDEN));
        assertThat(ManifestDiff.of(OLD, OLD, OLD, OLD)).isEmpty();
    }

    @Test
    void aPathThatIsRandomOnBothSidesIsNoChangeAndOnOneSideIsMarked() {
        String otherRandom = OLD.replace("b2xk", "cmFu");

        assertThat(ManifestDiff.of(
                        OLD, otherRandom, NEW.replace("bmV3", "b2xk"), otherRandom.replace("spark.b=2", "spark.b=3")))
                .extracting(ManifestDiff.ObjectChange::name)
                .doesNotContain("creds");
        assertThat(ManifestDiff.of(OLD, otherRandom, NEW, NEW).get(2).paths())
                .containsExactly(new ManifestDiff.PathChange("data.key", ManifestDiff.RANDOM, ManifestDiff.HIDDEN));
    }

    @Test
    void aProblemBelongsToTheLastLayerThatSetsTheKeyOrItsParentOrChild() {
        List<LayeredValues.Layer> layers = List.of(
                new LayeredValues.Layer(
                        "preset", Map.of("connect", Map.of("replicas", 1, "image", Map.of("tag", "x")))),
                new LayeredValues.Layer("mine.yaml", Map.of("connect", Map.of("replicas", 2))),
                new LayeredValues.Layer("--set", Map.of("jupyter", "off")));

        assertThat(LayeredValues.sourceOf(layers, "connect.replicas", "all")).isEqualTo("mine.yaml");
        assertThat(LayeredValues.sourceOf(layers, "connect.image.tag", "all")).isEqualTo("preset");
        assertThat(LayeredValues.sourceOf(layers, "jupyter.enabled", "all")).isEqualTo("--set");
        assertThat(LayeredValues.sourceOf(layers, "minio.enabled", "all")).isEqualTo("all");
    }

    @Test
    void layeringKeepsNullsUntilTheDefaultsWhichTheyRemove() {
        Map<String, Object> overlay = LayeredValues.overlay(List.of(
                new LayeredValues.Layer("a", Map.of("m", Map.of("x", 1, "y", 2))),
                new LayeredValues.Layer("b", Map.of("m", java.util.Collections.singletonMap("x", null)))));
        Map<String, Object> merged = Values.merge(Map.of("m", Map.of("x", 0, "z", 3)), overlay);

        assertThat((Map<Object, Object>) (Map<?, ?>) overlay.get("m"))
                .containsEntry("x", null)
                .containsEntry("y", 2);
        assertThat((Map<Object, Object>) (Map<?, ?>) merged.get("m"))
                .doesNotContainKey("x")
                .containsEntry("y", 2)
                .containsEntry("z", 3);
        assertThat((Map<Object, Object>)
                        (Map<?, ?>) Values.withoutNulls(overlay).get("m"))
                .doesNotContainKey("x");
    }

    @Test
    void oneSuggestionHelperServesKeysAndSparkSettings() {
        assertThat(Suggestions.closest("conect.replicas", List.of("connect.replicas", "jupyter.enabled")))
                .contains("connect.replicas");
        assertThat(Suggestions.closest("zzz", List.of("connect.replicas"))).isEmpty();
        assertThat(Suggestions.distance("kitten", "sitting", 10)).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting", 2)).isEqualTo(Integer.MAX_VALUE);
        assertThat(SparkSettings.of(SparkLine.SPARK_4_1).closest("spark.evntLog.dir"))
                .contains("spark.eventLog.dir");
    }
}

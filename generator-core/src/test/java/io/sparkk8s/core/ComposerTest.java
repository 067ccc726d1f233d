package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.Layout;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.UnknownBlockException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The compose stage on its own: block selection, requirement rules, endpoints and the chart's sections. */
class ComposerTest {

    private static final Requirement NEEDS_CONNECT =
            new Requirement("spark-connect", "connectUrl", "it runs notebooks");
    private static final Endpoint GRPC = Endpoint.api("sparkConnect", "connect", 15002, "grpc", "gRPC");
    private static final Endpoint UI = Endpoint.ui("sparkUi", "connect", 4040, "/", "Spark UI");

    private static Composition compose(GenerationRequest.Builder request, Block... blocks) {
        return new Composer(BlockRegistry.of(List.of(blocks)), SparkProfiles.builtIn())
                .compose(SparkLine.SPARK_4_1, request.build(), List.of());
    }

    private static GenerationRequest.Builder request() {
        return GenerationRequest.forCatalog(Path.of("catalog"));
    }

    private static List<String> ids(Composition c) {
        return c.blocks().stream().map(p -> p.block().id()).toList();
    }

    @Nested
    class Selection {
        @Test
        void everyBlockOfTheLineInIdOrderUnlessTheRequestNarrowsIt() {
            Block[] blocks = {
                FakeBlock.of("zeta"), FakeBlock.of("alpha"), FakeBlock.of("old").onlyOn(SparkLine.SPARK_3_5)
            };
            assertThat(ids(compose(request(), blocks))).containsExactly("alpha", "zeta");
            assertThat(ids(compose(request().includeBlocks(Set.of("zeta")), blocks)))
                    .containsExactly("zeta");
            assertThat(ids(compose(request().excludeBlocks(Set.of("zeta")), blocks)))
                    .containsExactly("alpha");
        }

        @Test
        void anUnknownIdInTheSelectionNamesTheKnownIdsAndTheFirstUnknownInTheOrderGiven() {
            Set<String> given = new LinkedHashSet<>(List.of("alpah", "zeat"));
            assertThatThrownBy(
                            () -> compose(request().includeBlocks(given), FakeBlock.of("alpha"), FakeBlock.of("zeta")))
                    .isInstanceOf(UnknownBlockException.class)
                    .hasMessageContaining("alpah")
                    .hasMessageContaining("alpha, zeta");
        }

        @Test
        void theLayoutIsTheRequestsForTheLine() {
            assertThat(compose(request(), FakeBlock.of("alpha")).layout()).isEqualTo(Layout.TOGGLE);
            assertThat(compose(request().layouts(Map.of(SparkLine.SPARK_4_1, Layout.SUBCHART)), FakeBlock.of("alpha"))
                            .layout())
                    .isEqualTo(Layout.SUBCHART);
        }
    }

    @Nested
    class Requirements {
        @Test
        void aRequirementWithAProviderBecomesARuleEnabledOrExternal() {
            Composition c = compose(
                    request(),
                    FakeBlock.of("jupyter").requiring(NEEDS_CONNECT),
                    FakeBlock.of("connect").providing("spark-connect"));
            Rule rule = c.rules().stream()
                    .filter(r -> r.id().equals("jupyter-needs-spark-connect"))
                    .findFirst()
                    .orElseThrow();
            assertThat(rule.when())
                    .isEqualTo(Condition.all(
                            Condition.enabled("jupyter"), Condition.not(Condition.present("jupyter.connectUrl"))));
            assertThat(rule.then()).isEqualTo(Condition.enabled("connect"));
            assertThat(rule.message().render(k -> k)).contains("set connect.enabled=true, or set jupyter.connectUrl");
        }

        @Test
        void withoutAProviderTheExternalValueIsRequired() {
            Rule rule = compose(request(), FakeBlock.of("jupyter").requiring(NEEDS_CONNECT)).rules().stream()
                    .filter(r -> r.id().equals("jupyter-needs-spark-connect"))
                    .findFirst()
                    .orElseThrow();
            assertThat(rule.then()).isEqualTo(Condition.present("jupyter.connectUrl"));
        }

        @Test
        void withNeitherTheCompositionFailsNamingTheBlocksThatWouldProvideIt() {
            Requirement hard = new Requirement("spark-connect", "", "it runs notebooks");
            assertThatThrownBy(() -> compose(
                            request().excludeBlocks(Set.of("connect")),
                            FakeBlock.of("jupyter").requiring(hard),
                            FakeBlock.of("connect").providing("spark-connect")))
                    .isInstanceOfSatisfying(UnknownBlockException.class, e -> assertThat(e.reason())
                            .isEqualTo(UnknownBlockException.Reason.MISSING_PROVIDER))
                    .hasMessageContaining("include one of connect");
        }
    }

    @Nested
    class Sections {
        @Test
        void endpointsAreCollectedByIdAndUiEndpointsGetIngressHosts() {
            Composition c = compose(
                    request(),
                    FakeBlock.of("connect").serving(UI).runningSpark(),
                    FakeBlock.of("server").serving(GRPC));
            assertThat(c.endpoints().keySet()).containsExactly("sparkConnect", "sparkUi");
            assertThat(c.model().find("ingress.hosts.sparkUi")).isPresent();
            assertThat(c.model().find("ingress.hosts.sparkConnect")).isEmpty();
            assertThat(c.model().find("monitoring.enabled")).isPresent();
        }

        @Test
        void noUiMeansNoIngressAndNoSparkMeansNoMonitoring() {
            Composition c = compose(request(), FakeBlock.of("server").serving(GRPC));
            assertThat(c.model().sections())
                    .containsKeys("global", "networkPolicy", "server")
                    .doesNotContainKeys("ingress", "monitoring");
        }

        @Test
        void aMalformedOrDuplicateEndpointIdIsABlockDefect() {
            assertThatThrownBy(() ->
                            compose(request(), FakeBlock.of("a").serving(Endpoint.api("Bad-Id", "a", 80, "http", "x"))))
                    .hasMessageContaining("must be camelCase");
            assertThatThrownBy(() -> compose(
                            request(),
                            FakeBlock.of("a").serving(GRPC),
                            FakeBlock.of("b").serving(GRPC)))
                    .hasMessageContaining("'sparkConnect' is declared twice");
        }

        @Test
        void overridesReplaceDefaultsOfTheChartsOwnSectionsToo() {
            Composition c = compose(
                    request()
                            .overrides(Map.of(
                                    "global.fullnameOverride", "acme",
                                    "monitoring.enabled", "true",
                                    "ingress.enabled", "true",
                                    "networkPolicy.enabled", "false",
                                    "teamNamespace.resourceQuota.enabled", "true",
                                    "logging.json", "true")),
                    FakeBlock.of("connect").serving(UI).runningSpark());
            for (String path : List.of(
                    "global.fullnameOverride",
                    "monitoring.enabled",
                    "ingress.enabled",
                    "networkPolicy.enabled",
                    "teamNamespace.resourceQuota.enabled",
                    "logging.json")) {
                assertThat(c.model().find(path)).as(path).isPresent();
            }
            assertThat(c.model()
                            .find("global.fullnameOverride")
                            .orElseThrow()
                            .value()
                            .defaultValue())
                    .isEqualTo("acme");
            assertThat(c.model()
                            .find("monitoring.enabled")
                            .orElseThrow()
                            .value()
                            .defaultValue())
                    .isEqualTo(true);
            assertThat(c.model()
                            .find("networkPolicy.enabled")
                            .orElseThrow()
                            .value()
                            .defaultValue())
                    .isEqualTo(false);
            assertThat(c.model().find("logging.json").orElseThrow().value().defaultValue())
                    .isEqualTo(true);
        }

        @Test
        void anOverrideOfNoValueIsRefusedWithASuggestionOtherThanItself() {
            assertThatThrownBy(() -> compose(
                            request().overrides(Map.of("global.fullnameOverrid", "acme")), FakeBlock.of("alpha")))
                    .hasMessageContaining("`global.fullnameOverrid` in overrides")
                    .hasMessageContaining("did you mean 'global.fullnameOverride'");
        }

        @Test
        void overridesReplaceDefaultsOfTheBlockModels() {
            Composition c = compose(request().overrides(Map.of("alpha.enabled", "true")), FakeBlock.of("alpha"));
            assertThat(c.blocks().get(0).model().find("enabled").orElseThrow().defaultValue())
                    .isEqualTo(true);
        }
    }
}

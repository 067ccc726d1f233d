package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template-only rules read quantities the way the chart's helpers do. */
class RenderRulesTest {

    @Test
    void memoryIsReadLikeTheChartsMebibytesHelper() {
        assertThat(RenderRules.mebibytes("2g")).isEqualTo(2048);
        assertThat(RenderRules.mebibytes("2Gi")).isEqualTo(2048);
        assertThat(RenderRules.mebibytes("512m")).isEqualTo(512);
        assertThat(RenderRules.mebibytes("512Mi")).isEqualTo(512);
        assertThat(RenderRules.mebibytes("2048k")).isEqualTo(2);
        assertThat(RenderRules.mebibytes("1t")).isEqualTo(1048576);
        assertThat(RenderRules.mebibytes("1gb")).isEqualTo(1024);
        assertThat(RenderRules.mebibytes("2097152")).isEqualTo(2);
    }

    @Test
    void quantitiesAreKubernetesQuantities() {
        assertThat(RenderRules.quantity("500m")).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(RenderRules.quantity("0.5")).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(RenderRules.quantity("2Gi")).isEqualByComparingTo(new BigDecimal(2L * 1024 * 1024 * 1024));
        assertThat(RenderRules.quantity("2048Mi")).isEqualByComparingTo(RenderRules.quantity("2Gi"));
        assertThat(RenderRules.quantity("1k")).isEqualByComparingTo(new BigDecimal(1000));
        assertThat(RenderRules.quantity("1e3")).isEqualByComparingTo(new BigDecimal(1000));
        assertThat(RenderRules.quantity("lots")).isNull();
    }

    @Test
    void eachRuleNamesThePathTheBadValueAndTheFix() {
        Map<String, Object> values = Map.of(
                "connect",
                        Map.of(
                                "enabled",
                                true,
                                "executor",
                                Map.of("memory", "2g", "memoryLimit", "2Gi", "memoryOverhead", ""),
                                "resources",
                                Map.of(
                                        "requests",
                                        Map.of("cpu", "2", "memory", "1Gi"),
                                        "limits",
                                        Map.of("cpu", "1", "memory", "2Gi"))),
                "ingress", Map.of("enabled", true, "hosts", Map.of("connectUi", "")));
        List<RenderRules.RenderRule> rules = List.of(
                new RenderRules.ExecutorMemoryLimit("connect.executor", "connect.enabled"),
                new RenderRules.RequestWithinLimit(List.of("connect.resources"), "connect.enabled"),
                new RenderRules.IngressHost(List.of(new RenderRules.IngressHost.Ui("connectUi", "connect.enabled"))));

        var problems = RenderRules.check(rules, values, "v.yaml");

        assertThat(problems)
                .extracting(p -> p.path())
                .containsExactly("connect.executor.memoryLimit", "connect.resources.requests.cpu", "ingress.enabled");
        assertThat(problems.get(0).message()).contains("'2Gi'", "must be above", "'2g'", "raise the limit");
        assertThat(problems.get(1).message()).contains("'2'", "'1'", "lower the request or raise the limit");
        assertThat(problems.get(2).message()).contains("ingress.hosts.connectUi", "ingress.enabled: false");
        assertThat(problems).allSatisfy(p -> assertThat(p.source()).isEqualTo("v.yaml"));
    }

    @Test
    void theExecutorCpuRequestOrElseItsCoresMustNotExceedTheLimit() {
        RenderRules.RenderRule rule = new RenderRules.ExecutorCpuLimit(
                "connect.executor.resources.requests.cpu",
                "connect.executor.cores",
                "connect.executor.resources.limits.cpu",
                "connect.enabled");
        Map<String, Object> coresAbove = Map.of(
                "connect",
                Map.of(
                        "enabled",
                        true,
                        "executor",
                        Map.of(
                                "cores",
                                4,
                                "resources",
                                Map.of("requests", Map.of("cpu", ""), "limits", Map.of("cpu", "2")))));
        Map<String, Object> requestAbove = Map.of(
                "connect",
                Map.of(
                        "enabled",
                        true,
                        "executor",
                        Map.of(
                                "cores",
                                1,
                                "resources",
                                Map.of("requests", Map.of("cpu", "2500m"), "limits", Map.of("cpu", 2)))));
        Map<String, Object> equal = Map.of(
                "connect",
                Map.of(
                        "enabled",
                        true,
                        "executor",
                        Map.of(
                                "cores",
                                2,
                                "resources",
                                Map.of("requests", Map.of("cpu", ""), "limits", Map.of("cpu", "2000m")))));
        Map<String, Object> noLimit = Map.of(
                "connect",
                Map.of(
                        "enabled",
                        true,
                        "executor",
                        Map.of(
                                "cores",
                                64,
                                "resources",
                                Map.of("requests", Map.of("cpu", ""), "limits", Map.of("cpu", "")))));

        assertThat(rule.check(coresAbove, "v.yaml")).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("connect.executor.cores");
            assertThat(p.message())
                    .contains(
                            "'4' is above connect.executor.resources.limits.cpu '2'",
                            "[chart rule executor-cpu-limit]");
        });
        assertThat(rule.check(requestAbove, "v.yaml"))
                .extracting(p -> p.path())
                .containsExactly("connect.executor.resources.requests.cpu");
        assertThat(rule.check(equal, "v.yaml")).isEmpty();
        assertThat(rule.check(noLimit, "v.yaml")).isEmpty();
    }

    @Test
    void aDisabledBlockIsNotChecked() {
        Map<String, Object> values =
                Map.of("connect", Map.of("enabled", false, "executor", Map.of("memory", "2g", "memoryLimit", "1Gi")));

        assertThat(new RenderRules.ExecutorMemoryLimit("connect.executor", "connect.enabled").check(values, "v"))
                .isEmpty();
    }
}

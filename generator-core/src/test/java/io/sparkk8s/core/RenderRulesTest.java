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
    void aDisabledBlockIsNotChecked() {
        Map<String, Object> values =
                Map.of("connect", Map.of("enabled", false, "executor", Map.of("memory", "2g", "memoryLimit", "1Gi")));

        assertThat(new RenderRules.ExecutorMemoryLimit("connect.executor", "connect.enabled").check(values, "v"))
                .isEmpty();
    }
}

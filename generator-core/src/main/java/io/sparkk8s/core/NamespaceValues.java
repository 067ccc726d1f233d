package io.sparkk8s.core;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.Value;
import java.util.List;

/**
 * The root-only {@code teamNamespace.*} values (issue 16): an optional ResourceQuota and LimitRange for a team's
 * namespace, rendered by {@code templates/namespace-limits.yaml}, both off by default.
 *
 * <p>What the objects may say is chosen so that they cannot reject the release's own pods: the quota caps CPU and
 * memory requests, memory limits and pods, never CPU limits (a quota on {@code limits.cpu} makes Kubernetes reject
 * every pod without a CPU limit, and the chart's pods and Spark's executors have none unless asked); the LimitRange
 * gives only defaults, which apply to containers that set no value of their own (every container of the chart, and
 * Spark's executors, set theirs), and no minimum or maximum. The quota's figures are explicit: the worst case is what
 * {@code spark-k8s capacity} prints, which Helm cannot compute.
 */
final class NamespaceValues {

    private NamespaceValues() {}

    static List<Value> values() {
        return List.of(
                Value.bool(
                        "resourceQuota.enabled",
                        false,
                        "Render a ResourceQuota for the release's namespace with the figures below (set at least one; "
                                + "spark-k8s capacity prints what the release needs with executors at their maximum)."),
                Value.quantity(
                                "resourceQuota.requestsCpu",
                                "",
                                "Cap on the sum of CPU requests in the namespace (requests.cpu); empty means none.")
                        .examples("16"),
                Value.quantity(
                                "resourceQuota.requestsMemory",
                                "",
                                "Cap on the sum of memory requests in the namespace (requests.memory); empty means none.")
                        .examples("64Gi"),
                Value.quantity(
                                "resourceQuota.limitsMemory",
                                "",
                                "Cap on the sum of memory limits in the namespace (limits.memory); empty means none. "
                                        + "There is no CPU-limit cap: it would reject every pod without a CPU limit.")
                        .examples("64Gi"),
                Value.integer("resourceQuota.pods", 0, "Cap on the number of pods in the namespace; 0 means none.")
                        .range(0, 100000),
                Value.bool(
                        "limitRange.enabled",
                        false,
                        "Render a LimitRange giving containers that set no CPU request or memory limit of their own "
                                + "these defaults (pods started by notebooks or Airflow tasks in the namespace, which a "
                                + "quota would otherwise reject); it sets no minimum or maximum."),
                Value.quantity(
                        "limitRange.defaultRequestCpu",
                        "100m",
                        "CPU request of a container that sets none (defaultRequest.cpu)."),
                Value.quantity(
                        "limitRange.defaultMemory",
                        "512Mi",
                        "Memory limit, and so memory request, of a container that sets neither (default.memory)."));
    }

    static List<Rule> rules() {
        String quota = "teamNamespace.resourceQuota";
        return List.of(new Rule(
                "team-namespace-quota-needs-figures",
                Condition.eq(quota + ".enabled", true),
                // not "present": a quantity may be a number (requestsCpu: 16), which present (a non-empty string)
                // misses
                Condition.not(Condition.all(
                        Condition.eq(quota + ".requestsCpu", ""),
                        Condition.eq(quota + ".requestsMemory", ""),
                        Condition.eq(quota + ".limitsMemory", ""))),
                "{" + quota + ".enabled} needs figures: set {" + quota + ".requestsCpu}, {" + quota
                        + ".requestsMemory} or {" + quota + ".limitsMemory} (spark-k8s capacity prints the "
                        + "worst case of the release)"));
    }
}

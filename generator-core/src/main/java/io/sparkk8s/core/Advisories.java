package io.sparkk8s.core;

import io.sparkk8s.api.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values Helm accepts that fail or do nothing at run time: reported as warnings (through the listener),
 * never as a verdict, since the chart installs them. The paths are found through the Spark settings the
 * values model declares (e.g. the value mapped to {@code spark.driver.memory}), not by key names.
 */
final class Advisories {

    private Advisories() {}

    /**
     * The advisories of one values file.
     *
     * @param composition the chart
     * @param merged the file merged over the defaults
     * @param source the file, for messages
     */
    static List<Problem> of(Composition composition, Map<String, Object> merged, String source) {
        List<Problem> out = new ArrayList<>();
        Optional<String> driverMemory = pathOf(composition, "spark.driver.memory");
        driverMemory.ifPresent(
                path -> driverHeap(composition, merged, path, source).ifPresent(out::add));
        Optional<String> enabled = pathOf(composition, "spark.dynamicAllocation.enabled");
        Optional<String> min = pathOf(composition, "spark.dynamicAllocation.minExecutors");
        Optional<String> max = pathOf(composition, "spark.dynamicAllocation.maxExecutors");
        if (enabled.isPresent() && min.isPresent() && max.isPresent()) {
            boolean on = Boolean.TRUE.equals(Values.get(merged, enabled.get()));
            String block = enabled.get().substring(0, enabled.get().indexOf('.'));
            boolean blockOn = Boolean.TRUE.equals(Values.get(merged, block + ".enabled"));
            if (on
                    && blockOn
                    && Values.get(merged, min.get()) instanceof Number lo
                    && Values.get(merged, max.get()) instanceof Number hi
                    && lo.longValue() > hi.longValue()) {
                out.add(new Problem(
                        source,
                        min.get(),
                        lo + " is above " + max.get() + " " + hi + "; Spark refuses to "
                                + "start with minExecutors above maxExecutors: lower " + min.get() + " or raise "
                                + max.get()));
            }
        }
        for (Inert inert : inert(composition)) {
            if (inert.holds(merged)) {
                out.add(new Problem(source, inert.path(), inert.reason()));
            }
        }
        return out;
    }

    /**
     * A value that has no effect while a switch is off, e.g. {@code connect.dynamicAllocation.maxExecutors} while
     * {@code connect.dynamicAllocation.enabled} is false. The chart's NOTES.txt prints the same {@link #reason()}
     * under the same condition ({@link #holds}), so {@code validate} and {@code helm install} report alike.
     *
     * @param path the inert value
     * @param block the owning block's values key (an off block makes every value inert: not reported)
     * @param switchPath the boolean that must be true for the value to act
     * @param defaultValue the value's default: a value left at it is not reported (the chart cannot tell it from
     *        one the user did not set)
     * @param reason what to tell the user, after the key
     */
    record Inert(String path, String block, String switchPath, Object defaultValue, String reason) {

        /** Whether the merged values hold this inert value: block on, switch off, value away from its default. */
        boolean holds(Map<String, Object> merged) {
            Object value = Values.get(merged, path);
            return Boolean.TRUE.equals(Values.get(merged, block + ".enabled"))
                    && !Boolean.TRUE.equals(Values.get(merged, switchPath))
                    && value != null
                    && !String.valueOf(value).equals(String.valueOf(defaultValue));
        }
    }

    /** The values of the chart that act only under a switch, found through the Spark settings they map to. */
    static List<Inert> inert(Composition composition) {
        List<Inert> out = new ArrayList<>();
        // the decommissioning grace period acts only with decommissioning on (_scheduling.tpl)
        composition.model().entries().stream()
                .filter(e -> "spark.decommission.enabled".equals(e.value().sparkConf()))
                .forEach(e -> {
                    String group = e.path().substring(0, e.path().lastIndexOf('.'));
                    composition
                            .model()
                            .find(group + ".gracePeriodSeconds")
                            .ifPresent(grace -> out.add(new Inert(
                                    group + ".gracePeriodSeconds",
                                    group.substring(0, group.indexOf('.')),
                                    e.path(),
                                    grace.value().defaultValue(),
                                    "has no effect: decommissioning is off (" + e.path() + " is false); set " + e.path()
                                            + ": true, or remove the key")));
                });
        Optional<String> enabled = pathOf(composition, "spark.dynamicAllocation.enabled");
        if (enabled.isEmpty()) {
            return out;
        }
        String block = enabled.get().substring(0, enabled.get().indexOf('.'));
        for (String conf : List.of("spark.dynamicAllocation.minExecutors", "spark.dynamicAllocation.maxExecutors")) {
            composition.model().entries().stream()
                    .filter(e -> conf.equals(e.value().sparkConf()))
                    .findFirst()
                    .ifPresent(e -> out.add(new Inert(
                            e.path(),
                            block,
                            enabled.get(),
                            e.value().defaultValue(),
                            "has no effect: dynamic allocation is off (" + enabled.get() + " is false); set "
                                    + enabled.get() + ": true, or remove the key")));
        }
        return out;
    }

    /** The driver's heap plus overhead must fit the server pod's memory limit, or the pod is OOMKilled. */
    private static Optional<Problem> driverHeap(
            Composition composition, Map<String, Object> merged, String heapPath, String source) {
        String block = heapPath.substring(0, heapPath.indexOf('.'));
        String limitPath = block + ".resources.limits.memory";
        if (!Boolean.TRUE.equals(Values.get(merged, block + ".enabled"))
                || composition.model().find(limitPath).isEmpty()) {
            return Optional.empty();
        }
        Object heapValue = Values.get(merged, heapPath);
        Object limitValue = Values.get(merged, limitPath);
        if (heapValue == null || limitValue == null) {
            return Optional.empty();
        }
        long heap = RenderRules.mebibytes(String.valueOf(heapValue));
        String overheadPath = pathOf(composition, "spark.driver.memoryOverhead").orElse("");
        Object overheadValue = overheadPath.isEmpty() ? null : Values.get(merged, overheadPath);
        boolean explicit =
                overheadValue != null && !String.valueOf(overheadValue).isEmpty();
        long overhead = explicit ? RenderRules.mebibytes(String.valueOf(overheadValue)) : Math.max(384, heap / 10);
        long limit = RenderRules.mebibytes(String.valueOf(limitValue));
        if (heap + overhead <= limit) {
            return Optional.empty();
        }
        return Optional.of(new Problem(
                source,
                heapPath,
                "'" + heapValue + "' (" + heap + " MiB) plus the driver's "
                        + (explicit
                                ? "memoryOverhead '" + overheadValue + "'"
                                : "default overhead (10%, at least 384 MiB)")
                        + " is " + (heap + overhead) + " MiB, above the server pod's memory limit " + limitPath + " '"
                        + limitValue + "' (" + limit + " MiB): the pod would be OOMKilled; raise " + limitPath
                        + " or lower " + heapPath));
    }

    private static Optional<String> pathOf(Composition composition, String sparkConf) {
        return composition.model().entries().stream()
                .filter(e -> sparkConf.equals(e.value().sparkConf()))
                .map(ChartModel.Entry::path)
                .findFirst();
    }

    /**
     * What the chart's NOTES.txt checks at install for a block whose values map Spark's driver heap and dynamic
     * allocation: the two run-time failures {@link #of} reports to {@code validate} (heap plus overhead above the
     * pod's memory limit; minExecutors above maxExecutors), as value paths the template reads.
     *
     * @param block the block's values key
     * @param heap the path of {@code spark.driver.memory}
     * @param overhead the path of {@code spark.driver.memoryOverhead}, or empty
     * @param limit the path of the pod's memory limit
     * @param dynamic the path of {@code spark.dynamicAllocation.enabled}, or empty
     * @param min the path of {@code spark.dynamicAllocation.minExecutors}, or empty
     * @param max the path of {@code spark.dynamicAllocation.maxExecutors}, or empty
     */
    record RuntimeChecks(
            String block, String heap, String overhead, String limit, String dynamic, String min, String max) {}

    /** The {@link RuntimeChecks} of a chart's composition: one per block with a driver heap and a memory limit. */
    static List<RuntimeChecks> runtimeChecks(Composition composition) {
        Optional<String> heap = pathOf(composition, "spark.driver.memory");
        if (heap.isEmpty()) {
            return List.of();
        }
        String block = heap.get().substring(0, heap.get().indexOf('.'));
        String limit = block + ".resources.limits.memory";
        if (composition.model().find(limit).isEmpty()) {
            return List.of();
        }
        return List.of(new RuntimeChecks(
                block,
                heap.get(),
                pathOf(composition, "spark.driver.memoryOverhead").orElse(""),
                limit,
                pathOf(composition, "spark.dynamicAllocation.enabled").orElse(""),
                pathOf(composition, "spark.dynamicAllocation.minExecutors").orElse(""),
                pathOf(composition, "spark.dynamicAllocation.maxExecutors").orElse("")));
    }
}

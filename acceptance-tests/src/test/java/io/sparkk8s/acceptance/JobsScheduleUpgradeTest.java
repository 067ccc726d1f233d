package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: changing an application's schedule on upgrade changes only the schedule (the bug to beat is
 * kubeflow/spark-operator#2288, where a ScheduledSparkApplication kept its old schedule): the CronJob keeps its
 * name, and of every jobs object only {@code spec.schedule} differs. A changed application (not its schedule)
 * changes the Job template, and the one-off Job then gets a new name (its spec hash), so Kubernetes never sees an
 * update of the immutable template.
 */
class JobsScheduleUpgradeTest {

    static Stream<Path> charts() {
        return Repo.charts().stream();
    }

    /** Every object of the jobs block (named <release>-job-…), by kind/name. */
    private static Map<String, Object> jobsObjects(Rendered rendered) {
        Map<String, Object> out = new TreeMap<>();
        for (Map<String, Object> object : rendered.objects()) {
            String name = Rendered.name(object);
            if (name.startsWith(Rendered.RELEASE + "-job-")) {
                out.put(object.get("kind") + "/" + name, object);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void aNewScheduleChangesOnlyTheSchedule(Path chart) {
        List<Path> preset = List.of(chart.resolve("presets/jobs-nightly-batch.yaml"));
        Map<String, Object> before = jobsObjects(Rendered.of(chart, preset, Map.of()));
        Map<String, Object> after =
                jobsObjects(Rendered.of(chart, preset, Map.of("jobs.apps.nightly.schedule", "15 3 * * 1-5")));

        assertThat(after.keySet()).as("the same objects under the same names").isEqualTo(before.keySet());
        assertThat(before).containsKey("CronJob/" + Rendered.RELEASE + "-job-nightly");
        List<String> differences = new ArrayList<>();
        before.forEach((key, object) -> diff(key, object, after.get(key), differences));
        assertThat(differences).containsExactly("CronJob/" + Rendered.RELEASE + "-job-nightly/spec/schedule");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void aChangedOneOffApplicationIsANewJob(Path chart) {
        List<Path> preset = List.of(chart.resolve("presets/jobs-one-off.yaml"));
        Map<String, Object> before = jobsObjects(Rendered.of(chart, preset, Map.of()));
        Map<String, Object> same = jobsObjects(Rendered.of(chart, preset, Map.of()));
        Map<String, Object> changed =
                jobsObjects(Rendered.of(chart, preset, Map.of("jobs.apps.once.args[0]", "--size=200")));
        List<String> jobs =
                before.keySet().stream().filter(k -> k.startsWith("Job/")).toList();
        assertThat(jobs).singleElement().asString().startsWith("Job/" + Rendered.RELEASE + "-job-once-");
        assertThat(same.keySet()).as("an unchanged application keeps its Job").containsAll(jobs);
        assertThat(changed.keySet()).as("a changed application is a new Job").doesNotContainAnyElementsOf(jobs);
    }

    @SuppressWarnings("unchecked")
    private static void diff(String at, Object a, Object b, List<String> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            java.util.Set<Object> keys =
                    new java.util.TreeSet<>(Map.class.cast(ma).keySet());
            keys.addAll(mb.keySet());
            for (Object key : keys) {
                diff(at + "/" + key, ((Map<Object, Object>) ma).get(key), ((Map<Object, Object>) mb).get(key), out);
            }
        } else if (!java.util.Objects.equals(a, b)) {
            out.add(at);
        }
    }
}

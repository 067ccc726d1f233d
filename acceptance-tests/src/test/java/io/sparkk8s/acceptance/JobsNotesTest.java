package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code helm install} prints about the jobs of a release: each application with the object that runs it and
 * the kubectl lines to watch it, its log and (for a CronJob) a run now. The names and label selectors NOTES prints
 * are checked against the objects the same values render, so a renamed object or a changed label cannot leave
 * NOTES pointing at nothing; on both layouts (the umbrella reads the jobs subchart's values from its root).
 */
class JobsNotesTest {

    static Stream<Path> charts() {
        return Repo.charts().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void notesNameTheObjectsAndPodsOfEachApplication(Path chart) {
        List<Path> preset = List.of(chart.resolve("presets/jobs-one-off.yaml"));
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("jobs.apps.nightly.mainApplicationFile", "local:///opt/spark/examples/src/main/python/pi.py");
        sets.put("jobs.apps.nightly.schedule", "0 2 * * *");
        sets.put("jobs.apps.nightly.timeZone", "Europe/Berlin");
        sets.put("jobs.apps.operated.runner", "sparkApplication");
        sets.put("jobs.apps.operated.mainApplicationFile", "local:///opt/spark/examples/src/main/python/pi.py");
        sets.put("jobs.sparkOperator.skipCapabilitiesCheck", "true");
        Rendered rendered = Rendered.of(chart, preset, sets);
        String notes = notes(chart, preset, sets);

        assertThat(notes)
                .contains("  once: a Job run at install and again whenever the application changes\n")
                .contains("  nightly: CronJob rel-job-nightly, schedule \"0 2 * * *\" (Europe/Berlin)\n")
                .contains("  operated: a SparkApplication of the Spark Operator\n")
                .contains(
                        "    run it now: kubectl create job -n data --from=cronjob/rel-job-nightly rel-job-nightly-now\n");
        List<String> named = new ArrayList<>();
        Matcher objects = Pattern.compile("--from=cronjob/(\\S+)|kubectl get sparkapplication -n data (\\S+)")
                .matcher(notes);
        while (objects.find()) {
            named.add(
                    objects.group(1) != null ? "CronJob/" + objects.group(1) : "SparkApplication/" + objects.group(2));
        }
        assertThat(named)
                .as("objects NOTES names")
                .containsExactlyInAnyOrder("CronJob/rel-job-nightly", "SparkApplication/rel-job-operated");
        List<String> kinds = rendered.objects().stream()
                .map(o -> o.get("kind") + "/" + Rendered.name(o))
                .toList();
        assertThat(kinds).as("rendered objects").containsAll(named);

        Matcher selectors =
                Pattern.compile("kubectl logs -n data -l (\\S+) --tail=200").matcher(notes);
        List<String> selected = new ArrayList<>();
        while (selectors.find()) {
            selected.add(selectors.group(1));
        }
        assertThat(selected).hasSize(2);
        for (String selector : selected) {
            assertThat(rendered.objects().stream()
                            .filter(o -> "Job".equals(o.get("kind")) || "CronJob".equals(o.get("kind")))
                            .filter(o -> matches(selector, podLabels(o))))
                    .as("a Job or CronJob whose pods the selector %s selects", selector)
                    .hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void notesSayNothingAboutJobsWithoutApplications(Path chart) {
        assertThat(notes(chart, List.of(), Map.of())).doesNotContain("Spark applications (jobs.apps)");
    }

    /** The labels of the pods a Job or CronJob creates. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> podLabels(Map<String, Object> object) {
        Map<String, Object> spec = (Map<String, Object>) object.get("spec");
        if ("CronJob".equals(object.get("kind"))) {
            spec = (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
        }
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        return (Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("labels");
    }

    private static boolean matches(String selector, Map<String, Object> labels) {
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (!kv[1].equals(String.valueOf(labels.get(kv[0])))) {
                return false;
            }
        }
        return true;
    }

    /** What {@code helm install} prints after NOTES: (Helm 4, client-side dry run: no cluster). */
    private static String notes(Path chart, List<Path> files, Map<String, String> sets) {
        List<String> command = new ArrayList<>(
                List.of("install", Rendered.RELEASE, chart.toString(), "-n", Rendered.NAMESPACE, "--dry-run=client"));
        files.forEach(f -> command.addAll(List.of("-f", f.toString())));
        sets.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
        HelmCli.HelmResult result = HelmCli.helm4().run(command);
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        return result.stdout().substring(result.stdout().indexOf("NOTES:"));
    }
}

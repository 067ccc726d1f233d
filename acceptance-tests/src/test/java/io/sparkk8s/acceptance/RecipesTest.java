package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.KubernetesVersions;
import io.sparkk8s.core.Values;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * SPEC §10: every operations recipe, on every committed chart it applies to, renders with Helm, passes every
 * verifier gate and has the effect it promises in the rendered objects. A recipe that applies to no chart, or
 * that has no effect check here, fails.
 *
 * <p>The recipes are read from each chart's README (the heading, the command and the overlay a user copies:
 * {@link ChartReadmeFacts}); an effect check is found by the recipe's heading, prefixed with the line where two
 * lines show different overlays under one heading. That every recipe of the catalogue reaches a README is checked
 * in generator-core ({@code CataloguesTest}), next to the catalogue's package-private reader.
 *
 * <p>Recipes are overlays on a running release. The release they are rendered over has S3 (the bundled MinIO)
 * unless the recipe brings its own {@code global.s3.endpoint}, since several recipes are about S3 users.
 */
class RecipesTest {

    private static final String KUBE = KubernetesVersions.HIGHEST;

    /** What each recipe must change, checked on the rendered objects of its release. */
    private static final Map<String, BiConsumer<List<Rendering.Manifest>, String>> EFFECTS = new LinkedHashMap<>();

    static {
        EFFECTS.put("Scrape Spark with Prometheus (kube-prometheus-stack)", (objects, release) -> {
            assertThat(text(objects, "ConfigMap", release + "-spark-wiring"))
                    .contains("spark.metrics.namespace=spark", "spark.ui.prometheus.enabled=true");
            assertThat(text(objects, "PodMonitor", release + "-connect-server-metrics"))
                    .contains("kube-prometheus-stack", "path: /metrics/executors/prometheus");
            assertThat(text(objects, "PrometheusRule", release + "-spark-alerts"))
                    .contains("SparkExecutorsLost");
            assertThat(text(objects, "ConfigMap", release + "-spark-dashboard")).contains("grafana_dashboard");
            assertThat(text(objects, "NetworkPolicy", release + "-connect-server-metrics"))
                    .contains("port: ui");
        });
        EFFECTS.put(
                "Ship Spark's logs to Loki, keep driver logs on S3, link executors to their logs",
                (objects, release) -> {
                    assertThat(text(objects, "StatefulSet", release + "-connect"))
                            .contains("name: log-shipper", "restartPolicy: Always", "name: ensure-driver-log-prefix");
                    assertThat(text(objects, "ConfigMap", release + "-log-shipper"))
                            .contains(
                                    "Name                     loki",
                                    "Host                     loki-gateway.monitoring");
                    assertThat(wiringConf(objects, release))
                            .contains(
                                    "spark.driver.log.dfsDir=s3a://spark-logs/driver-logs",
                                    "spark.ui.custom.executor.log.url=https://grafana.example.com/");
                });
        EFFECTS.put("Scrape Spark by prometheus.io annotations (no prometheus-operator)", (objects, release) -> {
            assertThat(text(objects, "StatefulSet", release + "-connect"))
                    .contains("\"prometheus.io/scrape\": \"true\"", "\"prometheus.io/port\": \"4040\"")
                    .contains("\"prometheus.io/path\": \"/metrics/prometheus/\"");
            assertThat(objects).noneMatch(o -> "PodMonitor".equals(o.kind()));
        });
        EFFECTS.put(
                "Scrape the JVMs with the Prometheus JMX exporter (the History Server included)",
                (objects, release) -> {
                    String agent = "-javaagent:/opt/spark/jmx/jmx_prometheus_javaagent-1.0.1.jar=9404:"
                            + "/opt/spark-k8s/jmx/jmx-exporter.yaml";
                    assertThat(sparkConf(objects, release + "-history-server"))
                            .contains("spark.driver.defaultJavaOptions=" + agent);
                    assertThat(sparkConf(objects, release + "-connect"))
                            .contains("spark.driver.defaultJavaOptions=" + agent);
                    assertThat(text(objects, "ConfigMap", release + "-connect")).contains("name: JAVA_TOOL_OPTIONS");
                    assertThat(text(objects, "PodMonitor", release + "-history-server-server-metrics"))
                            .contains("port: jmx", "path: /metrics");
                    assertThat(text(objects, "PrometheusRule", release + "-spark-alerts"))
                            .contains("SparkJvmHeapNearlyFull");
                });
        EFFECTS.put("The Connect server (the driver) runs out of memory", (objects, release) -> {
            assertThat(sparkConf(objects, release + "-connect")).contains("spark.driver.memory=4g");
            assertThat(text(objects, "StatefulSet", release + "-connect")).contains("memory: \"5Gi\"");
        });
        EFFECTS.put("Executors run out of memory or are OOMKilled", (objects, release) -> assertThat(
                        sparkConf(objects, release + "-connect"))
                .contains("spark.executor.memory=4g", "spark.executor.memoryOverhead=1024m"));
        EFFECTS.put("Keep finished applications visible (event log + History Server on S3)", (objects, release) -> {
            assertThat(sparkConf(objects, release + "-connect"))
                    .contains("spark.eventLog.enabled=true", "spark.eventLog.dir=s3a://spark-logs/events");
            assertThat(sparkConf(objects, release + "-history-server"))
                    .contains("spark.history.fs.logDirectory=s3a://spark-logs/events");
        });
        EFFECTS.put("More executors on Kubernetes (dynamic allocation)", (objects, release) -> assertThat(
                        sparkConf(objects, release + "-connect"))
                .contains(
                        "spark.master=k8s://",
                        "spark.dynamicAllocation.enabled=true",
                        "spark.dynamicAllocation.minExecutors=1",
                        "spark.dynamicAllocation.maxExecutors=20",
                        "spark.dynamicAllocation.shuffleTracking.enabled=true",
                        "spark.executor.cores=2")
                .doesNotContain("spark.executor.instances="));
        EFFECTS.put("More executors on the standalone backend", (objects, release) -> {
            assertThat(sparkConf(objects, release + "-connect"))
                    .contains("spark.master=spark://" + release + "-standalone-master:7077");
            assertThat(text(objects, "Deployment", release + "-standalone-worker"))
                    .contains("replicas: 4", "--cores 2 --memory 3g");
        });
        EFFECTS.put("Move Connect from the standalone backend to Kubernetes executors", (objects, release) -> {
            assertThat(sparkConf(objects, release + "-connect"))
                    .contains("spark.master=k8s://", "spark.dynamicAllocation.maxExecutors=10");
            text(objects, "Role", release + "-connect");
            assertThat(Rendering.find(objects, "Deployment", release + "-standalone-master"))
                    .isEmpty();
        });
        EFFECTS.put("Use an external Hive Metastore", (objects, release) -> {
            assertThat(sparkConf(objects, release + "-connect"))
                    .contains(
                            "spark.hive.metastore.uris=thrift://metastore.data-platform.svc:9083",
                            "spark.sql.warehouse.dir=s3a://lake/warehouse");
            assertThat(Rendering.find(objects, "Deployment", release + "-hive-metastore"))
                    .isEmpty();
        });
        EFFECTS.put("Use an external S3 endpoint with credentials from an existing Secret", (objects, release) -> {
            // the S3A settings (and jars) reach every Spark process through the release's wiring, S3 being used
            assertThat(wiringConf(objects, release))
                    .contains(
                            "spark.jars.packages=org.apache.hadoop:hadoop-aws:",
                            "spark.hadoop.fs.s3a.endpoint=https://s3.eu-west-1.amazonaws.com",
                            "spark.hadoop.fs.s3a.path.style.access=false",
                            "spark.hadoop.fs.s3a.connection.ssl.enabled=true",
                            "spark.hadoop.fs.s3a.endpoint.region=eu-west-1");
            assertThat(text(objects, "StatefulSet", release + "-connect")).contains("name: spark-s3-credentials");
            assertThat(objects)
                    .noneMatch(m -> m.kind().equals("Secret") && m.text().contains("AWS_SECRET_ACCESS_KEY"));
        });
        EFFECTS.put("Air-gapped cluster: S3A jars baked into the Spark image", (objects, release) -> {
            // S3 is used (the bundled S3 store): the S3A settings stay, and no jar is resolved at start
            assertThat(wiringConf(objects, release))
                    .contains("spark.hadoop.fs.s3a.endpoint=")
                    .doesNotContain("spark.jars.packages");
            assertThat(sparkConf(objects, release + "-connect"))
                    .doesNotContain("spark.jars.packages")
                    .contains("spark.kubernetes.container.image=registry.example.com/spark-s3a:");
        });
        EFFECTS.put("A new team's stack in its own namespace", (objects, release) -> {
            assertThat(release).isEqualTo("team-a");
            assertThat(sparkConf(objects, "team-a-connect")).contains("spark.kubernetes.namespace=team-a");
            assertThat(text(objects, "RoleBinding", "team-a-connect")).contains("namespace: team-a");
            assertThat(objects)
                    .extracting(Rendering.Manifest::kind)
                    .doesNotContain("ClusterRole", "ClusterRoleBinding");
            assertThat(objects)
                    .allMatch(m -> m.name().startsWith("team-a-"), "every object is named team-a-<component>");
        });
        EFFECTS.put("Kerberos keytab for HDFS or Hive access", (objects, release) -> {
            assertThat(text(objects, "StatefulSet", release + "-connect"))
                    .contains("secretName: spark-keytab", "mountPath: /etc/security/keytabs", "name: krb5-conf");
            assertThat(sparkConf(objects, release + "-connect"))
                    .contains(
                            "spark.kerberos.principal=spark/connect@EXAMPLE.COM",
                            "spark.kerberos.keytab=/etc/security/keytabs/spark.keytab",
                            "spark.driver.extraJavaOptions=-Djava.security.krb5.conf=/etc/krb5/krb5.conf");
        });
        EFFECTS.put(
                "Track experiments with MLflow from notebooks and DAGs (the MLflow listener)", (objects, release) -> {
                    assertThat(text(objects, "Deployment", release + "-jupyter"))
                            .contains("name: " + release + "-app-wiring");
                    assertThat(text(objects, "ConfigMap", release + "-app-wiring"))
                            .contains("MLFLOW_TRACKING_URI: http://" + release + "-mlflow:5000");
                    assertThat(text(objects, "Deployment", release + "-mlflow"))
                            .contains("value: s3://mlflow/experiments", "value: " + release + "-postgresql:5432");
                    assertThat(text(objects, "Service", release + "-mlflow")).contains("port: 5000");
                });
        EFFECTS.put(
                "3.5: Argo CD, Flux or helm template | kubectl apply (bring your own Secrets)", (objects, release) -> {
                    // nothing generated that helm template would re-randomise on every render
                    assertThat(objects)
                            .filteredOn(m -> m.kind().equals("Secret"))
                            .isEmpty();
                    assertThat(text(objects, "Deployment", release + "-postgresql"))
                            .contains("name: spark-postgresql");
                    assertThat(text(objects, "Deployment", release + "-airflow-scheduler"))
                            .contains("name: spark-airflow", "name: spark-postgresql");
                    assertThat(text(objects, "Deployment", release + "-jupyter"))
                            .contains("name: spark-jupyter");
                    assertThat(text(objects, "StatefulSet", release + "-connect"))
                            .contains("name: spark-s3-credentials");
                });
        EFFECTS.put(
                "4.1: Argo CD, Flux or helm template | kubectl apply (bring your own Secrets)", (objects, release) -> {
                    // the 4.1 chart's Connect token and certificate too: nothing generated for helm template to
                    // re-randomise
                    assertThat(objects)
                            .filteredOn(m -> m.kind().equals("Secret"))
                            .isEmpty();
                    assertThat(text(objects, "StatefulSet", release + "-connect"))
                            .contains("name: spark-connect-token", "secretName: \"spark-connect-tls\"");
                    assertThat(text(objects, "Deployment", release + "-jupyter"))
                            .contains("name: spark-connect-token", "secretName: \"spark-connect-tls\"");
                    assertThat(text(objects, "Deployment", release + "-airflow-scheduler"))
                            .contains("name: spark-connect-token", "secretName: \"spark-connect-tls\"");
                });
        EFFECTS.put("Use Spark Connect from another namespace or a laptop", (objects, release) -> assertThat(
                        text(objects, "NetworkPolicy", release + "-network-policy"))
                .contains("- \"analytics\"", "- \"ingress-nginx\"", "port: 15002"));
        EFFECTS.put("Keep the event-log bucket small (History Server cleaner)", (objects, release) -> assertThat(
                        sparkConf(objects, release + "-history-server"))
                .contains(
                        "spark.history.fs.cleaner.enabled=true",
                        "spark.history.fs.cleaner.interval=12h",
                        "spark.history.fs.cleaner.maxAge=14d",
                        "spark.history.fs.cleaner.maxNum=5000"));
        EFFECTS.put("Expose the UIs through an Ingress with a class and TLS", (objects, release) -> assertThat(
                        text(objects, "Ingress", release + "-ingress"))
                .contains(
                        "ingressClassName: \"nginx\"",
                        "secretName: spark-ui-tls",
                        "host: \"spark-ui.example.com\"",
                        "cert-manager.io/cluster-issuer"));
        EFFECTS.put("Schedule Spark with Volcano (gang, queue, priority)", (objects, release) -> {
            assertThat(text(objects, "PodGroup", release + "-connect"))
                    .contains("queue: \"spark\"", "priorityClassName: \"spark-batch\"");
            assertThat(text(objects, "StatefulSet", release + "-connect"))
                    .contains("schedulerName: volcano", "scheduling.k8s.io/group-name");
            assertThat(text(objects, "ConfigMap", release + "-connect")).contains("schedulerName: volcano");
        });
        EFFECTS.put(
                "Put a job into a batch scheduler's queue (YuniKorn or Volcano), with scratch space in memory",
                (objects, release) -> {
                    assertThat(text(objects, "CronJob", release + "-job-nightly"))
                            .contains(
                                    "schedulerName: yunikorn",
                                    "yunikorn.apache.org/queue: \"root.etl\"",
                                    "yunikorn.apache.org/task-groups",
                                    "\\\"minMember\\\":4",
                                    "4480Mi");
                    assertThat(sparkConf(objects, release + "-job-nightly"))
                            .contains(
                                    "spark.kubernetes.local.dirs.tmpfs=true",
                                    "spark.executor.memoryOverhead=2432m",
                                    "spark.kubernetes.executor.annotation.yunikorn.apache.org/task-group-name=spark-executor");
                });
        EFFECTS.put("Give a team's namespace a ResourceQuota and default requests", (objects, release) -> {
            assertThat(text(objects, "ResourceQuota", release + "-quota"))
                    .contains("requests.cpu: \"24\"", "limits.memory: \"96Gi\"", "pods: \"60\"")
                    .doesNotContain("limits.cpu");
            assertThat(text(objects, "LimitRange", release + "-limits"))
                    .contains("defaultRequest:", "memory: \"512Mi\"");
        });
        EFFECTS.put("Fit the release into a namespace ResourceQuota", (objects, release) -> {
            assertThat(sparkConf(objects, release + "-connect"))
                    .contains(
                            "spark.executor.instances=4",
                            "spark.executor.memoryOverhead=1024m",
                            "spark.kubernetes.executor.request.cores=500m",
                            "spark.kubernetes.executor.limit.cores=1");
            assertThat(text(objects, "StatefulSet", release + "-connect")).contains("cpu: \"2\"", "memory: \"3Gi\"");
        });
        EFFECTS.put("Run a Spark application once", (objects, release) -> {
            Rendering.Manifest job = objects.stream()
                    .filter(m -> m.kind().equals("Job") && m.name().startsWith(release + "-job-backfill-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Job " + release + "-job-backfill-<hash>"));
            assertThat(job.text())
                    .contains(
                            "ttlSecondsAfterFinished: 86400",
                            "fieldPath: metadata.name",
                            "spark.kubernetes.driver.pod.name=${POD_NAME}",
                            "value: /opt/spark/examples/src/main/python/pi.py");
            assertThat(sparkConf(objects, release + "-job-backfill"))
                    .contains("spark.master=k8s://", "spark.submit.deployMode=client");
        });
        EFFECTS.put("Run a Spark application every night", (objects, release) -> {
            assertThat(text(objects, "CronJob", release + "-job-nightly"))
                    .contains("schedule: \"30 1 * * *\"", "timeZone: \"Europe/Berlin\"", "concurrencyPolicy: Forbid");
            assertThat(sparkConf(objects, release + "-job-nightly"))
                    .contains("spark.eventLog.enabled=true", "spark.eventLog.dir=s3a://spark-logs/events");
            assertThat(sparkConf(objects, release + "-history-server"))
                    .contains("spark.history.fs.logDirectory=s3a://spark-logs/events");
        });
        EFFECTS.put("Cap the run time of a job", (objects, release) -> assertThat(
                        text(objects, "CronJob", release + "-job-nightly"))
                .contains(
                        "activeDeadlineSeconds: 5400",
                        "backoffLimit: 2",
                        "startingDeadlineSeconds: 600",
                        "type: DisruptionTarget",
                        "action: FailJob"));
        EFFECTS.put("Where do I put my .py?", (objects, release) -> {
            assertThat(text(objects, "ConfigMap", release + "-job-etl")).contains("main.py: |");
            assertThat(sparkConf(objects, release + "-job-etl"))
                    .contains("spark.submit.pyFiles=s3a://spark-jobs/lib/helpers.zip");
            Rendering.Manifest job = objects.stream()
                    .filter(m -> m.kind().equals("Job") && m.name().startsWith(release + "-job-etl-"))
                    .findFirst()
                    .orElseThrow();
            assertThat(job.text()).contains("value: /opt/spark-k8s/app/main.py", "mountPath: /opt/spark-k8s/app");
        });
    }

    private static final Verifier VERIFIER = Verifier.builder()
            .kubeVersions(List.of(KubernetesVersions.LOWEST, KUBE))
            // objects the recipes tell the user to create beforehand
            .externalRef("Secret", "spark-s3-credentials")
            .externalRef("Secret", "spark-keytab")
            .externalRef("ConfigMap", "krb5-conf")
            .externalRef("Secret", "spark-ui-tls")
            .externalRef("Secret", "spark-postgresql")
            .externalRef("Secret", "spark-airflow")
            .externalRef("Secret", "spark-jupyter")
            .externalRef("Secret", "spark-connect-token")
            .externalRef("Secret", "spark-connect-tls")
            .build();

    @TempDir
    static Path work;

    @Test
    void everyRecipeAChartShowsHasAnEffectCheckAndEveryCheckARecipe() {
        Set<String> shown = new java.util.TreeSet<>();
        for (Path chart : Repo.charts()) {
            for (ChartReadmeFacts.Recipe recipe : ChartReadmeFacts.recipes(chart)) {
                shown.add(effectKey(chart, recipe));
            }
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(EFFECTS.keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyRecipeRendersVerifiesAndHasItsEffect() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chart : Repo.charts()) {
            for (ChartReadmeFacts.Recipe recipe : ChartReadmeFacts.recipes(chart)) {
                tests.add(DynamicTest.dynamicTest(
                        chart.getFileName() + " × " + recipe.title(), () -> check(chart, recipe)));
            }
        }
        return tests.stream();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChartReadmesShowARecipeExactlyWhereItsTopLevelKeysExist() throws IOException {
        for (Path chart : Repo.charts()) {
            Map<String, Object> schema =
                    (Map<String, Object>) new Load(LoadSettings.builder().build())
                            .loadFromString(Files.readString(chart.resolve("values.schema.json")));
            Set<String> keys = ((Map<String, Object>) schema.get("properties")).keySet();
            List<ChartReadmeFacts.Recipe> recipes = ChartReadmeFacts.recipes(chart);
            assertThat(recipes).as("recipes of %s", chart.getFileName()).isNotEmpty();
            for (ChartReadmeFacts.Recipe recipe : recipes) {
                assertThat(keys)
                        .as("top-level keys of %s, which recipe '%s' sets", chart.getFileName(), recipe.title())
                        .containsAll(recipe.values().keySet());
            }
        }
    }

    /** The key of a recipe's effect check: its heading, or the line and heading where both lines share one. */
    private static String effectKey(Path chart, ChartReadmeFacts.Recipe recipe) {
        String line = chart.getFileName().toString().substring("spark-".length());
        String qualified = line + ": " + recipe.title();
        return EFFECTS.containsKey(qualified) ? qualified : recipe.title();
    }

    private static void check(Path chart, ChartReadmeFacts.Recipe recipe) {
        Map<String, Object> release = hasOwnS3(recipe) ? Map.of() : Map.of("minio", Map.of("enabled", true));
        Path values = Rendering.writeValues(
                work.resolve(chart.getFileName() + "-"
                        + Integer.toHexString(recipe.title().hashCode()) + ".yaml"),
                Values.merge(release, recipe.values()));
        String namespace = recipe.namespace().isEmpty() ? "spark" : recipe.namespace();

        VerificationReport report = VERIFIER.toBuilder()
                .releaseName(recipe.release())
                .namespace(namespace)
                .build()
                .verify(chart, List.of(values));
        assertThat(report.findings()).as(report.format()).isEmpty();

        List<Rendering.Manifest> objects =
                Rendering.manifests(Rendering.template(chart, values, recipe.release(), namespace, KUBE));
        BiConsumer<List<Rendering.Manifest>, String> effect = EFFECTS.get(effectKey(chart, recipe));
        assertThat(effect).as("effect check of '%s'", recipe.title()).isNotNull();
        effect.accept(objects, recipe.release());
    }

    @SuppressWarnings("unchecked")
    private static boolean hasOwnS3(ChartReadmeFacts.Recipe recipe) {
        Object global = recipe.values().get("global");
        return global instanceof Map<?, ?> g && g.get("s3") instanceof Map<?, ?> s3 && s3.get("endpoint") != null;
    }

    private static String text(List<Rendering.Manifest> objects, String kind, String name) {
        return Rendering.find(objects, kind, name)
                .map(Rendering.Manifest::text)
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; rendered: "
                        + objects.stream().map(m -> m.kind() + "/" + m.name()).toList()));
    }

    /** The wiring.conf of the release's spark-wiring ConfigMap (what every Spark process reads first). */
    @SuppressWarnings("unchecked")
    private static String wiringConf(List<Rendering.Manifest> objects, String release) {
        text(objects, "ConfigMap", release + "-spark-wiring");
        Map<String, Object> data = (Map<String, Object>) Rendering.find(objects, "ConfigMap", release + "-spark-wiring")
                .orElseThrow()
                .content()
                .get("data");
        return String.valueOf(data.get("wiring.conf"));
    }

    /** The spark-defaults.conf a block's ConfigMap carries. */
    @SuppressWarnings("unchecked")
    private static String sparkConf(List<Rendering.Manifest> objects, String configMap) {
        text(objects, "ConfigMap", configMap);
        Map<String, Object> data = (Map<String, Object>) Rendering.find(objects, "ConfigMap", configMap)
                .orElseThrow()
                .content()
                .get("data");
        return String.valueOf(data.get("spark-defaults.conf"));
    }
}

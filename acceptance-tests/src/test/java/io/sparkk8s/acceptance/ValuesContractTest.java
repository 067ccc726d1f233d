package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5: every path of the values-contract table, set with {@code --set} on the committed spark-4.1 chart
 * and rendered by the real Helm 4 CLI, reaches the Kubernetes field or Spark setting it promises.
 */
class ValuesContractTest {

    private static final Path CHART = Repo.CHARTS.resolve("spark-4.1");
    private static final String R = Rendered.RELEASE;

    private static Rendered render(String... pairs) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            sets.put(pairs[i], pairs[i + 1]);
        }
        return Rendered.of(CHART, List.of(), sets);
    }

    private static HelmCli.HelmResult fails(String... pairs) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            sets.put(pairs[i], pairs[i + 1]);
        }
        HelmCli.HelmResult result = Rendered.template(CHART, List.of(), sets);
        assertThat(result.succeeded())
                .as("expected helm template to fail for %s", sets)
                .isFalse();
        return result;
    }

    @Nested
    class Connect {

        @Test
        void enabledReplicasImageAndResourcesShapeTheServerWorkload() {
            assertThat(render("connect.enabled", "false").has("StatefulSet", R + "-connect"))
                    .isFalse();
            Rendered out = render(
                    "connect.replicas",
                    "3",
                    "connect.image.tag",
                    "4.1.3-scala2.13-java21-python3-ubuntu",
                    "connect.resources.requests.cpu",
                    "3",
                    "connect.resources.limits.memory",
                    "6Gi");
            Map<String, Object> sts = out.object("StatefulSet", R + "-connect");
            assertThat(((Map<?, ?>) sts.get("spec")).get("replicas")).isEqualTo(3);
            Map<String, Object> server = out.container("StatefulSet", R + "-connect", "connect");
            assertThat(server.get("image")).isEqualTo("apache/spark:4.1.3-scala2.13-java21-python3-ubuntu");
            assertThat(server.get("resources").toString()).contains("cpu=3").contains("memory=6Gi");
            assertThat(out.connectConf())
                    .containsEntry(
                            "spark.kubernetes.container.image", "apache/spark:4.1.3-scala2.13-java21-python3-ubuntu");
        }

        @Test
        void backendModeChoosesTheSparkMaster() {
            assertThat(render("connect.backendMode", "k8s").connectConf())
                    .containsEntry("spark.master", "k8s://https://kubernetes.default.svc");
            assertThat(render("connect.backendMode", "standalone", "standalone.enabled", "true")
                            .connectConf())
                    .containsEntry("spark.master", "spark://" + R + "-standalone-master:7077");
            assertThat(render(
                                    "connect.backendMode",
                                    "standalone",
                                    "connect.standalone.masterUrl",
                                    "spark://spark-master.other:7077")
                            .connectConf())
                    .containsEntry("spark.master", "spark://spark-master.other:7077");
            assertThat(render("connect.backendMode", "local").connectConf()).containsEntry("spark.master", "local[*]");
        }

        @Test
        void driverKeysBecomeDriverSettings() {
            Rendered out = render(
                    "connect.driver.memory",
                    "4g",
                    "connect.driver.memoryOverhead",
                    "1g",
                    "connect.driver.host",
                    "connect.example.internal");
            assertThat(out.connectConf())
                    .containsEntry("spark.driver.memory", "4g")
                    .containsEntry("spark.driver.memoryOverhead", "1g");
            Map<String, Object> server = out.container("StatefulSet", R + "-connect", "connect");
            assertThat(Rendered.env(server).get("SPARK_DRIVER_HOST"))
                    .containsEntry("value", "connect.example.internal");
            assertThat(server.get("args").toString()).contains("spark.driver.host=${SPARK_DRIVER_HOST}");
        }

        @Test
        void theDriverHostDefaultsToThePodsNameOnTheHeadlessService() {
            Rendered out = render();
            Map<String, Object> server = out.container("StatefulSet", R + "-connect", "connect");
            assertThat(Rendered.env(server).get("SPARK_DRIVER_HOST"))
                    .containsEntry("value", "$(POD_NAME)." + R + "-connect-driver." + Rendered.NAMESPACE + ".svc");
            assertThat(out.object("Service", R + "-connect-driver").get("spec").toString())
                    .contains("clusterIP=None");
        }

        @Test
        void executorKeysBecomeExecutorSettings() {
            Map<String, String> conf = render(
                            "connect.executor.memory",
                            "3g",
                            "connect.executor.memoryOverhead",
                            "512m",
                            "connect.executor.cores",
                            "4")
                    .connectConf();
            assertThat(conf)
                    .containsEntry("spark.executor.memory", "3g")
                    .containsEntry("spark.executor.memoryOverhead", "512m")
                    .containsEntry("spark.executor.cores", "4");
        }

        @Test
        void aKeyOfOneLineOnlyWorksThereAndIsRejectedOnTheOther() {
            assertThat(render("connect.executor.minMemoryOverhead", "512m").connectConf())
                    .containsEntry("spark.executor.minMemoryOverhead", "512m");
            HelmCli.HelmResult on35 = Rendered.template(
                    Repo.CHARTS.resolve("spark-3.5"), List.of(), Map.of("connect.executor.minMemoryOverhead", "512m"));
            assertThat(on35.succeeded()).isFalse();
            assertThat(on35.stderr()).contains("minMemoryOverhead");
        }

        @Test
        void anExecutorMemoryLimitWithoutOverheadDerivesTheOverhead() {
            assertThat(render("connect.executor.memory", "2g", "connect.executor.memoryLimit", "3Gi")
                            .connectConf())
                    .containsEntry("spark.executor.memoryOverhead", "1024m");
        }

        @Test
        void anExecutorMemoryLimitBelowMemoryPlusOverheadIsRejected() {
            assertThat(fails(
                                    "connect.executor.memory",
                                    "2g",
                                    "connect.executor.memoryOverhead",
                                    "1g",
                                    "connect.executor.memoryLimit",
                                    "2Gi")
                            .stderr())
                    .contains(
                            "connect.executor.memoryLimit 2Gi is below executor.memory 2g + executor.memoryOverhead 1g");
            assertThat(fails("connect.executor.memory", "2g", "connect.executor.memoryLimit", "2Gi")
                            .stderr())
                    .contains("connect.executor.memoryLimit 2Gi must be above connect.executor.memory 2g");
        }

        @Test
        void dynamicAllocationComesWithShuffleTrackingOnKubernetes() {
            Map<String, String> conf = render(
                            "connect.dynamicAllocation.enabled",
                            "true",
                            "connect.dynamicAllocation.minExecutors",
                            "2",
                            "connect.dynamicAllocation.maxExecutors",
                            "30")
                    .connectConf();
            assertThat(conf)
                    .containsEntry("spark.dynamicAllocation.enabled", "true")
                    .containsEntry("spark.dynamicAllocation.minExecutors", "2")
                    .containsEntry("spark.dynamicAllocation.maxExecutors", "30")
                    .containsEntry("spark.dynamicAllocation.shuffleTracking.enabled", "true")
                    .doesNotContainKey("spark.executor.instances");
        }

        @Test
        void dynamicAllocationWithoutShuffleTrackingOnKubernetesIsRejected() {
            assertThat(fails(
                                    "connect.dynamicAllocation.enabled",
                                    "true",
                                    "connect.sparkConf.spark\\.dynamicAllocation\\.shuffleTracking\\.enabled",
                                    "false")
                            .stderr())
                    .contains("shuffle tracking");
        }

        @Test
        void eventLogKeysBecomeEventLogSettings() {
            Map<String, String> conf = render(
                            "connect.eventLog.enabled",
                            "true",
                            "connect.eventLog.dir",
                            "s3a://audit/spark",
                            "connect.eventLog.compress",
                            "false",
                            "minio.enabled",
                            "true")
                    .connectConf();
            assertThat(conf)
                    .containsEntry("spark.eventLog.enabled", "true")
                    .containsEntry("spark.eventLog.dir", "s3a://audit/spark")
                    .containsEntry("spark.eventLog.compress", "false");
        }

        @Test
        void sparkConfIsPassedThroughAndWins() {
            Map<String, String> conf = render(
                            "connect.sparkConf.spark\\.sql\\.shuffle\\.partitions",
                            "17",
                            "connect.sparkConf.spark\\.executor\\.cores",
                            "3")
                    .connectConf();
            assertThat(conf)
                    .containsEntry("spark.sql.shuffle.partitions", "17")
                    .containsEntry("spark.executor.cores", "3");
        }

        @Test
        @SuppressWarnings("unchecked")
        void extraVolumesAndMountsReachTheServerPod() {
            Rendered out = render(
                    "connect.extraVolumes[0].name",
                    "keytab",
                    "connect.extraVolumes[0].secret.secretName",
                    "spark-keytab",
                    "connect.extraVolumeMounts[0].name",
                    "keytab",
                    "connect.extraVolumeMounts[0].mountPath",
                    "/etc/security/keytabs",
                    "connect.extraEnv[0].name",
                    "KRB5_CONFIG",
                    "connect.extraEnv[0].value",
                    "/etc/krb5.conf");
            assertThat((List<Object>) out.podSpec("StatefulSet", R + "-connect").get("volumes"))
                    .contains((Object) Map.of("name", "keytab", "secret", Map.of("secretName", "spark-keytab")));
            Map<String, Object> server = out.container("StatefulSet", R + "-connect", "connect");
            assertThat((List<Object>) server.get("volumeMounts"))
                    .contains((Object) Map.of("name", "keytab", "mountPath", "/etc/security/keytabs"));
            assertThat(Rendered.env(server).get("KRB5_CONFIG")).containsEntry("value", "/etc/krb5.conf");
        }

        @Test
        void extraEnvReplacesAComputedEntryInsteadOfDuplicatingIt() {
            Map<String, Object> server = render(
                            "connect.extraEnv[0].name", "SPARK_DRIVER_HOST", "connect.extraEnv[0].value", "mine")
                    .container("StatefulSet", R + "-connect", "connect");
            assertThat(server.get("env").toString().split("name=SPARK_DRIVER_HOST", -1))
                    .hasSize(2);
            assertThat(Rendered.env(server).get("SPARK_DRIVER_HOST")).containsEntry("value", "mine");
        }
    }

    @Nested
    class OtherBlocks {

        @Test
        void hiveMetastoreGivesSparkTheMetastoreAndTheWarehouse() {
            Rendered out = render(
                    "hiveMetastore.enabled",
                    "true",
                    "postgresql.enabled",
                    "true",
                    "minio.enabled",
                    "true",
                    "hiveMetastore.warehouseDir",
                    "s3a://lake/warehouse");
            assertThat(out.connectConf())
                    .containsEntry("spark.hive.metastore.uris", "thrift://" + R + "-hive-metastore:9083")
                    .containsEntry("spark.sql.warehouse.dir", "s3a://lake/warehouse")
                    .containsEntry("spark.sql.catalogImplementation", "hive");
            assertThat(out.configData(R + "-hive-metastore", "hive-site.xml"))
                    .contains("<value>s3a://lake/warehouse</value>")
                    .contains("<value>jdbc:postgresql://" + R + "-postgresql:5432/hive</value>");
            assertThat(out.object("Service", R + "-hive-metastore").get("spec").toString())
                    .contains("port=9083");
        }

        @Test
        void historyServerKeysReachTheHistoryServer() {
            Rendered out = render(
                    "historyServer.enabled",
                    "true",
                    "minio.enabled",
                    "true",
                    "historyServer.logDirectory",
                    "s3a://audit/spark",
                    "historyServer.resources.limits.memory",
                    "3Gi",
                    "historyServer.sparkConf.spark\\.history\\.retainedApplications",
                    "25");
            Map<String, String> conf = out.sparkConf(R + "-history-server", "spark-defaults.conf");
            assertThat(conf)
                    .containsEntry("spark.history.fs.logDirectory", "s3a://audit/spark")
                    .containsEntry("spark.history.retainedApplications", "25");
            assertThat(out.container("Deployment", R + "-history-server", "history-server")
                            .get("resources")
                            .toString())
                    .contains("memory=3Gi");
        }

        @Test
        void minioIsTheDefaultS3EndpointOfEveryS3User() {
            Rendered out = render("minio.enabled", "true", "historyServer.enabled", "true");
            assertThat(out.connectConf()).containsEntry("spark.hadoop.fs.s3a.endpoint", "http://" + R + "-minio:9000");
            // the History Server reads the same wiring (S3A settings and jars) as Connect
            assertThat(out.sparkConf(R + "-spark-wiring", "wiring.conf"))
                    .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://" + R + "-minio:9000")
                    .hasEntrySatisfying(
                            "spark.jars.packages", v -> assertThat(v).contains("hadoop-aws"));
            assertThat(out.podSpec("Deployment", R + "-history-server").toString())
                    .contains("/opt/spark-k8s/wiring");
            assertThat(out.has("Deployment", R + "-minio")).isTrue();
        }

        @Test
        void standaloneKeysShapeTheWorkers() {
            Rendered out = render(
                    "standalone.enabled",
                    "true",
                    "standalone.worker.replicas",
                    "4",
                    "standalone.worker.cores",
                    "3",
                    "standalone.worker.memory",
                    "5g");
            assertThat(((Map<?, ?>) out.object("Deployment", R + "-standalone-worker")
                                    .get("spec"))
                            .get("replicas"))
                    .isEqualTo(4);
            assertThat(out.container("Deployment", R + "-standalone-worker", "worker")
                            .get("args")
                            .toString())
                    .contains("--cores 3 --memory 5g")
                    .contains("spark://" + R + "-standalone-master:7077");
            assertThat(out.object("Service", R + "-standalone-master")
                            .get("spec")
                            .toString())
                    .contains("port=7077")
                    .contains("port=8080");
        }
    }

    @Nested
    class Global {

        @Test
        void globalS3IsTheOneS3ConfigurationOfEverySparkProcess() {
            Rendered out = render(
                    "global.s3.endpoint",
                    "https://s3.eu-west-1.amazonaws.com",
                    "global.s3.existingSecret",
                    "team-s3",
                    "global.s3.pathStyleAccess",
                    "false",
                    "global.s3.sslEnabled",
                    "true",
                    "global.s3.region",
                    "eu-west-1",
                    "historyServer.enabled",
                    "true");
            for (Map<String, String> conf :
                    List.of(out.connectConf(), out.sparkConf(R + "-spark-wiring", "wiring.conf"))) {
                assertThat(conf)
                        .containsEntry("spark.hadoop.fs.s3a.endpoint", "https://s3.eu-west-1.amazonaws.com")
                        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "false")
                        .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "true")
                        .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1");
            }
            Map<String, Object> server = out.container("StatefulSet", R + "-connect", "connect");
            assertThat(Rendered.env(server).get("AWS_SECRET_ACCESS_KEY").toString())
                    .contains("name=team-s3");
            assertThat(out.has("Secret", R + "-s3"))
                    .as("no generated Secret with existingSecret")
                    .isFalse();
        }

        @Test
        void explicitS3CredentialsGoToTheGeneratedSecretOnly() {
            Rendered out = render(
                    "global.s3.endpoint",
                    "http://s3.internal:9000",
                    "global.s3.accessKey",
                    "AKIA-CONTRACT",
                    "global.s3.secretKey",
                    "secret-contract-value");
            assertThat(out.object("Secret", R + "-s3").get("data").toString())
                    .contains(java.util.Base64.getEncoder().encodeToString("secret-contract-value".getBytes()));
            assertThat(out.objects()
                            .toString()
                            .replace(
                                    java.util.Base64.getEncoder().encodeToString("secret-contract-value".getBytes()),
                                    ""))
                    .doesNotContain("secret-contract-value");
        }

        @Test
        void networkPolicyAdmitsTheReleaseAndTheAllowedNamespacesToEnabledEndpointsOnly() {
            assertThat(render().has("NetworkPolicy", R + "-network-policy")).isFalse();
            Rendered out = render(
                    "networkPolicy.enabled",
                    "true",
                    "networkPolicy.allowNamespaces[0]",
                    "ingress-nginx",
                    "historyServer.enabled",
                    "true",
                    "minio.enabled",
                    "true");
            String policy = out.object("NetworkPolicy", R + "-network-policy").toString();
            // the web UIs and the Connect port; MinIO's S3 API (9000) only with exposeInternal (LeastExposureTest)
            assertThat(policy)
                    .contains("app.kubernetes.io/instance=" + R)
                    .contains("values=[ingress-nginx]")
                    .contains("port=15002")
                    .contains("port=18080")
                    .contains("port=9001")
                    .doesNotContain("port=9000")
                    .doesNotContain("port=9083")
                    .doesNotContain("port=7077");
            assertThat(render(
                                    "networkPolicy.enabled",
                                    "true",
                                    "networkPolicy.allowNamespaces[0]",
                                    "ingress-nginx",
                                    "networkPolicy.exposeInternal",
                                    "true",
                                    "minio.enabled",
                                    "true")
                            .object("NetworkPolicy", R + "-network-policy")
                            .toString())
                    .contains("port=9000");
        }

        @Test
        void monitoringTurnsOnThePrometheusServletOfEverySparkProcess() {
            assertThat(render().sparkConf(R + "-spark-wiring", "wiring.conf"))
                    .doesNotContainKey("spark.metrics.conf.*.sink.prometheusServlet.class");
            assertThat(render("monitoring.enabled", "true").connectConf())
                    .containsEntry(
                            "spark.metrics.conf.*.sink.prometheusServlet.class",
                            "org.apache.spark.metrics.sink.PrometheusServlet")
                    .containsEntry("spark.ui.prometheus.enabled", "true");
        }

        @Test
        void ingressRoutesToTheEnabledUis() {
            Rendered out = render(
                    "ingress.enabled",
                    "true",
                    "ingress.className",
                    "nginx",
                    "ingress.hosts.historyServer",
                    "history.example.com",
                    "historyServer.enabled",
                    "true",
                    "minio.enabled",
                    "true");
            String ingress = out.object("Ingress", R + "-ingress").toString();
            assertThat(ingress)
                    .contains("ingressClassName=nginx")
                    .contains("host=history.example.com")
                    .contains("name=" + R + "-history-server");
        }
    }
}

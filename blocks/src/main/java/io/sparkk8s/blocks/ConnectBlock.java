package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Set;

/** The Spark Connect server, a client-mode driver whose executors run as pods, on a standalone master or in-process. */
public final class ConnectBlock implements Block {

    @Override
    public String id() {
        return "connect";
    }

    @Override
    public String valuesKey() {
        return "connect";
    }

    @Override
    public String description() {
        return "Spark Connect server (gRPC 15002, UI 4040): a client-mode driver with executors on Kubernetes, "
                + "a standalone master or in-process.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        String compress = profile.changedDefaults().getOrDefault("spark.eventLog.compress", "false");
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.sparkWorkload("the Spark Connect server", true, "1", "2Gi"))
                .add(Value.integer(
                                "replicas",
                                1,
                                "Number of Connect servers; each is an independent driver " + "with its own sessions.")
                        .range(0, 20))
                .addAll(CommonValues.service("the Spark Connect server"))
                .add(Value.string(
                                "backendMode",
                                "k8s",
                                "Where executors run: k8s (executor pods), standalone "
                                        + "(the standalone block's master or standalone.masterUrl) or local (in the server's JVM).")
                        .allowed("k8s", "standalone", "local")
                        .sparkConf("spark.master"))
                .add(Value.string(
                                "standalone.masterUrl",
                                "",
                                "Master URL for backendMode standalone; empty "
                                        + "means the release's standalone master (spark://<release>-standalone-master:7077).")
                        .pattern("^$|^spark://.+$")
                        .examples("spark://spark-master.spark:7077"))
                .add(Value.string("local.threads", "*", "Worker threads of backendMode local: a number or *.")
                        .pattern("^([1-9][0-9]*|\\*)$"))
                .add(Value.string("driver.memory", "1g", "Heap of the Connect server (the driver).")
                        .pattern(MEMORY)
                        .sparkConf("spark.driver.memory")
                        .examples("4g"))
                .add(Value.string(
                                "driver.memoryOverhead",
                                "",
                                "Non-heap memory of the driver; empty means " + "Spark's default (10%, at least 384m).")
                        .pattern("^$|" + MEMORY)
                        .sparkConf("spark.driver.memoryOverhead"))
                .add(Value.string(
                                "driver.host",
                                "",
                                "Address executors use to reach the driver; empty means "
                                        + "the pod's DNS name on the headless Service.")
                        .format(ValueFormat.DNS_NAME)
                        .sparkConf("spark.driver.host"))
                .add(Value.string("executor.memory", "1g", "Heap of each executor.")
                        .pattern(MEMORY)
                        .sparkConf("spark.executor.memory")
                        .examples("4g"))
                .add(Value.string(
                                "executor.memoryOverhead",
                                "",
                                "Non-heap memory of each executor; empty "
                                        + "means Spark's default, or memoryLimit minus memory when memoryLimit is set.")
                        .pattern("^$|" + MEMORY)
                        .sparkConf("spark.executor.memoryOverhead"))
                .add(Value.string(
                                "executor.memoryLimit",
                                "",
                                "Memory limit of each executor pod. Spark sets the "
                                        + "limit to memory + overhead, so without an overhead the overhead is derived from this "
                                        + "limit; a limit not above memory + overhead is rejected.")
                        .pattern("^$|" + POD_MEMORY)
                        .examples("2Gi"))
                .add(Value.string(
                                "executor.minMemoryOverhead",
                                "384m",
                                "Lower bound of the derived executor "
                                        + "memory overhead (configurable since Spark 4.0; fixed at 384m on 3.5).")
                        .pattern(MEMORY)
                        .sparkConf("spark.executor.minMemoryOverhead")
                        .onlyOn(SparkLine.SPARK_4_1))
                .add(Value.integer("executor.cores", 1, "Cores of each executor.")
                        .range(1, 64)
                        .sparkConf("spark.executor.cores"))
                .add(Value.quantity(
                                "executor.resources.requests.cpu",
                                "",
                                "CPU request of each executor pod; empty "
                                        + "means executor.cores. Spark sets it on the pod (a CPU request in a pod template is replaced).")
                        .sparkConf("spark.kubernetes.executor.request.cores")
                        .examples("500m", 2))
                .add(Value.quantity(
                                "executor.resources.limits.cpu",
                                "",
                                "CPU limit of each executor pod; empty means "
                                        + "none (no throttling). Spark sets it on the pod.")
                        .sparkConf("spark.kubernetes.executor.limit.cores")
                        .examples(2))
                .add(Value.labels(
                        "executor.nodeSelector",
                        "Node selector of the executor pods (backendMode k8s), "
                                + "merged over connect.nodeSelector: a key set here wins."))
                .add(Value.objectList(
                        "executor.tolerations",
                        "Tolerations of the executor pods (backendMode k8s); "
                                + "empty means those of the server pod (connect.tolerations)."))
                .add(Value.object(
                        "executor.affinity",
                        "Affinity of the executor pods (backendMode k8s); "
                                + "connect.affinity applies to the server pod only."))
                .addAll(CommonValues.executorPlacement("executor", "the executor pods (backendMode k8s)"))
                .addAll(CommonValues.scratchSpace("executor.scratch", "each executor"))
                .addAll(CommonValues.batchScheduling("scheduling", "the Spark Connect servers and their executors"))
                .add(Value.bool(
                                "decommission.enabled",
                                false,
                                "Decommission an executor whose pod is "
                                        + "being deleted (node drain, spot reclaim): Spark's preStop hook moves its "
                                        + "shuffle and cached blocks to other executors before it stops.")
                        .sparkConf("spark.decommission.enabled"))
                .add(Value.integer(
                                "decommission.gracePeriodSeconds",
                                120,
                                "Time an executor pod gets to move its "
                                        + "blocks away before Kubernetes kills it (terminationGracePeriodSeconds).")
                        .range(1, 3600))
                .addAll(CommonValues.podDisruptionBudget("podDisruptionBudget", "the Connect servers"))
                .addAll(CommonValues.executorCount())
                .add(Value.bool(
                                "eventLog.enabled",
                                false,
                                "Write Spark event logs (to eventLog.dir) for the History " + "Server.")
                        .sparkConf("spark.eventLog.enabled"))
                .add(Value.string(
                                "eventLog.dir",
                                CommonValues.EVENT_LOG_DIR,
                                "Where event logs go; the same "
                                        + "default as historyServer.logDirectory, so the History Server reads what Connect writes.")
                        .pattern("^[a-z0-9]+://.+$")
                        .sparkConf("spark.eventLog.dir"))
                .add(Value.bool(
                                "eventLog.compress",
                                Boolean.parseBoolean(compress),
                                "Compress event logs " + "(the line's Spark default).")
                        .sparkConf("spark.eventLog.compress"))
                .add(Value.sparkSettings(
                        "sparkConf",
                        "Extra Spark settings, passed through as given; "
                                + "they win over the chart's computed settings."))
                .add(Value.stringList(
                                "packages",
                                profile.connectServerPackage().isEmpty()
                                        ? List.of()
                                        : List.of(profile.connectServerPackage()),
                                "Maven coordinates the server adds with "
                                        + "spark.jars.packages at start"
                                        + (profile.connectServerPackage().isEmpty()
                                                ? ""
                                                : " (the Connect server, which the 3.5 " + "image lacks)")
                                        + ", joined with global.s3.packages while S3 is used; [] with an image "
                                        + "that has them.")
                        .sparkConf("spark.jars.packages"))
                .add(Value.bool(
                                "auth.enabled",
                                true,
                                "Require a pre-shared token from every Spark Connect client "
                                        + "(spark.connect.authenticate.token, Spark 4.0+) and serve gRPC over TLS through a proxy "
                                        + "in the server pod; the chart's own clients get the token and the CA. Off only for "
                                        + "clients you cannot give a token.")
                        .onlyOn(SparkLine.SPARK_4_1))
                .add(Value.string(
                                "auth.existingSecret",
                                "",
                                "A Secret you manage holding the token (key "
                                        + "auth.tokenKey); empty means the chart generates one, once, at install (kept on upgrade "
                                        + "and uninstall). Needed under helm template (Argo CD, Flux).")
                        .pattern(CommonValues.NAME_PATTERN)
                        .onlyOn(SparkLine.SPARK_4_1))
                .add(Value.string("auth.tokenKey", "token", "Key of the token in the Secret.")
                        .pattern("^[-._a-zA-Z0-9]+$")
                        .onlyOn(SparkLine.SPARK_4_1))
                .add(Value.string(
                                "auth.tls.existingSecret",
                                "",
                                "A kubernetes.io/tls Secret with tls.crt, tls.key "
                                        + "and ca.crt (what a cert-manager Certificate writes) for the TLS proxy; empty means the "
                                        + "chart generates a CA and a server certificate, once, at install (kept on upgrade and "
                                        + "uninstall). Needed under helm template (Argo CD, Flux).")
                        .pattern(CommonValues.NAME_PATTERN)
                        .onlyOn(SparkLine.SPARK_4_1))
                .image("auth.proxy.image")
                .addAll(
                        CommonValues.image("auth.proxy.image", "the TLS proxy in front of Spark Connect", PROXY_IMAGE)
                                .stream()
                                .map(value -> value.onlyOn(SparkLine.SPARK_4_1))
                                .toList())
                .addAll(CommonValues.resources("auth.proxy.resources", "the TLS proxy", "50m", "64Mi").stream()
                        .map(value -> value.onlyOn(SparkLine.SPARK_4_1))
                        .toList())
                .add(Value.bool(
                        "serviceAccount.create", true, "Create the ServiceAccount of the server and executors."))
                .add(Value.string("serviceAccount.name", "", "ServiceAccount name; empty means <release>-connect.")
                        .format(ValueFormat.DNS_NAME))
                .add(Value.bool(
                        "rbac.create",
                        true,
                        "Create the namespaced Role and RoleBinding that let the "
                                + "driver manage executor pods (no ClusterRole)."))
                .build();
    }

    /** NGINX, unprivileged build (UID 101, PID and temp files in /tmp): terminates TLS for the gRPC port. */
    static final SparkProfile.Image PROXY_IMAGE =
            new SparkProfile.Image("nginxinc/nginx-unprivileged", "1.30.4-alpine-slim");

    /**
     * A Spark memory size with its unit ({@code 512m}, {@code 4g}, {@code 4gb}): Spark reads a bare number as
     * MiB for some settings and bytes for others, and rejects Kubernetes suffixes such as {@code 4Gi}.
     */
    static final String MEMORY = "^[0-9]+[kmgtKMGT][bB]?$";
    /** A pod memory size in binary or Spark units ({@code 5Gi}, {@code 5g}, {@code 5120m}). */
    static final String POD_MEMORY = "^[0-9]+([kmgtKMGT]i?[bB]?)$";

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/connect/";
    }

    @Override
    public List<String> templates() {
        return List.of(
                "_connect.tpl",
                "secret.yaml",
                "configmap.yaml",
                "statefulset.yaml",
                "service.yaml",
                "podgroup.yaml",
                "pdb.yaml",
                "serviceaccount.yaml",
                "rbac.yaml",
                "tests/test.yaml");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.api("connect", "connect", 15002, "grpc", "Spark Connect (gRPC)"),
                Endpoint.ui("connectUi", "connect", 4040, "/", "Spark UI of the Connect server"));
    }

    @Override
    public Set<String> provides() {
        return Set.of("spark-connect");
    }

    @Override
    public List<Requirement> requires() {
        return List.of(new Requirement(
                S3, "global.s3.endpoint", "its event logs go to S3", Condition.eq("connect.eventLog.enabled", true)));
    }

    @Override
    public List<Rule> rules() {
        return List.of(
                BatchRules.scratchNeedsSize("connect", "connect.executor.scratch"),
                new Rule(
                        "connect-standalone-needs-master",
                        Condition.all(
                                Condition.enabled("connect"),
                                Condition.eq("connect.backendMode", "standalone"),
                                Condition.not(Condition.present("connect.standalone.masterUrl"))),
                        Condition.enabled("standalone"),
                        "{connect.backendMode} standalone needs a master: set {standalone.enabled}=true or "
                                + "{connect.standalone.masterUrl}=spark://<host>:7077"));
    }

    @Override
    public boolean runsSpark() {
        return true;
    }
}

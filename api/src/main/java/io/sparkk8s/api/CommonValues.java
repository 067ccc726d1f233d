package io.sparkk8s.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The values every workload block shares (SPEC §5), so blocks declare them the same way. The shared
 * Pebble fragments {@code common/pod.peb} and {@code common/container.peb} read all of them.
 */
public final class CommonValues {

    /** Where the shared S3 store keeps Spark event logs unless the user says otherwise. */
    public static final String EVENT_LOG_DIR = "s3a://spark-logs/events";
    /** Where the Hive warehouse lives on the shared S3 store unless the user says otherwise. */
    public static final String WAREHOUSE_DIR = "s3a://spark-warehouse/warehouse";

    /** A Kubernetes object or DNS name (RFC 1123 subdomain), or empty. */
    public static final String NAME_PATTERN = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /**
     * A host name an Ingress rule can route (a DNS name, optionally a {@code *.} wildcard, not an IP address:
     * the last label starts with a letter), or empty.
     */
    public static final String HOST_PATTERN =
            "^$|^(\\*\\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)*[a-z]([-a-z0-9]*[a-z0-9])?$";
    /** An image repository, optionally with its registry host and port. */
    public static final String REPOSITORY_PATTERN =
            "^([A-Za-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*$";
    /** A Spark duration such as {@code 10s}, {@code 12h} or {@code 7d}. */
    public static final String DURATION_PATTERN = "^[0-9]+(ms|s|m|min|h|d)$";
    /**
     * A Kubernetes memory quantity: binary or decimal units, never the milli suffix ({@code 512m} is half a
     * byte to Kubernetes, a common slip from Spark's {@code 512m} = 512 MiB).
     */
    public static final String MEMORY_QUANTITY_PATTERN = "^[0-9]+(\\.[0-9]+)?(k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$";
    /** An image tag (not {@code latest}, which {@link ValueFormat#IMAGE_TAG} rejects separately). */
    public static final String TAG_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";
    /**
     * The characters of an image tag without its length: {@link ValueFormat#IMAGE_TAG} pairs it with a
     * {@code maxLength} of 128, which accepts exactly what {@link #TAG_PATTERN} does (every character it allows
     * is ASCII, so characters and code points count alike). Go's RE2 engine, which Helm compiles every schema
     * pattern with, unrolls a counted repetition such as {@code {0,127}} into 127 optional copies: about 50 times
     * the compile time of the {@code *} form.
     */
    public static final String TAG_CHARACTERS_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.-]*$";
    /** The greatest length of an image tag (the OCI distribution spec's tag grammar). */
    public static final int TAG_MAX_LENGTH = 128;

    private CommonValues() {}

    /**
     * The common keys of one workload: enabled, image, resources, scheduling, extras and security
     * overrides.
     *
     * @param what what the workload is, for descriptions, e.g. "the Spark Connect server"
     * @param enabled whether the block is on by default
     * @param image the default image
     * @param cpu the default CPU request
     * @param memory the default memory request and limit
     */
    public static List<Value> workload(
            String what, boolean enabled, SparkProfile.Image image, String cpu, String memory) {
        List<Value> values = new ArrayList<>();
        values.add(Value.bool("enabled", enabled, "Deploy " + what + "."));
        values.addAll(image("image", what, image));
        values.addAll(resources("resources", what, cpu, memory));
        values.addAll(scheduling(what));
        return values;
    }

    /**
     * The common keys of a workload that runs Spark (a driver, executors, Spark daemons): like
     * {@link #workload}, but its image repository and tag are empty by default and then come from
     * {@code global.spark.image}, the one Spark version of the release (the chart's {@code sparkk8s.sparkImage}
     * helper). Setting them moves this workload alone.
     */
    public static List<Value> sparkWorkload(String what, boolean enabled, String cpu, String memory) {
        List<Value> values = new ArrayList<>();
        values.add(Value.bool("enabled", enabled, "Deploy " + what + "."));
        values.add(Value.string(
                        "image.repository",
                        "",
                        "Image repository of " + what + "; empty means "
                                + "global.spark.image.repository, the release's one Spark image.")
                .format(ValueFormat.SPARK_IMAGE_REPOSITORY));
        values.add(Value.string(
                        "image.tag",
                        "",
                        "Pinned image tag of " + what + "; empty means "
                                + "global.spark.image.tag, the release's one Spark version. A Spark version of another minor than "
                                + "the chart's line is rejected.")
                .format(ValueFormat.SPARK_IMAGE_TAG));
        values.addAll(digestAndPullPolicy("image", what));
        values.addAll(resources("resources", what, cpu, memory));
        values.addAll(scheduling(what));
        return values;
    }

    /** Image keys under a prefix such as {@code image}. */
    public static List<Value> image(String prefix, String what, SparkProfile.Image image) {
        List<Value> values = new ArrayList<>();
        values.add(Value.string(
                        prefix + ".repository",
                        image.repository(),
                        "Image repository of " + what + ", without registry (see global.image.registry).")
                .format(ValueFormat.IMAGE_REPOSITORY));
        values.add(Value.string(prefix + ".tag", image.tag(), "Pinned image tag of " + what + ".")
                .format(ValueFormat.IMAGE_TAG));
        values.addAll(digestAndPullPolicy(prefix, what));
        return values;
    }

    private static List<Value> digestAndPullPolicy(String prefix, String what) {
        return List.of(
                Value.string(
                                prefix + ".digest",
                                "",
                                "Image digest (sha256:…) of " + what + "; when set it wins over the tag.")
                        .pattern("^(sha256:[a-f0-9]{64})?$"),
                Value.string(
                                prefix + ".pullPolicy",
                                "",
                                "Pull policy of " + what + "; empty means global.image.pullPolicy.")
                        .allowed("", "Always", "IfNotPresent", "Never"));
    }

    /**
     * How many executors a Spark application runs on Kubernetes: {@code executor.instances}, or dynamic allocation
     * between {@code dynamicAllocation.minExecutors} and {@code maxExecutors} (with shuffle tracking).
     */
    public static List<Value> executorCount() {
        return List.of(
                Value.integer("executor.instances", 2, "Executors to start when dynamic allocation is off.")
                        .range(0, 1000)
                        .sparkConf("spark.executor.instances"),
                Value.bool(
                                "dynamicAllocation.enabled",
                                false,
                                "Scale executors with the load (with shuffle tracking on Kubernetes).")
                        .sparkConf("spark.dynamicAllocation.enabled"),
                Value.integer("dynamicAllocation.minExecutors", 0, "Lower bound of dynamic allocation.")
                        .range(0, 1000)
                        .sparkConf("spark.dynamicAllocation.minExecutors"),
                Value.integer("dynamicAllocation.maxExecutors", 10, "Upper bound of dynamic allocation.")
                        .range(1, 1000)
                        .sparkConf("spark.dynamicAllocation.maxExecutors"));
    }

    /** Resource keys under a prefix such as {@code resources}. */
    public static List<Value> resources(String prefix, String what, String cpu, String memory) {
        return List.of(
                Value.quantity(prefix + ".requests.cpu", cpu, "CPU request of " + what + ".")
                        .examples("500m", 2),
                Value.quantity(
                                prefix + ".requests.memory",
                                memory,
                                "Memory request of " + what + ", in "
                                        + "Kubernetes units such as 512Mi or 2Gi (512m would be half a byte).")
                        .pattern(MEMORY_QUANTITY_PATTERN)
                        .examples("1Gi"),
                Value.quantity(
                        prefix + ".limits.cpu",
                        "",
                        "CPU limit of " + what + "; empty means no CPU limit (no throttling)."),
                Value.quantity(
                                prefix + ".limits.memory",
                                memory,
                                "Memory limit of " + what + ", in "
                                        + "Kubernetes units such as 512Mi or 2Gi (512m would be half a byte).")
                        .pattern(MEMORY_QUANTITY_PATTERN)
                        .examples("2Gi"));
    }

    private static List<Value> scheduling(String what) {
        return List.of(
                Value.annotations("podAnnotations", "Extra annotations on the pods of " + what + "."),
                Value.labels(
                        "podLabels",
                        "Extra labels on the pods of " + what + "; the chart's own "
                                + "app.kubernetes.io/* and helm.sh/chart labels cannot be replaced."),
                Value.labels("nodeSelector", "Node selector for the pods of " + what + "."),
                Value.objectList("tolerations", "Tolerations of the pods of " + what + "."),
                Value.object("affinity", "Affinity of the pods of " + what + "."),
                Value.objectList(
                        "extraEnv",
                        "Extra environment variables (Kubernetes EnvVar objects) of " + what
                                + "; a name that the chart also sets replaces the chart's entry."),
                Value.objectList(
                        "extraVolumes",
                        "Extra volumes of the pods of " + what + ", e.g. a Secret holding a Kerberos keytab."),
                Value.objectList(
                        "extraVolumeMounts",
                        "Extra volume mounts of the main container of " + what
                                + "; each must name a volume of extraVolumes or of the chart."),
                Value.object(
                        "podSecurityContext",
                        "Overrides merged into the pod security context of " + what
                                + "; the defaults satisfy Pod Security \"restricted\"."),
                Value.object(
                        "securityContext",
                        "Overrides merged into the container security context of " + what
                                + "; the defaults satisfy Pod Security \"restricted\"."));
    }

    /**
     * Persistence keys of a workload with one data volume: enabled, size, storageClass. The shared
     * {@code common/pvc.peb} fragment renders the claim.
     *
     * @param what what the workload is, for descriptions
     * @param size the default volume size
     */
    public static List<Value> persistence(String what, String size) {
        return List.of(
                Value.bool(
                        "persistence.enabled",
                        true,
                        "Keep the data of " + what + " on a "
                                + "PersistentVolumeClaim; off means an emptyDir that is lost with the pod."),
                Value.quantity("persistence.size", size, "Size of the data volume of " + what + "."),
                Value.string(
                                "persistence.storageClass",
                                "",
                                "StorageClass of the data volume of " + what + "; empty means the cluster default.")
                        .format(ValueFormat.DNS_NAME));
    }

    /** The batch schedulers a Spark application's pods can go to (see {@link #batchScheduling}). */
    public static final List<String> SCHEDULERS = List.of("default", "volcano", "yunikorn");

    /**
     * The batch-scheduling keys of one Spark application (its server or driver pods and its executors) under a
     * prefix such as {@code scheduling}: which scheduler places its pods, its queue, its priority and Volcano's
     * gang settings. The chart's {@code sparkk8s.scheduling*} helpers ({@code _scheduling.tpl}) read them from the
     * application's values, so a block that runs Spark adds this fragment and includes the helpers.
     *
     * @param prefix where the keys go, e.g. {@code scheduling}
     * @param what the application, for descriptions, e.g. "the Spark Connect servers and their executors"
     */
    public static List<Value> batchScheduling(String prefix, String what) {
        return List.of(
                Value.string(
                                prefix + ".scheduler",
                                "default",
                                "Scheduler of the pods of " + what + ": default (kube-scheduler), "
                                        + "volcano (one PodGroup rendered by the chart, which the pods join; needs "
                                        + "Volcano installed) or yunikorn (queue label and application id on every "
                                        + "pod; needs YuniKorn installed).")
                        .allowed(SCHEDULERS.toArray(String[]::new)),
                Value.string(
                                prefix + ".queue",
                                "",
                                "Queue of " + what + " in the batch scheduler (a Volcano Queue, or a "
                                        + "YuniKorn queue such as root.team-a; lower case, at most 63 characters); "
                                        + "empty means the scheduler's default "
                                        + "(Volcano: default; YuniKorn: its placement rules).")
                        .format(ValueFormat.QUEUE_NAME)
                        .examples("root.spark"),
                Value.string(
                                prefix + ".priorityClassName",
                                "",
                                "PriorityClass of the pods of " + what + " (and of the Volcano "
                                        + "PodGroup); empty means the cluster default.")
                        .format(ValueFormat.DNS_NAME),
                Value.integer(
                                prefix + ".volcano.minMember",
                                0,
                                "Pods of " + what + " that Volcano must be able to place "
                                        + "together before it places any (gang); 0 means the chart's count of the pods "
                                        + "that start together (the servers, or master and workers).")
                        .range(0, 1000),
                Value.quantity(
                                prefix + ".volcano.minResources.cpu",
                                "",
                                "CPU Volcano must find free in the queue before it admits the PodGroup of " + what
                                        + "; empty means none.")
                        .examples("4"),
                Value.quantity(
                                prefix + ".volcano.minResources.memory",
                                "",
                                "Memory Volcano must find free in the queue before it admits the PodGroup of " + what
                                        + "; empty means none.")
                        .examples("8Gi"));
    }

    /**
     * The scratch space of a Spark process's local directories (shuffle and spill files) under a prefix such as
     * {@code executor.scratch}: Spark's default emptyDir, an emptyDir on disk with a size limit, memory (tmpfs,
     * with a size limit counted into the pod's memory limit) or an on-demand PersistentVolumeClaim per pod.
     *
     * @param prefix where the keys go, e.g. {@code executor.scratch}
     * @param what whose scratch space, for descriptions, e.g. "each executor"
     */
    public static List<Value> scratchSpace(String prefix, String what) {
        return List.of(
                Value.string(
                                prefix + ".type",
                                "emptyDir",
                                "Where the local directories of " + what + " live: emptyDir (node "
                                        + "disk; sizeLimit caps it), tmpfs (memory: needs sizeLimit, which is added to "
                                        + "the pod's memory limit) or pvc (a PersistentVolumeClaim Spark creates per "
                                        + "pod and deletes with it; needs sizeLimit).")
                        .allowed("emptyDir", "tmpfs", "pvc"),
                Value.string(
                                prefix + ".sizeLimit",
                                "",
                                "Size of the local directories of " + what + " (emptyDir sizeLimit, "
                                        + "tmpfs size, or claim size); empty means no limit (emptyDir only).")
                        // whole binary units: the chart adds a tmpfs size to Spark's overhead in MiB
                        .pattern("^$|^[1-9][0-9]*(Mi|Gi|Ti)$")
                        .examples("2Gi"),
                Value.string(
                                prefix + ".storageClass",
                                "",
                                "StorageClass of the claims of type pvc; empty means the cluster " + "default.")
                        .format(ValueFormat.DNS_NAME));
    }

    /**
     * The executor pods' spreading and extra volumes under a prefix such as {@code executor}: topology spread
     * constraints, extra volumes and their mounts in the executor container. The chart's executor pod template
     * ({@code sparkk8s.executorPodTemplate}) reads them from the application's executor values.
     *
     * @param prefix where the keys go, e.g. {@code executor}
     * @param what the executor pods, for descriptions, e.g. "the executor pods"
     */
    public static List<Value> executorPlacement(String prefix, String what) {
        return List.of(
                Value.objectList(
                        prefix + ".topologySpreadConstraints",
                        "Topology spread constraints of " + what + ", e.g. spreading them over zones; select them "
                                + "with the label app.kubernetes.io/component: executor."),
                Value.objectList(
                        prefix + ".extraVolumes",
                        "Extra volumes of " + what + ", e.g. a Secret or a shared read-only dataset."),
                Value.objectList(
                        prefix + ".extraVolumeMounts",
                        "Extra volume mounts of the executor container; each must name a volume of " + prefix
                                + ".extraVolumes."));
    }

    /**
     * A PodDisruptionBudget for the server pods of a block under a prefix such as {@code podDisruptionBudget}.
     *
     * @param prefix where the keys go
     * @param what whose pods, for descriptions
     */
    public static List<Value> podDisruptionBudget(String prefix, String what) {
        return List.of(
                Value.bool(
                        prefix + ".enabled",
                        false,
                        "Render a PodDisruptionBudget for " + what + ", so a node drain "
                                + "evicts at most maxUnavailable of them at a time."),
                Value.integer(
                                prefix + ".maxUnavailable",
                                1,
                                "Pods of " + what + " a voluntary disruption (node drain) may "
                                        + "take at once; 0 blocks drains until you move them yourself.")
                        .range(0, 1000));
    }

    /** Service keys: type and annotations. */
    public static List<Value> service(String what) {
        return List.of(
                Value.string("service.type", "ClusterIP", "Service type of " + what + ".")
                        .allowed("ClusterIP", "NodePort", "LoadBalancer"),
                Value.annotations("service.annotations", "Annotations on the Service of " + what + "."));
    }
}

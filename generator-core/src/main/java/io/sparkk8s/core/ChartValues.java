package io.sparkk8s.core;

import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import java.util.ArrayList;
import java.util.List;

/** The chart-level values every chart shares: {@code global.*} and the root-only {@code ingress.*}. */
final class ChartValues {

    private ChartValues() {}

    /**
     * The {@code global} values, declared in every chart and subchart (Helm passes them down).
     *
     * @param profile the line, whose S3A jars are the default of {@code s3.packages}
     */
    static List<Value> global(SparkProfile profile) {
        return concat(
                List.of(
                        Value.string(
                                        "fullnameOverride",
                                        "",
                                        "Replaces the release name as the prefix of every object name (<prefix>-<component>): "
                                                + "a DNS label starting with a letter, at most 40 characters, so that every "
                                                + "name stays a valid, unique Service name.")
                                .pattern("^$|^[a-z]([-a-z0-9]*[a-z0-9])?$")
                                .maxLength(40),
                        Value.string(
                                        "image.registry",
                                        "",
                                        "Registry prepended to every image repository, e.g. registry.example.com; empty means "
                                                + "the repository as written (Docker Hub for official images).")
                                .pattern("^$|^[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*$")
                                .examples("registry.example.com"),
                        Value.string(
                                        "image.pullPolicy",
                                        "IfNotPresent",
                                        "Default image pull policy of every container.")
                                .allowed("Always", "IfNotPresent", "Never"),
                        Value.string(
                                        "spark.image.repository",
                                        profile.image().repository(),
                                        "Image repository of every Spark process of the release (Connect and its executors, the "
                                                + "History Server, the standalone master and workers, the driver and executor pods "
                                                + "of Airflow's spark-submit), unless a block sets its own image.repository.")
                                .pattern(CommonValues.REPOSITORY_PATTERN),
                        Value.string(
                                        "spark.image.tag",
                                        profile.image().tag(),
                                        "The release's one Spark version: the image tag of every Spark process (see "
                                                + "spark.image.repository), e.g. "
                                                + profile.supportedVersions()
                                                        .get(profile.supportedVersions()
                                                                        .size()
                                                                - 1)
                                                + profile.image()
                                                        .tag()
                                                        .substring(profile.sparkVersion()
                                                                .length())
                                                + "; a block's own image.tag wins. Only "
                                                + profile.line().id()
                                                + ".x versions: Spark processes and clients of one release "
                                                + "must share the minor.")
                                .pattern(CommonValues.TAG_CHARACTERS_PATTERN)
                                .maxLength(CommonValues.TAG_MAX_LENGTH),
                        Value.objectList(
                                "imagePullSecrets",
                                "Image pull Secrets of every pod, as a list of {name: <secret>} objects."),
                        Value.string(
                                        "s3.endpoint",
                                        "",
                                        "S3 endpoint URL shared by every block that reads or writes S3; empty means the "
                                                + "release's bundled S3 store, the minio block (http://<release>-minio:9000), which must then be enabled.")
                                .pattern("^$|^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$")
                                .examples("https://s3.eu-west-1.amazonaws.com", "http://minio.storage:9000"),
                        Value.string(
                                        "s3.accessKey",
                                        "",
                                        "S3 access key, stored in the generated S3 Secret; ignored when existingSecret is set. "
                                                + "Empty with the bundled MinIO means a random key kept across upgrades.")
                                .pattern("^$|^[^\\s]{3,}$"),
                        Value.string(
                                        "s3.secretKey",
                                        "",
                                        "S3 secret key (at least 8 characters), stored in the generated S3 Secret; ignored when "
                                                + "existingSecret is set. Empty with the bundled MinIO means a random key kept across "
                                                + "upgrades.")
                                .pattern("^$|^[^\\s]{8,}$"),
                        Value.string(
                                        "s3.existingSecret",
                                        "",
                                        "Name of an existing Secret with keys AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; when "
                                                + "set, no S3 Secret is generated.")
                                .format(ValueFormat.DNS_NAME),
                        Value.bool(
                                "s3.pathStyleAccess",
                                true,
                                "Use path-style S3 URLs (needed by the bundled S3 store and most S3-compatible stores)."),
                        Value.bool("s3.sslEnabled", false, "Connect to S3 over TLS."),
                        Value.string("s3.region", "us-east-1", "S3 region (any value for the bundled S3 store).")
                                .pattern("^[a-z0-9-]+$")
                                .examples("eu-west-1"),
                        Value.stringList(
                                        "s3.packages",
                                        profile.s3Packages(),
                                        "Maven coordinates of the S3A jars (hadoop-aws and the AWS SDK bundle matching the line's "
                                                + "Hadoop) that every Spark process adds with spark.jars.packages, only while S3 is "
                                                + "used (global.s3.endpoint set, or the bundled minio block enabled); [] with an "
                                                + "image that has them in /opt/spark/jars (air-gapped clusters).")
                                .sparkConf("spark.jars.packages"),
                        Value.string(
                                        "s3.initImage.repository",
                                        "amazon/aws-cli",
                                        "Image of the S3 client (the AWS CLI, run as aws s3api) that checks and, where missing, "
                                                + "creates buckets and prefixes before Spark processes start.")
                                .format(ValueFormat.IMAGE_REPOSITORY),
                        Value.string("s3.initImage.tag", "2.36.7", "Pinned tag of the S3 client image.")
                                .format(ValueFormat.IMAGE_TAG),
                        Value.string("s3.initImage.digest", "", "Digest of the S3 client image; wins over the tag.")
                                .pattern("^(sha256:[a-f0-9]{64})?$"),
                        Value.string(
                                        "s3.initImage.pullPolicy",
                                        "",
                                        "Pull policy of the S3 client image; empty means " + "global.image.pullPolicy.")
                                .allowed("", "Always", "IfNotPresent", "Never"),
                        Value.string(
                                        "security.seccompProfile",
                                        "RuntimeDefault",
                                        "Seccomp profile type of every pod; both values satisfy Pod Security \"restricted\".")
                                .allowed("RuntimeDefault", "Localhost"),
                        Value.string(
                                        "security.seccompLocalhostProfile",
                                        "",
                                        "Profile file of a Localhost seccomp profile, relative to the kubelet's seccomp root.")
                                .pattern("^$|^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$"),
                        ObservabilityValues.annotations(),
                        Value.bool(
                                "security.readOnlyRootFilesystem",
                                false,
                                "Mount every container's root filesystem read-only (writable paths use emptyDir "
                                        + "volumes).")),
                concat(LogShippingValues.global(profile), JmxExporterValues.global()));
    }

    private static List<Value> concat(List<Value> first, List<Value> second) {
        List<Value> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /** The root-only ingress values for the UI endpoints of the chart. */
    static List<Value> ingress(List<Endpoint> uiEndpoints) {
        List<Value> values = new ArrayList<>();
        values.add(Value.bool("enabled", false, "Create one Ingress routing to the enabled web UIs."));
        values.add(Value.string(
                        "className",
                        "",
                        "IngressClass of the Ingress, e.g. nginx; empty means the " + "cluster default.")
                .format(ValueFormat.DNS_NAME));
        values.add(Value.annotations("annotations", "Annotations on the Ingress."));
        values.add(Value.objectList("tls", "TLS entries of the Ingress ({hosts: [...], secretName: ...})."));
        for (Endpoint endpoint : uiEndpoints) {
            values.add(Value.string(
                            "hosts." + endpoint.id(),
                            "",
                            "Host name routed to " + endpoint.description() + " (a DNS name, not an IP address); "
                                    + "empty means no rule for it.")
                    .format(ValueFormat.HOST_NAME)
                    .examples(endpoint.id().toLowerCase() + ".example.com"));
        }
        return values;
    }

    /**
     * The root-only NetworkPolicy values. On by default on the 3.5 line, whose Spark Connect server has no
     * authentication: there the policy is what keeps other namespaces away from the Connect port. Off by default
     * on 4.1, where {@code connect.auth} (a token over TLS) guards that port and a default policy would cut off
     * ingress controllers and clients in other namespaces until they are listed.
     *
     * @param profile the line
     */
    static List<Value> networkPolicy(SparkProfile profile) {
        boolean unauthenticatedConnect = profile.line() == SparkLine.SPARK_3_5;
        return List.of(
                Value.bool(
                        "enabled",
                        unauthenticatedConnect,
                        "Create a NetworkPolicy that admits traffic to the "
                                + "release's pods only from pods of the same release and from the namespaces of "
                                + "allowNamespaces. On by default on spark-3.5, whose Spark Connect has no authentication; "
                                + "off on spark-4.1, where connect.auth guards the Connect port (list the ingress "
                                + "controller's namespace in allowNamespaces when it is on)."),
                Value.stringList(
                                "allowNamespaces",
                                List.of(),
                                "Namespaces whose pods may reach the release's "
                                        + "endpoints (e.g. the ingress controller's and the clients'), matched by the "
                                        + "kubernetes.io/metadata.name label.")
                        .pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
                        .examples(List.of("ingress-nginx", "analytics")),
                Value.bool(
                        "exposeInternal",
                        false,
                        "Also admit allowNamespaces to the release's internal ports "
                                + "(PostgreSQL, the Hive Metastore, the S3 API, the standalone master); by default they "
                                + "reach only the web UIs and the Spark Connect port."));
    }

    /** The root-only monitoring values of charts with Spark-running blocks (issue 17; templates/_observability.tpl). */
    static List<Value> monitoring() {
        return ObservabilityValues.monitoring();
    }
}

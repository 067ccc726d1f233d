package io.sparkk8s.verify;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies a Helm chart against the quality gates of SPEC §9, with no external tool: Helm 3 runs inside the
 * JVM (helm-java) and objects are validated against the Kubernetes API models of client-java-api.
 *
 * <pre>{@code
 * VerificationReport report = Verifier.builder()
 *     .kubeVersions(List.of("1.29.0", "1.34.0"))
 *     .waiver(new Waiver("k8s-schema", "Certificate", ".*", "cert-manager CRD, installed by the platform"))
 *     .build()
 *     .verify(Path.of("generated-charts/spark-4.1"), List.of(Path.of("presets/minimal.yaml")));
 * }</pre>
 *
 * <p>Instances are immutable and can be reused; calls are not meant to run concurrently (helm-java drives
 * one native Helm library per JVM).
 */
public final class Verifier {

    private static final Pattern APP_VERSION = Pattern.compile("v?(\\d+\\.\\d+)(\\.\\d+.*)?");
    /** The Helm that lints and renders: helm-java embeds Helm 3 (see docs/facts.md). */
    static final String HELM = "Helm 3, helm-java in the JVM";

    private static final Pattern KUBE_VERSION = Pattern.compile("v?\\d+\\.\\d+(\\.\\d+)?");

    private final List<String> kubeVersions;
    private final List<Waiver> waivers;
    private final Set<ExternalRef> externalRefs;
    private final PodSecurityLevel podSecurity;
    private final String releaseName;
    private final String namespace;
    private final boolean renderDefaults;
    private final SparkLine sparkLine;
    private final List<String> extraSparkSettings;
    private final boolean layerValues;

    private Verifier(Builder builder) {
        this.kubeVersions = List.copyOf(builder.kubeVersions);
        this.waivers = List.copyOf(builder.waivers);
        this.externalRefs = Set.copyOf(builder.externalRefs);
        this.podSecurity = builder.podSecurity;
        this.releaseName = builder.releaseName;
        this.namespace = builder.namespace;
        this.renderDefaults = builder.renderDefaults;
        this.sparkLine = builder.sparkLine;
        this.extraSparkSettings = List.copyOf(builder.extraSparkSettings);
        this.layerValues = builder.layerValues;
    }

    /**
     * A builder with the defaults: {@link KubeVersions#defaults()}, no waivers, no external references,
     * {@link PodSecurityLevel#RESTRICTED}, release {@code release-name} in namespace {@code default}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this verifier's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.kubeVersions = new ArrayList<>(kubeVersions);
        builder.waivers.addAll(waivers);
        builder.externalRefs.addAll(externalRefs);
        builder.podSecurity = podSecurity;
        builder.releaseName = releaseName;
        builder.namespace = namespace;
        builder.renderDefaults = renderDefaults;
        builder.sparkLine = sparkLine;
        builder.extraSparkSettings = new ArrayList<>(extraSparkSettings);
        builder.layerValues = layerValues;
        return builder;
    }

    /**
     * Verifies a chart with its default values only.
     *
     * @param chartDir the chart directory (holding {@code Chart.yaml})
     * @return the report
     */
    public VerificationReport verify(Path chartDir) {
        return verify(chartDir, List.of());
    }

    /**
     * Verifies a chart: {@code helm lint --strict} once, then for the default values and for each values file
     * separately, {@code helm template} at every Kubernetes version and the object-level checks on the result.
     * Identical renderings at several versions are checked once and reported with all their versions.
     *
     * @param chartDir the chart directory (holding {@code Chart.yaml})
     * @param valuesFiles values files, each verified on its own over the defaults (or all layered in order, see
     *     {@link Builder#layerValues(boolean)}); empty for defaults only
     * @return the report, waived findings removed
     * @throws IllegalArgumentException when the chart directory or a values file does not exist
     */
    public VerificationReport verify(Path chartDir, List<Path> valuesFiles) {
        Objects.requireNonNull(chartDir, "chartDir");
        Objects.requireNonNull(valuesFiles, "valuesFiles");
        Path chart = chartDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new IllegalArgumentException("not a Helm chart: " + chart + " has no Chart.yaml");
        }
        for (Path values : valuesFiles) {
            if (!Files.isRegularFile(values)) {
                throw new IllegalArgumentException("values file not found: " + values.toAbsolutePath());
            }
        }
        List<Finding> findings = new ArrayList<>(HelmRunner.lint(chart));
        List<Gate> gates = new ArrayList<>();
        gates.add(new Gate(Checks.HELM_LINT, "helm lint --strict (" + HELM + ")", "chart", 1, "chart"));
        List<List<Path>> runs = new ArrayList<>();
        if (renderDefaults || valuesFiles.isEmpty()) {
            runs.add(List.of());
        }
        if (layerValues && !valuesFiles.isEmpty()) {
            runs.add(List.copyOf(valuesFiles));
        } else {
            valuesFiles.forEach(values -> runs.add(List.of(values)));
        }
        ObjectChecks checks = objectChecks(sparkLine != null ? Optional.of(sparkLine) : lineOf(chart));
        Path copy = HelmRunner.exposeHooks(chart);
        try {
            for (List<Path> values : runs) {
                String valuesLabel = "values: "
                        + (values.isEmpty()
                                ? "defaults"
                                : String.join(
                                        " + ",
                                        values.stream().map(Path::toString).toList()));
                Map<String, List<String>> versionsByOutput = new LinkedHashMap<>();
                for (String kubeVersion : kubeVersions) {
                    HelmRunner.Rendering rendering =
                            HelmRunner.template(copy, values, kubeVersion, releaseName, namespace);
                    if (rendering.error() != null) {
                        findings.add(new Finding(
                                Checks.HELM_TEMPLATE,
                                "",
                                "",
                                rendering.errorFile(),
                                "helm template failed: " + rendering.error().replace(copy.toString(), chart.toString()),
                                valuesLabel + ", kube " + kubeVersion));
                    } else {
                        versionsByOutput
                                .computeIfAbsent(rendering.manifests(), k -> new ArrayList<>())
                                .add(kubeVersion);
                    }
                }
                gates.add(new Gate(
                        Checks.HELM_TEMPLATE,
                        "helm template (" + HELM + ") at Kubernetes " + String.join(", ", kubeVersions),
                        valuesLabel,
                        kubeVersions.size(),
                        "renderings"));
                versionsByOutput.forEach((manifests, versions) -> findings.addAll(checks.run(
                        manifests, valuesLabel + ", kube " + String.join(", ", versions), lowest(versions), gates)));
            }
        } finally {
            HelmRunner.deleteCopy(copy);
        }
        return report(findings, gates);
    }

    /**
     * Renders a chart with {@code helm template} (Helm 3 in the JVM) at the lowest configured Kubernetes version,
     * hooks and Helm test pods included, the values files layered in order like {@code helm template -f a -f b}.
     *
     * @param chartDir the chart directory (holding {@code Chart.yaml})
     * @param valuesFiles values files, in order
     * @return the rendered manifests, documents separated by {@code ---}
     * @throws io.sparkk8s.api.InvalidInputException with Helm's error when the chart does not render
     */
    public String render(Path chartDir, List<Path> valuesFiles) {
        Path chart = chartDir.toAbsolutePath().normalize();
        Path copy = HelmRunner.exposeHooks(chart);
        try {
            HelmRunner.Rendering rendering =
                    HelmRunner.template(copy, valuesFiles, lowest(kubeVersions), releaseName, namespace);
            if (rendering.error() != null) {
                throw new io.sparkk8s.api.InvalidInputException(List.of(new io.sparkk8s.api.Problem(
                        rendering.errorFile().isEmpty() ? chartDir.toString() : rendering.errorFile(),
                        "",
                        "helm template failed: " + rendering.error().replace(copy.toString(), chart.toString()))));
            }
            return rendering.manifests();
        } finally {
            HelmRunner.deleteCopy(copy);
        }
    }

    /**
     * Runs the object-level checks (schema, pod security, references, containers, labels, names) on
     * already-rendered multi-document YAML, such as {@code helm template} output. Fields newer than the lowest
     * of the configured Kubernetes versions are reported.
     *
     * @param renderedYaml the manifests, documents separated by {@code ---}
     * @param source what produced them, copied into every finding ({@code values: x.yaml, kube 1.29.0})
     * @return the report, waived findings removed
     */
    public VerificationReport verifyManifests(String renderedYaml, String source) {
        Objects.requireNonNull(renderedYaml, "renderedYaml");
        Objects.requireNonNull(source, "source");
        List<Gate> gates = new ArrayList<>();
        return report(
                objectChecks(Optional.ofNullable(sparkLine)).run(renderedYaml, source, lowest(kubeVersions), gates),
                gates);
    }

    private static String lowest(List<String> versions) {
        return versions.stream()
                .min(java.util.Comparator.comparingInt(ModelWalker::minor))
                .orElse(KubeVersions.LOWEST);
    }

    private ObjectChecks objectChecks(Optional<SparkLine> line) {
        return new ObjectChecks(podSecurity, externalRefs, namespace, line.map(l -> SparkSettings.of(l)
                .withExtraSettings(extraSparkSettings)));
    }

    /** The Spark line of a chart from its {@code appVersion} (4.1.2 is line 4.1); empty for other charts. */
    static Optional<SparkLine> lineOf(Path chart) {
        try {
            Object appVersion =
                    Tree.at(ManifestParser.parseYaml(Files.readString(chart.resolve("Chart.yaml"))), "appVersion");
            java.util.regex.Matcher version = APP_VERSION.matcher(String.valueOf(appVersion));
            return version.matches() ? Optional.of(SparkLine.parse(version.group(1))) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private VerificationReport report(List<Finding> findings, List<Gate> gates) {
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : new LinkedHashSet<>(findings)) {
            if (waivers.stream().noneMatch(w -> w.covers(finding))) {
                kept.add(finding);
            }
        }
        return new VerificationReport(kept, gates);
    }

    /** Settings of a {@link Verifier}. */
    public static final class Builder {
        private List<String> kubeVersions = KubeVersions.defaults();
        private final List<Waiver> waivers = new ArrayList<>();
        private final Set<ExternalRef> externalRefs = new LinkedHashSet<>();
        private PodSecurityLevel podSecurity = PodSecurityLevel.RESTRICTED;
        private String releaseName = "release-name";
        private String namespace = "default";
        private boolean renderDefaults = true;
        private SparkLine sparkLine;
        private List<String> extraSparkSettings = new ArrayList<>();
        private boolean layerValues = false;

        private Builder() {}

        /**
         * Settings of jars added to Spark that {@link Checks#SPARK_SETTINGS} accepts besides Spark's own, e.g. the
         * patterns of a catalog's {@link SparkSettings#CATALOG_FILE} ({@link SparkSettings#catalogExtraSettings}).
         *
         * @param patterns patterns such as {@code spark.databricks.delta.*}
         * @return this builder
         * @throws IllegalArgumentException when a pattern does not start with {@code spark.}
         */
        public Builder extraSparkSettings(List<String> patterns) {
            SparkSettings.of(SparkLine.SPARK_4_1).withExtraSettings(patterns);
            this.extraSparkSettings = new ArrayList<>(patterns);
            return this;
        }

        /**
         * The Spark line whose settings the rendered {@code spark-defaults.conf} files are checked against
         * ({@link Checks#SPARK_SETTINGS}). Unless set, {@link #verify(Path, List)} takes it from the chart's
         * {@code appVersion} (a chart of another program is not checked) and {@link #verifyManifests} does not check.
         *
         * @param line the line
         * @return this builder
         */
        public Builder sparkLine(SparkLine line) {
            this.sparkLine = Objects.requireNonNull(line, "line");
            return this;
        }

        /**
         * Whether the chart's default values are rendered and checked besides the given values files (on unless
         * set). Turn it off for a chart that by design does not render alone, e.g. a subchart that needs the
         * external endpoints its values files give.
         *
         * @param render false to check only the given values files (when there are any)
         * @return this builder
         */
        public Builder renderDefaults(boolean render) {
            this.renderDefaults = render;
            return this;
        }

        /**
         * Whether the values files are layered into one run, in order, the way {@code helm install -f a -f b}
         * layers them (later files win, maps merge, lists are replaced), instead of each being checked on its
         * own over the defaults (off unless set).
         *
         * @param layer true to render the files together
         * @return this builder
         */
        public Builder layerValues(boolean layer) {
            this.layerValues = layer;
            return this;
        }

        /**
         * The Kubernetes versions to render at ({@code helm template --kube-version}); each is always passed,
         * since helm-java defaults to 1.20.
         *
         * @param versions versions such as {@code 1.29.0}, at least one
         * @return this builder
         */
        public Builder kubeVersions(List<String> versions) {
            Objects.requireNonNull(versions, "versions");
            if (versions.isEmpty()) {
                throw new IllegalArgumentException(
                        "at least one Kubernetes version is needed, e.g. " + KubeVersions.defaults());
            }
            for (String version : versions) {
                if (version == null || !KUBE_VERSION.matcher(version).matches()) {
                    throw new IllegalArgumentException(
                            "not a Kubernetes version: '" + version + "' (expected e.g. 1.29.0)");
                }
            }
            this.kubeVersions = List.copyOf(versions);
            return this;
        }

        /**
         * Adds waivers; each drops the findings it covers.
         *
         * @param waivers the waivers
         * @return this builder
         */
        public Builder waivers(Collection<Waiver> waivers) {
            waivers.forEach(this::waiver);
            return this;
        }

        /**
         * Adds one waiver.
         *
         * @param waiver the waiver
         * @return this builder
         */
        public Builder waiver(Waiver waiver) {
            waivers.add(Objects.requireNonNull(waiver, "waiver"));
            return this;
        }

        /**
         * Declares objects the chart references but the user provides.
         *
         * @param refs the external objects
         * @return this builder
         */
        public Builder externalRefs(Collection<ExternalRef> refs) {
            refs.forEach(r -> externalRefs.add(Objects.requireNonNull(r, "externalRef")));
            return this;
        }

        /**
         * Declares one object the chart references but the user provides.
         *
         * @param kind its kind ({@code Secret})
         * @param name its name, or {@code *} for any
         * @return this builder
         */
        public Builder externalRef(String kind, String name) {
            externalRefs.add(new ExternalRef(kind, name));
            return this;
        }

        /**
         * The Pod Security Standards profile to enforce; {@link PodSecurityLevel#RESTRICTED} by default.
         *
         * @param level the profile
         * @return this builder
         */
        public Builder podSecurity(PodSecurityLevel level) {
            this.podSecurity = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * The release name to render with; {@code release-name} (Helm's own default) unless set.
         *
         * @param name a release name
         * @return this builder
         */
        public Builder releaseName(String name) {
            this.releaseName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The release namespace to render with; {@code default} unless set.
         *
         * @param namespace a namespace
         * @return this builder
         */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return an immutable verifier
         */
        public Verifier build() {
            return new Verifier(this);
        }
    }
}

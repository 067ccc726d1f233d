package io.sparkk8s.verify;

import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.verify.PodSpecs.PodSpecRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The object-level checks on one rendered set, in a fixed order: parse, schema, pod security, references,
 * containers, labels, names, Spark settings.
 */
final class ObjectChecks {

    private final PodSecurityCheck podSecurity;
    private final ReferenceCheck references;
    private final Optional<SparkSettings> sparkSettings;

    ObjectChecks(
            PodSecurityLevel level,
            Set<ExternalRef> externalRefs,
            String namespace,
            Optional<SparkSettings> sparkSettings) {
        this.podSecurity = new PodSecurityCheck(level);
        this.references = new ReferenceCheck(externalRefs, namespace);
        this.sparkSettings = sparkSettings;
    }

    /**
     * @param rendered the manifests
     * @param source what produced them
     * @param lowestKubeVersion the lowest Kubernetes version they must work on
     */
    List<Finding> run(String rendered, String source, String lowestKubeVersion) {
        return run(rendered, source, lowestKubeVersion, new java.util.ArrayList<>());
    }

    /** Runs the checks and adds what each looked at to {@code gates}. */
    List<Finding> run(String rendered, String source, String lowestKubeVersion, List<Gate> gates) {
        FindingCollector findings = new FindingCollector(source);
        List<K8sObject> objects = ManifestParser.parse(rendered, findings);
        List<PodSpecRef> pods = PodSpecs.find(objects);
        List<PodSpecRef> operatorPods =
                OperatorPods.find(objects); // Pod Security and schema only: Spark fills the rest
        int containers = pods.stream().mapToInt(p -> p.containers(true).size()).sum();
        int embedded = (int) pods.stream().filter(PodSpecRef::embedded).count();
        String minor = lowestKubeVersion.replaceFirst("^v?(\\d+\\.\\d+).*$", "$1");
        gates.add(new Gate(
                Checks.K8S_SCHEMA,
                "Kubernetes API schema " + minor + " (unknown fields, types, required)",
                source,
                objects.size() + embedded,
                "objects"));
        gates.add(new Gate(
                podSecurity.check(),
                "Pod Security Standards " + podSecurity.level(),
                source,
                pods.size() + operatorPods.size(),
                "pod specs"));
        gates.add(new Gate(
                Checks.REF_INTEGRITY,
                "references (selectors, ports, ConfigMaps, Secrets, PVCs, accounts, " + "mounts, bindings)",
                source,
                objects.size(),
                "objects"));
        gates.add(new Gate(
                Checks.DUPLICATE_ENV + "," + Checks.DUPLICATE_PORT + "," + Checks.RESOURCES + "," + Checks.IMAGE_PINNED,
                "containers (duplicate env and ports, requests and limits, pinned images)",
                source,
                containers,
                "containers"));
        gates.add(new Gate(
                Checks.LABELS + "," + Checks.NAME_LENGTH, "labels and names", source, objects.size(), "objects"));
        sparkSettings.ifPresent(settings -> gates.add(new Gate(
                Checks.SPARK_SETTINGS,
                "Spark settings of the " + settings.line().id() + " line in spark-defaults.conf",
                source,
                (int) objects.stream().filter(SparkSettingsCheck::holdsDefaults).count(),
                "files")));

        gates.add(new Gate(
                Checks.SCRAPE_TARGET,
                "monitor endpoints and prometheus.io-annotated pods reach a port on a path its Spark settings serve",
                source,
                ScrapeCheck.targets(objects, pods),
                "targets"));

        objects.forEach(o -> SchemaCheck.check(o, lowestKubeVersion, findings));
        pods.stream()
                .filter(PodSpecRef::embedded)
                .forEach(p -> SchemaCheck.checkEmbeddedPod(
                        p.owner(), p.documentPath(), p.document(), lowestKubeVersion, findings));
        operatorPods.stream()
                .filter(OperatorPods::isTemplate)
                .forEach(p -> SchemaCheck.checkEmbeddedPod(
                        p.owner(), p.documentPath(), p.document(), lowestKubeVersion, findings));
        pods.forEach(p -> podSecurity.check(p, findings));
        operatorPods.forEach(p -> podSecurity.check(p, findings));
        // the operator's pod templates too: the ConfigMaps, Secrets and volumes they name must resolve
        references.check(
                objects,
                java.util.stream.Stream.concat(
                                pods.stream(), operatorPods.stream().filter(OperatorPods::isTemplate))
                        .toList(),
                findings);
        pods.forEach(p -> ContainerCheck.check(p, findings));
        objects.forEach(o -> MetadataCheck.labels(o, findings));
        pods.forEach(p -> MetadataCheck.podLabels(p, findings));
        objects.forEach(o -> MetadataCheck.names(o, findings));
        pods.forEach(p -> MetadataCheck.containerNames(p, findings));
        sparkSettings.ifPresent(settings -> objects.forEach(o -> SparkSettingsCheck.check(o, settings, findings)));
        ScrapeCheck.check(sparkSettings.map(SparkSettings::line), objects, pods, findings);
        return findings.findings();
    }
}

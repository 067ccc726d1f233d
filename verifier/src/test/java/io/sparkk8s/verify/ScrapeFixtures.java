package io.sparkk8s.verify;

import io.sparkk8s.api.SparkLine;
import java.util.ArrayList;
import java.util.List;

/**
 * The rendered objects the scrape-target tests plant their defects into ({@code ScrapeCheckTest},
 * {@code ScrapeCheckJmxTest}): one builder of the Spark workloads and the monitors that select them, so each test
 * states only what differs (a port, a mount, an environment variable, an endpoint). Documents are written with the
 * layout Helm renders (two-space indent, flow maps for labels, ports and mounts), so a test's text replacements
 * see what a chart would carry.
 */
final class ScrapeFixtures {

    private ScrapeFixtures() {}

    /** The findings of the scrape-target gate on manifests of a line (values file {@code test.yaml}). */
    static List<Finding> scrapeFindings(SparkLine line, String yaml) {
        return scrapeFindings(verify(line, yaml));
    }

    static VerificationReport verify(SparkLine line, String yaml) {
        return Verifier.builder().sparkLine(line).build().verifyManifests(yaml, "values: test.yaml");
    }

    static List<Finding> scrapeFindings(VerificationReport report) {
        return report.findings().stream()
                .filter(f -> f.check().equals(Checks.SCRAPE_TARGET))
                .toList();
    }

    /** A PodMonitor selecting the pods of {@code app} and {@code component}, one flow item per endpoint. */
    static String podMonitor(String name, String app, String component, String... endpoints) {
        StringBuilder yaml = new StringBuilder(
                        "apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: ")
                .append(name)
                .append("\nspec:\n  selector:\n    matchLabels: ")
                .append(labels(app, component))
                .append("\n  podMetricsEndpoints:\n");
        for (String endpoint : endpoints) {
            yaml.append("    - ").append(endpoint).append('\n');
        }
        return yaml.toString();
    }

    /** Documents joined the way Helm prints them. */
    static String documents(String... documents) {
        return String.join("---\n", documents);
    }

    private static String labels(String app, String component) {
        return "{app.kubernetes.io/name: " + app + ", app.kubernetes.io/component: " + component + "}";
    }

    /** A workload with one Spark container: its pod labels, ports, environment, mounts and ConfigMap volumes. */
    static final class Workload {
        private final String kind;
        private final String name;
        private final String app;
        private final String component;
        private final String container;
        private final String command;
        private final String args;
        private final List<String> env = new ArrayList<>();
        private final List<String> ports = new ArrayList<>();
        private final List<String> mounts = new ArrayList<>();
        private final List<String> volumes = new ArrayList<>();

        private Workload(
                String kind, String name, String app, String component, String container, String command, String args) {
            this.kind = kind;
            this.name = name;
            this.app = app;
            this.component = component;
            this.container = container;
            this.command = command;
            this.args = args;
        }

        /** The Spark Connect server StatefulSet (the driver in client mode), its UI on port {@code ui} 4040. */
        static Workload connectServer() {
            return new Workload(
                            "apps/v1\nkind: StatefulSet",
                            "rel-connect",
                            "connect",
                            "server",
                            "connect",
                            "[\"/bin/bash\", \"-ec\"]",
                            "exec /opt/spark/bin/spark-submit --class org.apache.spark.sql.connect.service.SparkConnectServer")
                    .port("ui", 4040);
        }

        /** The standalone master Deployment, its web UI on port {@code http} 8080. */
        static Workload standaloneMaster() {
            return new Workload(
                            "apps/v1\nkind: Deployment",
                            "rel-standalone-master",
                            "standalone",
                            "master",
                            "master",
                            "",
                            "exec /opt/spark/bin/spark-class org.apache.spark.deploy.master.Master --webui-port 8080")
                    .port("http", 8080);
        }

        Workload port(String portName, int number) {
            ports.add("{name: " + portName + ", containerPort: " + number + "}");
            return this;
        }

        Workload env(String variable, String value) {
            env.add("{name: " + variable + ", value: \"" + value + "\"}");
            return this;
        }

        Workload mount(String volume, String path) {
            mounts.add("{name: " + volume + ", mountPath: " + path + ", readOnly: true}");
            return this;
        }

        Workload configMapVolume(String volume, String configMap) {
            volumes.add("- name: " + volume + "\n          configMap: {name: " + configMap + "}");
            return this;
        }

        String yaml() {
            StringBuilder yaml = new StringBuilder("apiVersion: ")
                    .append(kind)
                    .append("\nmetadata:\n  name: ")
                    .append(name)
                    .append("\nspec:\n  selector:\n    matchLabels: ")
                    .append(labels(app, component))
                    .append("\n  template:\n    metadata:\n      labels: ")
                    .append(labels(app, component))
                    .append("\n    spec:\n      containers:\n        - name: ")
                    .append(container)
                    .append("\n          image: spark:4.1.2\n");
            if (!command.isEmpty()) {
                yaml.append("          command: ").append(command).append('\n');
            }
            yaml.append("          args:\n            - ").append(args).append('\n');
            items(yaml, "env", env);
            items(yaml, "ports", ports);
            items(yaml, "volumeMounts", mounts);
            if (!volumes.isEmpty()) {
                yaml.append("      volumes:\n");
                volumes.forEach(v -> yaml.append("        ").append(v).append('\n'));
            }
            return yaml.toString();
        }

        private static void items(StringBuilder yaml, String key, List<String> items) {
            if (!items.isEmpty()) {
                yaml.append("          ").append(key).append(":\n");
                items.forEach(i -> yaml.append("            - ").append(i).append('\n'));
            }
        }
    }
}

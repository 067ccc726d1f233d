package io.sparkk8s.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a block template (the files a {@link Block} lists in {@link Block#templates()}, Pebble with {@code {= =}}
 * and {@code {% %}}) receives: each component is a variable of the same name. The engine builds it once per block
 * and layout and turns it into Pebble's variables in one place; a template that reads any other name fails the
 * generation (strict variables). Shared fragments ({@code {% include "common/…" %}}) see the same variables plus
 * the ones the including template sets (see the template catalogue, {@code docs/templates.md}).
 *
 * @param layout {@code toggle} (one chart, the block switched by {@code <key>.enabled}) or {@code subchart} (the
 *     block's own subchart of the umbrella)
 * @param line the Spark line's profile; templates read {@code line.id}, {@code line.sparkVersion},
 *     {@code line.scalaVersion}, {@code line.javaVersion}, {@code line.hadoopVersion},
 *     {@code line.image.repository}/{@code .tag}, {@code line.jupyterImage.repository}/{@code .tag},
 *     {@code line.pythonVersion}, {@code line.jupyterPythonVersion}, {@code line.connectServerPackage},
 *     {@code line.packages} and {@code line.s3Packages} (comma-joined coordinates) and {@code line.changedDefaults}
 * @param blocks the ids of every block of the chart (the umbrella's, for a subchart), sorted
 * @param endpointsById every endpoint of every block of the chart by endpoint id, e.g.
 *     {@code endpointsById.connect.port}; to read another block's port without repeating it
 * @param v the Helm expression of the block's values: {@code .Values.<key>} in the toggle layout, {@code .Values}
 *     in a subchart; templates read values only as {@code {= v =}.<path>}
 * @param key the block's values key, e.g. {@code hiveMetastore}
 * @param id the block's id, e.g. {@code hive-metastore}; the usual component of object names and labels
 * @param filePrefix what the engine puts before the block's file names in {@code templates/}: {@code <id>-} in the
 *     toggle layout, empty in a subchart; to name a sibling file, e.g. a ConfigMap's checksum:
 *     {@code (print $.Template.BasePath "/{= filePrefix =}configmap.yaml")}
 * @param runsSpark true when the block runs Spark processes ({@link Block#runsSpark()})
 * @param ownEndpoints the block's own endpoints, in the order of {@link Block#endpoints()} (the Helm test pod
 *     checks each)
 * @param wiringInputs the values keys of the chart's blocks whose being enabled changes the Spark wiring (they
 *     contribute Spark settings or provide S3); an umbrella's Spark subcharts hash which of them are present
 *     ({@code common/pod-metadata.peb})
 */
public record BlockTemplateContext(
        String layout,
        SparkProfile line,
        List<String> blocks,
        Map<String, EndpointView> endpointsById,
        String v,
        String key,
        String id,
        String filePrefix,
        boolean runsSpark,
        List<EndpointView> ownEndpoints,
        List<String> wiringInputs) {

    public BlockTemplateContext {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(line, "line");
        blocks = List.copyOf(blocks);
        endpointsById = Map.copyOf(endpointsById);
        Objects.requireNonNull(v, "v");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filePrefix, "filePrefix");
        ownEndpoints = List.copyOf(ownEndpoints);
        wiringInputs = List.copyOf(wiringInputs);
    }

    /**
     * An endpoint as templates read it.
     *
     * @param id the endpoint id (an Ingress host key for UIs)
     * @param service the component suffix of its Service name: {@code include "sparkk8s.fullname" (dict "context" . "component" service)}
     * @param port the Service port
     * @param protocol {@code http}, {@code grpc}, {@code thrift} or {@code tcp}
     * @param scheme the URL scheme clients use: {@code sc} for gRPC (Spark Connect), else the protocol
     * @param probePath the HTTP path a Helm test checks, or empty
     * @param client true when clients outside the release use it (the web UIs and Spark Connect); the rest serves
     *     the release's own pods
     * @param description what it is, for NOTES.txt and the README
     * @param values the Helm expression of the owning block's values, like {@code v} of that block
     */
    public record EndpointView(
            String id,
            String service,
            int port,
            String protocol,
            String scheme,
            String probePath,
            boolean client,
            String description,
            String values) {

        public EndpointView {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(probePath, "probePath");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(values, "values");
        }

        /**
         * The view of a block's endpoint.
         *
         * @param values the Helm expression of the owning block's values
         */
        public static EndpointView of(Endpoint e, String values) {
            String scheme =
                    switch (e.protocol()) {
                        case "grpc" -> "sc";
                        default -> e.protocol();
                    };
            // what clients outside the release use: the web UIs and the Spark Connect port; the rest (databases,
            // the metastore, the S3 API, the standalone master) serves the release's own pods
            return new EndpointView(
                    e.id(),
                    e.service(),
                    e.port(),
                    e.protocol(),
                    scheme,
                    e.probePath(),
                    e.ui() || e.protocol().equals("grpc"),
                    e.description(),
                    values);
        }
    }
}

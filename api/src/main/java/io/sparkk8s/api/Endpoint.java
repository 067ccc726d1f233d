package io.sparkk8s.api;

import java.util.Objects;

/**
 * A network endpoint a block serves through a Service named {@code <release>-<service>}.
 *
 * @param id the endpoint's id, unique in a chart; UI endpoints use it as their Ingress host key
 * @param service the component suffix of the Service name, e.g. {@code connect}
 * @param port the Service port
 * @param protocol {@code http}, {@code grpc}, {@code thrift} or {@code tcp}
 * @param ui true when the endpoint is a web UI that the Ingress can route to
 * @param probePath an HTTP path the Helm test checks for http endpoints, else empty
 * @param description what the endpoint is, for NOTES.txt and the README
 */
public record Endpoint(
        String id, String service, int port, String protocol, boolean ui, String probePath, String description) {

    public Endpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(protocol, "protocol");
        probePath = probePath == null ? "" : probePath;
        Objects.requireNonNull(description, "description");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint " + id + ": port " + port + " is not in 1..65535");
        }
    }

    /** A web UI endpoint answering HTTP GET on {@code probePath}. */
    public static Endpoint ui(String id, String service, int port, String probePath, String description) {
        return new Endpoint(id, service, port, "http", true, probePath, description);
    }

    /** A non-UI endpoint with the given protocol. */
    public static Endpoint api(String id, String service, int port, String protocol, String description) {
        return new Endpoint(id, service, port, protocol, false, "", description);
    }
}

package io.sparkk8s.maven;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.PushCommand;
import com.marcnuri.helm.RegistryCommand;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Helm's own package, registry login and push, through helm-java (which embeds Helm 3): the archive is exactly
 * what {@code helm package} writes ({@code <name>-<version>.tgz}, {@code .helmignore} honoured, dependencies in
 * {@code charts/} checked), and the push speaks the OCI distribution API like {@code helm push}.
 */
final class HelmCharts {

    /** A Helm call failed; the message is Helm's. */
    static final class HelmException extends Exception {
        HelmException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final boolean plainHttp;
    private final boolean insecureSkipTlsVerify;

    HelmCharts(boolean plainHttp, boolean insecureSkipTlsVerify) {
        this.plainHttp = plainHttp;
        this.insecureSkipTlsVerify = insecureSkipTlsVerify;
    }

    /**
     * Packages a chart folder into a folder of its own, emptied first so that it holds exactly this package, and
     * returns the archive Helm wrote there.
     */
    Path packageChart(Path chart, Path destination) throws HelmException {
        try {
            if (Files.isDirectory(destination)) {
                try (Stream<Path> old = Files.walk(destination)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(destination);
            new Helm(chart).packageIt().withDestination(destination).call();
            try (Stream<Path> written = Files.list(destination)) {
                List<Path> archives = written.filter(
                                file -> file.getFileName().toString().endsWith(".tgz"))
                        .toList();
                if (archives.size() != 1) {
                    throw new HelmException("helm package wrote " + archives + " into " + destination, null);
                }
                return archives.get(0);
            }
        } catch (IOException e) {
            throw new HelmException(e.toString(), e);
        } catch (IllegalStateException e) {
            throw new HelmException(e.getMessage(), e);
        }
    }

    /**
     * Logs in to a registry like {@code helm registry login}: Helm checks the credentials against the registry and
     * keeps them in its registry configuration ({@code $HELM_CONFIG_HOME/registry/config.json}) for the push.
     */
    void login(String host, String username, String password) throws HelmException {
        if (plainHttp) {
            // helm-java 0.0.21 passes no plain-HTTP option to Helm's login action, which then overrides the
            // client's plain-HTTP setting and speaks TLS to the registry (docs/facts.md, "Packaging and pushing")
            throw new HelmException(
                    "the embedded Helm logs in over HTTPS only; use TLS (with insecureSkipTlsVerify "
                            + "for a self-signed certificate), or log in beforehand with `helm registry login --plain-http "
                            + host + "` and leave registryServerId out",
                    null);
        }
        RegistryCommand.LoginCommand login =
                Helm.registry().login().withHost(host).withUsername(username).withPassword(password);
        if (insecureSkipTlsVerify) {
            login.insecureSkipTlsVerify();
        }
        try {
            login.call();
        } catch (IllegalStateException e) {
            throw new HelmException(e.getMessage(), e);
        }
    }

    /** Pushes a packaged chart like {@code helm push <tgz> <oci://...>}; returns Helm's report. */
    String push(Path packaged, URI registry) throws HelmException {
        PushCommand push = Helm.push().withChart(packaged).withRemote(registry);
        if (plainHttp) {
            push.plainHttp();
        }
        if (insecureSkipTlsVerify) {
            push.insecureSkipTlsVerify();
        }
        try {
            String out = push.call();
            return out == null ? "" : out;
        } catch (IllegalStateException e) {
            throw new HelmException(e.getMessage(), e);
        }
    }
}

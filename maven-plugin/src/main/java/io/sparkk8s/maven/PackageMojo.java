package io.sparkk8s.maven;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Packages every generated chart of the output folder into a {@code .tgz} with Helm's own {@code helm package}
 * (through helm-java), attaches each to the build with the chart's name as classifier and {@code tgz} as type (so
 * {@code install} and {@code deploy} publish them next to the project's artifact), and, with {@code <pushTo>},
 * pushes them to an OCI registry like {@code helm push}, logging in first with the credentials of a
 * {@code settings.xml} server.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractSparkK8sMojo {

    /** The folder the packaged charts are written to, one sub-folder per chart. */
    @Parameter(property = "spark-k8s.packageDirectory", defaultValue = "${project.build.directory}/helm-packages")
    File packageDirectory;

    /** Attaches each packaged chart to the build (classifier: the chart's name, type: {@code tgz}). */
    @Parameter(property = "spark-k8s.attach", defaultValue = "true")
    boolean attach;

    /**
     * An OCI registry to push the packaged charts to, e.g. {@code oci://registry.example.com/charts}; each chart
     * becomes the repository {@code charts/<chart name>} with its chart version as tag. Empty: no push.
     */
    @Parameter(property = "spark-k8s.pushTo")
    String pushTo;

    /**
     * The {@code <server>} id in {@code settings.xml} whose username and password (encrypted ones too) log in to
     * the registry of {@code <pushTo>} before the push; never put credentials into the pom. Empty: no login
     * (the registry allows anonymous pushes, or Helm's registry configuration already holds a login).
     */
    @Parameter(property = "spark-k8s.registryServerId")
    String registryServerId;

    /** Talks plain HTTP to the registry (a registry on localhost or inside a trusted network). */
    @Parameter(property = "spark-k8s.plainHttp", defaultValue = "false")
    boolean plainHttp;

    /** Accepts a registry certificate that does not verify (self-signed). */
    @Parameter(property = "spark-k8s.insecureSkipTlsVerify", defaultValue = "false")
    boolean insecureSkipTlsVerify;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    Settings settings;

    @Component
    MavenProjectHelper projectHelper;

    @Component
    SettingsDecrypter settingsDecrypter;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        URI registry = registry();
        // the credentials are checked before anything is packaged, so a wrong server id fails at once
        Server server = registry != null && registryServerId != null && !registryServerId.isBlank()
                ? server(registryServerId.trim())
                : null;
        List<Path> charts = charts();
        HelmCharts helm = new HelmCharts(plainHttp, insecureSkipTlsVerify);
        List<Path> packages = new ArrayList<>();
        for (Path chart : charts) {
            String name = chart.getFileName().toString();
            Path packaged;
            try {
                packaged = helm.packageChart(chart, packageDirectory.toPath().resolve(name));
            } catch (HelmCharts.HelmException e) {
                throw new MojoExecutionException("cannot package the chart " + chart + ": " + e.getMessage(), e);
            }
            getLog().info(name + ": packaged " + packaged);
            if (attach) {
                projectHelper.attachArtifact(project, "tgz", name, packaged.toFile());
                getLog().info(name + ": attached as " + project.getGroupId() + ":" + project.getArtifactId() + ":tgz:"
                        + name + ":" + project.getVersion());
            }
            packages.add(packaged);
        }
        if (registry == null) {
            return;
        }
        if (server != null) {
            try {
                helm.login(registry.getAuthority(), server.getUsername(), server.getPassword());
            } catch (HelmCharts.HelmException e) {
                throw new MojoExecutionException(
                        "<registryServerId>: cannot log in to " + registry.getAuthority()
                                + " as '" + server.getUsername() + "' (server '" + registryServerId
                                + "' of settings.xml): "
                                + e.getMessage(),
                        e);
            }
            getLog().info("logged in to " + registry.getAuthority() + " as " + server.getUsername());
        }
        for (Path packaged : packages) {
            try {
                String out = helm.push(packaged, registry);
                getLog().info("pushed " + packaged.getFileName() + " to " + registry
                        + (out.isBlank() ? "" : ": " + out.strip().replace('\n', ' ')));
            } catch (HelmCharts.HelmException e) {
                throw new MojoExecutionException(
                        "<pushTo>: cannot push " + packaged.getFileName() + " to " + registry + ": " + e.getMessage(),
                        e);
            }
        }
    }

    /** {@code <pushTo>} as an {@code oci://} URI with a host, or null when there is nothing to push. */
    private URI registry() throws MojoFailureException {
        if (pushTo == null || pushTo.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(pushTo.trim());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(
                    "<pushTo>: '" + pushTo + "' is not a URI; write oci://<registry host>/<path>", e);
        }
        if (!"oci".equals(uri.getScheme()) || uri.getAuthority() == null) {
            throw new MojoFailureException("<pushTo>: '" + pushTo + "' is not an OCI registry reference; write "
                    + "oci://<registry host>[:<port>]/<path>, e.g. oci://registry.example.com/charts");
        }
        return uri;
    }

    /** The chart folders (with a Chart.yaml) of the output folder, sorted. */
    private List<Path> charts() throws MojoFailureException, MojoExecutionException {
        Path output = outputDirectory.toPath();
        List<Path> charts = new ArrayList<>();
        if (Files.isDirectory(output)) {
            try (Stream<Path> entries = Files.list(output)) {
                entries.filter(dir -> !dir.getFileName().toString().startsWith("."))
                        .filter(dir -> Files.isRegularFile(dir.resolve("Chart.yaml")))
                        .sorted()
                        .forEach(charts::add);
            } catch (IOException e) {
                throw new MojoExecutionException("cannot list " + output + ": " + e.getMessage(), e);
            }
        }
        if (charts.isEmpty()) {
            throw new MojoFailureException("<outputDirectory>: no chart folder (with a Chart.yaml) in " + output
                    + "; run the generate goal first");
        }
        return charts;
    }

    /** The settings.xml server of that id, its password decrypted. */
    private Server server(String id) throws MojoFailureException {
        Server server = settings.getServer(id);
        if (server == null) {
            throw new MojoFailureException("<registryServerId>: settings.xml has no <server> with id '" + id
                    + "'; add one with the registry's <username> and <password> to ~/.m2/settings.xml");
        }
        SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity().ordinal() <= SettingsProblem.Severity.ERROR.ordinal()) {
                throw new MojoFailureException(
                        "<registryServerId>: cannot decrypt the password of server '" + id + "' in settings.xml: "
                                + problem.getMessage(),
                        problem.getException());
            }
        }
        Server plain = decrypted.getServer();
        if (plain.getUsername() == null || plain.getPassword() == null) {
            throw new MojoFailureException("<registryServerId>: server '" + id + "' in settings.xml needs a "
                    + "<username> and a <password> to log in to the registry");
        }
        return plain;
    }
}

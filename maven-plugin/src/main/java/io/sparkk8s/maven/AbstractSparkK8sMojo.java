package io.sparkk8s.maven;

import io.sparkk8s.api.GenerationListener;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What both goals share: where the charts are, the skip switch, and the listener on the Maven log. */
abstract class AbstractSparkK8sMojo extends AbstractMojo {

    /**
     * The folder the charts are generated into (by {@code generate}) and verified in (by {@code verify}), one
     * sub-folder per chart, e.g. {@code spark-4.1}.
     */
    @Parameter(property = "spark-k8s.outputDirectory", defaultValue = "${project.build.directory}/generated-charts")
    File outputDirectory;

    /** Skips the goal, e.g. {@code -Dspark-k8s.skip} on the command line. */
    @Parameter(property = "spark-k8s.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("skipped (spark-k8s.skip)");
            return;
        }
        run();
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** Reports core progress to the Maven log. */
    GenerationListener listener() {
        return new GenerationListener() {
            @Override
            public void info(String message) {
                getLog().info(message);
            }

            @Override
            public void warn(String message) {
                getLog().warn(message);
            }
        };
    }
}

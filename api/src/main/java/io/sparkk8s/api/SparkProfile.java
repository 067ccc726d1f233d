package io.sparkk8s.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data that describes one Spark line: versions, images and the jars a line needs.
 *
 * @param line the line
 * @param sparkVersion the default patch version, e.g. {@code 4.1.0}
 * @param supportedVersions every patch version the charts accept
 * @param scalaVersion the Scala binary version of the line, e.g. {@code 2.13}
 * @param javaVersion the Java version of the official image
 * @param hadoopVersion the Hadoop client version Spark is built against
 * @param image the official Spark image of the default version
 * @param connectServerPackage Maven coordinates of the Spark Connect server when the image lacks it, else empty
 * @param s3Packages Maven coordinates of hadoop-aws and the AWS SDK bundle matching {@code hadoopVersion}
 * @param pythonVersion the Python major.minor of the official image, which runs the executors' Python workers
 * @param changedDefaults Spark settings whose defaults differ from the other line
 * @param jupyterImage a published Jupyter image whose Spark Connect client matches the line
 * @param jupyterPythonVersion the Python major.minor of {@code jupyterImage} (its kernels are Spark clients)
 * @param airflowImage the Airflow image of the line, chosen for its Python (its tasks are Spark clients)
 * @param airflowPythonVersion the Python major.minor of {@code airflowImage}
 * @param why why the default patch version was chosen
 */
public record SparkProfile(
        SparkLine line,
        String sparkVersion,
        List<String> supportedVersions,
        String scalaVersion,
        String javaVersion,
        String hadoopVersion,
        Image image,
        String connectServerPackage,
        List<String> s3Packages,
        String pythonVersion,
        Map<String, String> changedDefaults,
        Image jupyterImage,
        String jupyterPythonVersion,
        Image airflowImage,
        String airflowPythonVersion,
        String why) {

    public SparkProfile {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(sparkVersion, "sparkVersion");
        supportedVersions = List.copyOf(supportedVersions);
        Objects.requireNonNull(image, "image");
        connectServerPackage = connectServerPackage == null ? "" : connectServerPackage;
        s3Packages = List.copyOf(s3Packages);
        changedDefaults = Map.copyOf(changedDefaults);
        Objects.requireNonNull(jupyterImage, "jupyterImage");
        Objects.requireNonNull(jupyterPythonVersion, "jupyterPythonVersion");
        Objects.requireNonNull(airflowImage, "airflowImage");
        Objects.requireNonNull(airflowPythonVersion, "airflowPythonVersion");
        why = why == null ? "" : why;
    }

    /** The Spark jars the Connect server and History Server add with {@code spark.jars.packages}. */
    public List<String> packages() {
        if (connectServerPackage.isEmpty()) {
            return s3Packages;
        }
        List<String> all = new java.util.ArrayList<>();
        all.add(connectServerPackage);
        all.addAll(s3Packages);
        return List.copyOf(all);
    }

    /** A container image reference: repository and pinned tag. */
    public record Image(String repository, String tag) {
        public Image {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(tag, "tag");
        }
    }
}

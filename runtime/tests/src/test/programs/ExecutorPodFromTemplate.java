import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.k8s.KubernetesConf;
import org.apache.spark.deploy.k8s.KubernetesExecutorConf;
import org.apache.spark.deploy.k8s.KubernetesExecutorSpec;
import org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBuilder;

/**
 * Spark's own executor pod builder, without a driver or an API server: reads Spark properties files (the
 * arguments before {@code --}) and, for each executor pod template after it, prints the executor Pod Spark's
 * allocator would create from them, as one line {@code POD <json>}. An argument {@code <properties>::<template>}
 * builds that pod from its own properties file instead. Run by the java launcher against a Spark line's class path (it compiles this file itself),
 * so the runtime tier's test module does not need Spark on its own class path.
 */
public class ExecutorPodFromTemplate {
    public static void main(String[] args) throws Exception {
        SparkConf conf = new SparkConf(false);
        int split = java.util.Arrays.asList(args).indexOf("--");
        for (int i = 0; i < split; i++) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(args[i]))) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(name -> conf.set(name, properties.getProperty(name).trim()));
        }
        conf.setIfMissing("spark.kubernetes.executor.podNamePrefix", "offline");
        SecurityManager security = new SecurityManager(conf, scala.Option.empty(),
                org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE_EXECUTOR());
        // The client only parses the template files here; it never reaches an API server.
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build()).build()) {
            for (int i = split + 1; i < args.length; i++) {
                if (args[i].startsWith("driver=")) {
                    driverPod(args[i].substring("driver=".length()), client);
                    continue;
                }
                // "<properties>::<template>": this pod from its own settings file (one chart per pod) instead of the
                // shared ones, so several charts share one JVM start
                SparkConf podConf = conf;
                String template = args[i];
                int pair = template.indexOf("::");
                if (pair > 0) {
                    podConf = new SparkConf(false);
                    Properties properties = new Properties();
                    try (Reader reader = Files.newBufferedReader(Path.of(template.substring(0, pair)))) {
                        properties.load(reader);
                    }
                    SparkConf own = podConf;
                    properties.stringPropertyNames().forEach(name -> own.set(name, properties.getProperty(name).trim()));
                    podConf.setIfMissing("spark.kubernetes.executor.podNamePrefix", "offline");
                    template = template.substring(pair + 2);
                }
                podConf.set("spark.kubernetes.executor.podTemplateFile", template);
                // the default resource profile (executor memory, overhead, cores) is cached per JVM: rebuild it
                org.apache.spark.resource.ResourceProfile$.MODULE$.clearDefaultProfile();
                KubernetesExecutorConf executorConf = KubernetesConf.createExecutorConf(podConf, String.valueOf(i - split),
                        "spark-offline", scala.Option.empty(),
                        org.apache.spark.resource.ResourceProfile$.MODULE$.DEFAULT_RESOURCE_PROFILE_ID());
                KubernetesExecutorSpec spec = new KubernetesExecutorBuilder().buildFromFeatures(executorConf, security,
                        client, org.apache.spark.resource.ResourceProfile$.MODULE$.getOrCreateDefaultProfile(podConf));
                // As ExecutorPodsAllocator does: the executor container joins the pod built around it.
                Pod pod = new PodBuilder(spec.pod().pod()).editOrNewSpec().addToContainers(spec.pod().container())
                        .endSpec().build();
                System.out.println("POD " + Serialization.asJson(pod));
            }
        }
        System.exit(0);
    }

    /**
     * "driver=<properties>::<Python application file>": the driver Pod Spark's submission client builds in cluster
     * mode (KubernetesDriverBuilder, as the Spark Operator's spark-submit runs it) from those settings, among them
     * spark.kubernetes.driver.podTemplateFile, printed as one line {@code DRIVER <json>}, and the spark.properties file
     * the client puts into the driver's ConfigMap, as {@code DRIVER-PROPERTIES <base64>}.
     */
    static void driverPod(String argument, KubernetesClient client) throws Exception {
        int pair = argument.indexOf("::");
        SparkConf conf = new SparkConf(false);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(argument.substring(0, pair)))) {
            properties.load(reader);
        }
        properties.stringPropertyNames().forEach(name -> conf.set(name, properties.getProperty(name).trim()));
        conf.setIfMissing("spark.app.name", "offline");
        org.apache.spark.resource.ResourceProfile$.MODULE$.clearDefaultProfile();
        org.apache.spark.deploy.k8s.KubernetesDriverConf driverConf = KubernetesConf.createDriverConf(conf,
                "spark-offline", new org.apache.spark.deploy.k8s.submit.PythonMainAppResource(argument.substring(pair + 2)),
                "org.apache.spark.deploy.PythonRunner", new String[0], scala.Option.empty());
        org.apache.spark.deploy.k8s.KubernetesDriverSpec spec =
                new org.apache.spark.deploy.k8s.submit.KubernetesDriverBuilder().buildFromFeatures(driverConf, client);
        Pod pod = new PodBuilder(spec.pod().pod()).editOrNewSpec().addToContainers(spec.pod().container())
                .endSpec().build();
        System.out.println("DRIVER " + Serialization.asJson(pod));
        // the spark.properties file of the ConfigMap the client mounts into the driver's $SPARK_CONF_DIR
        // (Client.run), from which the driver's launcher takes its JVM options
        String shipped = org.apache.spark.deploy.k8s.submit.KubernetesClientUtils.buildSparkConfDirFilesMap(
                org.apache.spark.deploy.k8s.submit.KubernetesClientUtils.configMapNameDriver(), driverConf.sparkConf(),
                spec.systemProperties()).get("spark.properties").get();
        System.out.println("DRIVER-PROPERTIES " + java.util.Base64.getEncoder().encodeToString(
                shipped.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}

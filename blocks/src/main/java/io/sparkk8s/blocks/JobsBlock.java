package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import io.sparkk8s.api.ValuesModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spark batch applications, once or on a schedule ({@code jobs.apps.<name>.*}), run three ways: {@code submit}
 * (a Kubernetes Job, or a CronJob with a schedule, whose pod is the client-mode driver), {@code connect} (a Python
 * script against the release's Spark Connect server) or {@code sparkApplication} (kubeflow Spark Operator
 * {@code SparkApplication} / {@code ScheduledSparkApplication} objects, for clusters that have the operator).
 */
public final class JobsBlock implements Block {

    /** The runners of an application. */
    static final List<String> RUNNERS = List.of("submit", "connect", "sparkApplication");

    /**
     * A CronJob schedule: five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of
     * week 0-6 or SUN-SAT; each a list of values, ranges, steps or *) or one of the descriptors Kubernetes' cron
     * parser (robfig/cron, standard parser) accepts; no TZ= prefix (spec.timeZone says the zone).
     */
    static final String CRON_PATTERN;

    static {
        String minute = "([0-5]?[0-9])";
        String hour = "([01]?[0-9]|2[0-3])";
        String dom = "(0?[1-9]|[12][0-9]|3[01])";
        String month = "(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)";
        String dow = "([0-6]|SUN|MON|TUE|WED|THU|FRI|SAT)";
        StringBuilder fields = new StringBuilder();
        for (String v : List.of(minute, hour, dom, month, dow)) {
            String item = "(\\*|\\?|" + v + "(-" + v + ")?)(/[0-9]+)?";
            fields.append(fields.length() == 0 ? "" : " ")
                    .append(item)
                    .append("(,")
                    .append(item)
                    .append(")*");
        }
        CRON_PATTERN = "^$|^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$|^" + fields + "$";
    }

    /** Where an application's file lives: in the image (local://) or on S3 (s3a://). */
    static final String SOURCE_PATTERN = "^$|^(local|s3a)://.+$";

    @Override
    public String id() {
        return "jobs";
    }

    @Override
    public String valuesKey() {
        return "jobs";
    }

    @Override
    public String description() {
        return "Spark batch applications, once or on a schedule: Jobs/CronJobs running spark-submit (the pod is the "
                + "client-mode driver), scripts against Spark Connect, or Spark Operator SparkApplications.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.sparkWorkload("the jobs' driver pods", false, "500m", "2Gi"))
                .image("connectClient.image")
                .addAll(CommonValues.image(
                        "connectClient.image", "the pods of connect-runner scripts", profile.jupyterImage()))
                .add(Value.bool(
                        "serviceAccount.create",
                        true,
                        "Create the ServiceAccount of the drivers and executors of submit and sparkApplication runs."))
                .add(Value.string("serviceAccount.name", "", "ServiceAccount name; empty means <release>-jobs.")
                        .format(ValueFormat.DNS_NAME))
                .add(Value.bool(
                        "rbac.create",
                        true,
                        "Create the namespaced Role and RoleBinding that let a driver manage its executor pods "
                                + "(no ClusterRole); only while an application uses the submit or sparkApplication "
                                + "runner."))
                .add(Value.bool(
                        "sparkOperator.skipCapabilitiesCheck",
                        false,
                        "Render SparkApplication objects although the cluster does not list the API "
                                + "sparkoperator.k8s.io/v1beta2; needed under helm template (Argo CD, Flux), which "
                                + "sees no cluster. Without it, an install into a cluster without the Spark Operator "
                                + "fails with one message."))
                .add(Value.modelMap(
                                "apps",
                                app(profile),
                                "Spark applications by name (a DNS label, at most " + Value.ENTRY_NAME_MAX
                                        + " characters): each runs once, or on its schedule.")
                        .examples(example()))
                .build();
    }

    private static Map<String, Object> example() {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("schedule", "0 2 * * *");
        app.put("timeZone", "Europe/Berlin");
        app.put("mainApplicationFile", "s3a://jobs/nightly/etl.py");
        app.put("args", List.of("--date", "yesterday"));
        return Map.of("nightly-etl", app);
    }

    /** The model of one application, {@code jobs.apps.<name>.*}. */
    static ValuesModel app(SparkProfile profile) {
        String compress = profile.changedDefaults().getOrDefault("spark.eventLog.compress", "false");
        return ValuesModel.builder()
                .add(Value.string(
                                "runner",
                                "submit",
                                "How the application runs: submit (a Job or CronJob whose pod runs spark-submit "
                                        + "as the client-mode driver), connect (a Python script against the release's "
                                        + "Spark Connect server), sparkApplication (a Spark Operator SparkApplication).")
                        .allowed(RUNNERS.toArray(String[]::new)))
                .add(Value.string(
                                "type",
                                "Python",
                                "Language of the application (sparkApplication's spec.type; submit "
                                        + "and connect tell it from the file).")
                        .allowed("Python", "Scala", "Java"))
                .image("image")
                .add(Value.string(
                                "image.repository",
                                "",
                                "Image repository of this application's driver and executors; empty means "
                                        + "jobs.image.repository, else global.spark.image.repository.")
                        .format(ValueFormat.SPARK_IMAGE_REPOSITORY))
                .add(Value.string(
                                "image.tag",
                                "",
                                "Pinned image tag of this application's driver and executors (e.g. an image "
                                        + "built from examples/images/spark-app/Dockerfile); empty means "
                                        + "jobs.image.tag, else global.spark.image.tag.")
                        .format(ValueFormat.SPARK_IMAGE_TAG))
                .add(Value.string(
                                "mainApplicationFile",
                                "",
                                "The application: local:// (a file in the image) or s3a:// (on the "
                                        + "release's S3); empty means the inline script or existingConfigMap.")
                        .pattern(SOURCE_PATTERN)
                        .examples("local:///opt/spark/examples/src/main/python/pi.py", "s3a://jobs/etl.py"))
                .add(Value.string(
                        "script",
                        "",
                        "An inline Python script, written to a ConfigMap and run as the application "
                                + "(short scripts; larger ones belong in the image or on S3)."))
                .add(Value.string(
                                "existingConfigMap.name",
                                "",
                                "A ConfigMap you manage holding the Python script to run.")
                        .format(ValueFormat.DNS_NAME))
                .add(Value.string("existingConfigMap.key", "main.py", "Key of the script in that ConfigMap.")
                        .pattern("^[-._a-zA-Z0-9]+$"))
                .add(Value.string("mainClass", "", "Main class of a Scala or Java application.")
                        .pattern("^$|^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$")
                        .examples("org.apache.spark.examples.SparkPi"))
                .add(Value.stringList("args", List.of(), "Arguments of the application, each passed as given."))
                .add(Value.stringList("jars", List.of(), "Extra jars (local:// or s3a://).")
                        .pattern("^(local|s3a)://.+$")
                        .sparkConf("spark.jars"))
                .add(Value.stringList("pyFiles", List.of(), "Extra Python files, .zip or .egg (local:// or s3a://).")
                        .pattern("^(local|s3a)://.+$")
                        .sparkConf("spark.submit.pyFiles"))
                .add(Value.string(
                                "schedule",
                                "",
                                "Cron schedule: five fields (minute hour day-of-month month day-of-week) or "
                                        + "@hourly, @daily, @weekly, @monthly, @yearly; empty means run once.")
                        .pattern(CRON_PATTERN)
                        .examples("0 2 * * *", "@daily"))
                .add(Value.string(
                                "timeZone",
                                "",
                                "IANA time zone of the schedule; empty means the time zone of "
                                        + "kube-controller-manager (usually UTC).")
                        .allowed(timeZones())
                        .examples("Europe/Berlin"))
                .add(Value.bool("suspend", false, "Suspend the schedule: no new runs start; running ones go on."))
                .add(Value.string(
                                "concurrencyPolicy",
                                "Forbid",
                                "What a scheduled run does while the previous one still runs: "
                                        + "Forbid (skip it), Allow (run both), Replace (stop the previous one).")
                        .allowed("Forbid", "Allow", "Replace"))
                .add(Value.integer("successfulJobsHistoryLimit", 3, "Finished successful runs to keep.")
                        .range(0, 100))
                .add(Value.integer("failedJobsHistoryLimit", 1, "Failed runs to keep.")
                        .range(0, 100))
                .add(Value.integer(
                                "startingDeadlineSeconds",
                                0,
                                "A scheduled run that cannot start within this many seconds of its time is "
                                        + "skipped; 0 means no deadline.")
                        .range(0, null))
                .add(Value.integer(
                                "ttlSecondsAfterFinished",
                                86400,
                                "Seconds a finished run (its driver pod and logs) is kept before Kubernetes "
                                        + "deletes it; its executors go with the driver.")
                        .range(0, null))
                .add(Value.integer(
                                "activeDeadlineSeconds",
                                0,
                                "Longest run time in seconds: a run still going then is stopped and "
                                        + "fails; 0 means no cap.")
                        .range(0, null))
                .add(Value.integer(
                                "backoffLimit",
                                3,
                                "Retries of a run whose driver pod was disrupted (evicted, preempted, node "
                                        + "drained); a failure of the application itself is not retried.")
                        .range(0, 100))
                .add(Value.string("driver.memory", "1g", "Heap of the driver.")
                        .pattern(ConnectBlock.MEMORY)
                        .sparkConf("spark.driver.memory"))
                .add(Value.string(
                                "driver.memoryOverhead",
                                "",
                                "Non-heap memory of the driver; empty means Spark's default " + "(10%, at least 384m).")
                        .pattern("^$|" + ConnectBlock.MEMORY)
                        .sparkConf("spark.driver.memoryOverhead"))
                .add(Value.integer("driver.cores", 1, "Cores of the driver.")
                        .range(1, 64)
                        .sparkConf("spark.driver.cores"))
                .add(Value.string("executor.memory", "1g", "Heap of each executor.")
                        .pattern(ConnectBlock.MEMORY)
                        .sparkConf("spark.executor.memory"))
                .add(Value.string(
                                "executor.memoryOverhead",
                                "",
                                "Non-heap memory of each executor; empty means Spark's default, "
                                        + "or memoryLimit minus memory when memoryLimit is set.")
                        .pattern("^$|" + ConnectBlock.MEMORY)
                        .sparkConf("spark.executor.memoryOverhead"))
                .add(Value.string(
                                "executor.memoryLimit",
                                "",
                                "Memory limit of each executor pod; without an overhead the overhead "
                                        + "is derived from it; a limit not above memory + overhead is rejected.")
                        .pattern("^$|" + ConnectBlock.POD_MEMORY))
                .add(Value.string(
                                "executor.minMemoryOverhead",
                                "384m",
                                "Lower bound of the derived executor memory overhead.")
                        .pattern(ConnectBlock.MEMORY)
                        .sparkConf("spark.executor.minMemoryOverhead")
                        .onlyOn(SparkLine.SPARK_4_1))
                .add(Value.integer("executor.cores", 1, "Cores of each executor.")
                        .range(1, 64)
                        .sparkConf("spark.executor.cores"))
                .add(Value.quantity(
                                "executor.resources.requests.cpu",
                                "",
                                "CPU request of each executor pod; empty means executor.cores.")
                        .sparkConf("spark.kubernetes.executor.request.cores"))
                .add(Value.quantity(
                                "executor.resources.limits.cpu",
                                "",
                                "CPU limit of each executor pod; empty means none.")
                        .sparkConf("spark.kubernetes.executor.limit.cores"))
                .add(Value.labels(
                        "executor.nodeSelector",
                        "Node selector of the executor pods, merged over jobs.nodeSelector: a key set here wins."))
                .add(Value.objectList(
                        "executor.tolerations",
                        "Tolerations of the executor pods; empty means jobs.tolerations (the driver's)."))
                .add(Value.object("executor.affinity", "Affinity of the executor pods."))
                .addAll(CommonValues.executorPlacement("executor", "the executor pods"))
                .addAll(CommonValues.scratchSpace("executor.scratch", "each executor"))
                .addAll(CommonValues.batchScheduling(
                        "scheduling", "this application's driver and executors (runners submit and sparkApplication)"))
                .addAll(CommonValues.executorCount())
                .add(Value.bool(
                                "eventLog.enabled",
                                false,
                                "Write Spark event logs (to eventLog.dir), so each run appears in the History "
                                        + "Server.")
                        .sparkConf("spark.eventLog.enabled"))
                .add(Value.string(
                                "eventLog.dir",
                                CommonValues.EVENT_LOG_DIR,
                                "Where event logs go; the same default as "
                                        + "historyServer.logDirectory, so the History Server shows each run.")
                        .pattern("^[a-z0-9]+://.+$")
                        .sparkConf("spark.eventLog.dir"))
                .add(Value.bool(
                                "eventLog.compress",
                                Boolean.parseBoolean(compress),
                                "Compress event logs (the line's Spark default).")
                        .sparkConf("spark.eventLog.compress"))
                .add(Value.sparkSettings(
                        "sparkConf",
                        "Extra Spark settings of this application, passed through as given; they win over the "
                                + "chart's computed settings."))
                .rule(new Rule(
                        "job-source",
                        Condition.all(),
                        Condition.any(
                                Condition.present("mainApplicationFile"),
                                Condition.present("script"),
                                Condition.present("existingConfigMap.name")),
                        "an application needs a source: set {mainApplicationFile} (local:// or s3a://), {script} "
                                + "or {existingConfigMap.name}"))
                .rule(new Rule(
                        "job-one-source",
                        Condition.present("mainApplicationFile"),
                        Condition.not(Condition.any(
                                Condition.present("script"), Condition.present("existingConfigMap.name"))),
                        "{mainApplicationFile} is the source of this application: remove {script} and "
                                + "{existingConfigMap.name}"))
                .rule(new Rule(
                        "job-one-inline-source",
                        Condition.present("script"),
                        Condition.not(Condition.present("existingConfigMap.name")),
                        "{script} is the source of this application: remove {existingConfigMap.name}"))
                .rule(new Rule(
                        "job-main-class",
                        Condition.any(Condition.eq("type", "Scala"), Condition.eq("type", "Java")),
                        Condition.present("mainClass"),
                        "a Scala or Java application ({type}) needs {mainClass}"))
                .rule(BatchRules.scratchNeedsSizeInEntry("job", "executor.scratch"))
                .rule(new Rule(
                        "job-connect-scheduling",
                        Condition.eq("runner", "connect"),
                        Condition.not(Condition.any(
                                Condition.eq("scheduling.scheduler", "volcano"),
                                Condition.eq("scheduling.scheduler", "yunikorn"),
                                Condition.present("scheduling.queue"),
                                Condition.present("executor.scratch.sizeLimit"))),
                        "{runner} connect runs on the executors of the Connect server, placed by "
                                + "connect.scheduling and connect.executor.scratch: leave {scheduling.scheduler}, "
                                + "{scheduling.queue} and {executor.scratch.sizeLimit} at their defaults"))
                .rule(new Rule(
                        "job-connect-python",
                        Condition.eq("runner", "connect"),
                        Condition.not(Condition.any(
                                Condition.eq("type", "Scala"),
                                Condition.eq("type", "Java"),
                                Condition.matches("mainApplicationFile", "^s3a://"))),
                        "{runner} connect runs a Python script from the image, {script} or "
                                + "{existingConfigMap.name}: set {type} Python and no s3a:// {mainApplicationFile}"))
                // the connect runner starts no Spark application of its own, so spark.jars and
                // spark.submit.pyFiles would reach no JVM: refused rather than ignored
                .rule(new Rule(
                        "job-connect-no-jars",
                        Condition.eq("runner", "connect"),
                        Condition.not(Condition.any(Condition.nonEmpty("jars"), Condition.nonEmpty("pyFiles"))),
                        "{runner} connect runs the script against the Connect server, which starts no application "
                                + "for it, so {jars} and {pyFiles} would reach no JVM: leave them empty and add the "
                                + "files from the script (SparkSession.addArtifacts), or use runner submit"))
                .build();
    }

    /**
     * A connect-runner application runs its script against the release's Spark Connect server, whose name it
     * computes: without Connect enabled in the release the script would fail at run time, so the chart refuses it.
     */
    @Override
    public List<Rule> rules() {
        return List.of(new Rule(
                "jobs-connect-runner-needs-connect",
                Condition.all(Condition.enabled("jobs"), Condition.anyEntry("jobs.apps", "runner", "connect")),
                Condition.enabled("connect"),
                "{jobs.apps} has an application with runner connect, which runs its script against the Spark "
                        + "Connect server of the release: set {connect.enabled} to true, or give that application "
                        + "runner submit"));
    }

    /** The IANA zones a CronJob accepts ({@code time-zones.txt}), after "" (none). */
    static String[] timeZones() {
        List<String> zones = new ArrayList<>();
        zones.add("");
        try (InputStream in = JobsBlock.class.getResourceAsStream("/io/sparkk8s/blocks/jobs/time-zones.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    zones.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time zones of the jobs block", e);
        }
        return zones.toArray(String[]::new);
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/jobs/";
    }

    @Override
    public List<String> templates() {
        return List.of(
                "_jobs.tpl",
                "_jobs-scheduling.tpl",
                "configmap.yaml",
                "job.yaml",
                "podgroup.yaml",
                "sparkapplication.yaml",
                "rbac.yaml");
    }

    @Override
    public boolean usesS3() {
        return true;
    }

    @Override
    public boolean runsSpark() {
        return true;
    }
}

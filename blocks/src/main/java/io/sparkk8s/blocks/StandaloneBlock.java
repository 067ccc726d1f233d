package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Set;

/** A Spark standalone cluster: one master and a set of workers that run the executors of Connect or Airflow jobs. */
public final class StandaloneBlock implements Block {

    @Override
    public String id() {
        return "standalone";
    }

    @Override
    public String valuesKey() {
        return "standalone";
    }

    @Override
    public String description() {
        return "Spark standalone cluster: a master (7077, UI 8080) and workers (UI 8081) that run the executors "
                + "of connect.backendMode=standalone and of Airflow's spark-submit jobs.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.sparkWorkload("the standalone master and workers", false, "250m", "1Gi"))
                .addAll(CommonValues.service("the standalone master"))
                .add(Value.string("master.daemonMemory", "512m", "Heap of the master daemon (SPARK_DAEMON_MEMORY).")
                        .pattern(ConnectBlock.MEMORY))
                .add(Value.bool(
                                "master.restEnabled",
                                false,
                                "Open the master's REST submission port 6066. Off "
                                        + "because it accepts unauthenticated submissions (Spark 4.1 turned it on by default).")
                        .sparkConf("spark.master.rest.enabled"))
                .add(Value.integer("worker.replicas", 2, "Number of worker pods.")
                        .range(0, 500))
                .add(Value.integer("worker.cores", 1, "Cores each worker offers to executors (SPARK_WORKER_CORES).")
                        .range(1, 256))
                .add(Value.string(
                                "worker.memory",
                                "1g",
                                "Memory each worker offers to executors "
                                        + "(SPARK_WORKER_MEMORY); keep resources.limits.memory of the worker above it plus the "
                                        + "executors' overhead.")
                        .pattern(ConnectBlock.MEMORY))
                .addAll(CommonValues.resources(
                        "worker.resources", "each worker pod (daemon and executors)", "1", "2Gi"))
                .add(Value.labels(
                        "worker.nodeSelector",
                        "Node selector of the worker pods, where the executors "
                                + "run, merged over nodeSelector (a key set here wins)."))
                .add(Value.objectList(
                        "worker.tolerations",
                        "Tolerations of the worker pods, where the executors "
                                + "run; empty means tolerations (those of the master too)."))
                .add(Value.object(
                        "worker.affinity",
                        "Affinity of the worker pods, where the executors run; empty "
                                + "means affinity (that of the master too)."))
                .add(Value.bool(
                                "worker.cleanup.enabled",
                                true,
                                "Delete the work directories of finished " + "applications.")
                        .sparkConf("spark.worker.cleanup.enabled"))
                .addAll(CommonValues.batchScheduling("scheduling", "the standalone master and workers"))
                .addAll(CommonValues.podDisruptionBudget("podDisruptionBudget", "the standalone workers"))
                .add(Value.sparkSettings(
                        "sparkConf", "Extra Spark settings of the master and workers, " + "passed through as given."))
                .build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/standalone/";
    }

    @Override
    public List<String> templates() {
        return List.of(
                "configmap.yaml",
                "master.yaml",
                "worker.yaml",
                "service.yaml",
                "podgroup.yaml",
                "pdb.yaml",
                "tests/test.yaml");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.api("standaloneMaster", "standalone-master", 7077, "tcp", "Spark standalone master"),
                Endpoint.ui("standaloneUi", "standalone-master", 8080, "/", "Spark standalone master UI"));
    }

    @Override
    public Set<String> provides() {
        return Set.of("spark-standalone");
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

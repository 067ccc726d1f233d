package io.sparkk8s.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The capacity of a small hand-written release, against numbers computed by hand in the comments. */
class CapacityTest {

    static final String RELEASE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              template:
                spec:
                  initContainers:
                    - name: init
                      resources: {requests: {cpu: "1", memory: 256Mi}, limits: {memory: 256Mi}}
                  containers:
                    - name: web
                      resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {memory: 1Gi}}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: driver}
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                    - name: driver
                      resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: 1, memory: 1Gi}}
                    - name: proxy
                      resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {cpu: 100m, memory: 64Mi}}
                  volumes:
                    - name: conf
                      configMap: {name: driver-conf}
                    - name: conf-again
                      configMap: {name: driver-conf}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: driver-conf}
            data:
              spark-defaults.conf: |
                spark.master=k8s://https://kubernetes.default.svc
                spark.executor.memory=2g
                spark.executor.cores=2
                spark.kubernetes.executor.limit.cores=3
                spark.dynamicAllocation.enabled=true
                spark.dynamicAllocation.maxExecutors=5
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: test
              annotations: {helm.sh/hook: test}
            spec:
              containers:
                - name: t
                  resources: {requests: {cpu: "8", memory: 8Gi}, limits: {memory: 8Gi}}
            """;

    @Test
    void everyWorkloadTimesItsReplicasPlusExecutorsAtTheirMaximum() {
        Capacity.Report report = Capacity.of(RELEASE);
        Map<String, Capacity.Workload> byName = new java.util.LinkedHashMap<>();
        report.workloads().forEach(w -> byName.put(w.kind() + "/" + w.name(), w));

        // web: the init container (1 CPU) runs alone, so a pod asks max(250m, 1) = 1 CPU and max(512Mi, 256Mi);
        // no CPU limit; 2 replicas
        assertThat(byName.get("Deployment/web").total())
                .isEqualTo(new Capacity.Resources(2000, 1024L << 20, null, 2048L << 20));
        // driver: two containers, 3 replicas: (550m, 1088Mi, 1100m, 1088Mi) x 3
        assertThat(byName.get("StatefulSet/driver").total())
                .isEqualTo(new Capacity.Resources(1650, 3264L << 20, 3300L, 3264L << 20));
        // executors: 5 per driver (maxExecutors) x 3 drivers (the ConfigMap counted once per pod) = 15, each
        // 2 cores, limit 3, memory 2048 + max(384, 204.8) = 2432Mi
        Capacity.Workload executors = byName.get("SparkExecutors/driver-conf");
        assertThat(executors.pods()).isEqualTo(15);
        assertThat(executors.total()).isEqualTo(new Capacity.Resources(30000, 36480L << 20, 45000L, 36480L << 20));
        // the test pod is listed, not counted
        assertThat(byName.get("Pod/test").counted()).isFalse();

        // 2000 + 1650 + 30000 m; 1024 + 3264 + 36480 Mi; no CPU limit on web: unbounded; 2048 + 3264 + 36480 Mi
        assertThat(report.total()).isEqualTo(new Capacity.Resources(33650, 40768L << 20, null, 41792L << 20));
        assertThat(report.pods()).isEqualTo(20);
    }

    @Test
    void aQuotaReportsWhatItCannotHold() {
        Capacity.Report report = Capacity.of(RELEASE);
        Map<String, String> hard = Capacity.quota("""
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: team}
                spec:
                  hard:
                    requests.cpu: "40"
                    requests.memory: 40Gi
                    limits.cpu: "100"
                    limits.memory: 40Gi
                    pods: "19"
                    services: "5"
                """);
        assertThat(report.exceeding(hard))
                .containsExactly(
                        "limits.cpu: unbounded (a container without a CPU limit), quota 100",
                        "limits.memory: 41792Mi needed, quota 40Gi",
                        "pods: 20 needed, quota 19");
        assertThat(report.exceeding(Map.of("requests.cpu", "33650m", "requests.memory", "40768Mi")))
                .as("exactly at the quota fits")
                .isEmpty();
        assertThat(report.exceeding(Map.of("requests.cpu", "33649m")))
                .containsExactly("requests.cpu: 33650m needed, quota 33649m");
        assertThatThrownBy(() -> Capacity.quota("kind: LimitRange\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no ResourceQuota");
    }

    @Test
    void sparkDefaultsOfAnExecutorAsSparkSizesIt() {
        java.util.Properties s = new java.util.Properties();
        s.setProperty("spark.executor.memory", "4g");
        // 10% of 4096 = 409 > 384
        assertThat(Capacity.executor(s)).isEqualTo(new Capacity.Resources(1000, 4505L << 20, null, 4505L << 20));
        s.setProperty("spark.executor.memoryOverhead", "1g");
        s.setProperty("spark.kubernetes.executor.request.cores", "500m");
        assertThat(Capacity.executor(s)).isEqualTo(new Capacity.Resources(500, 5120L << 20, null, 5120L << 20));
    }
}

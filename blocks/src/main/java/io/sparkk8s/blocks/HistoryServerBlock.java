package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.List;

/** The Spark History Server, reading the event logs the Spark blocks write to S3. */
public final class HistoryServerBlock implements Block {

    @Override
    public String id() {
        return "history-server";
    }

    @Override
    public String valuesKey() {
        return "historyServer";
    }

    @Override
    public String description() {
        return "Spark History Server (UI 18080) reading the event logs on S3 that the Spark blocks write.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.sparkWorkload("the History Server", false, "250m", "2Gi"))
                .addAll(CommonValues.service("the History Server"))
                .add(Value.string(
                                "logDirectory",
                                CommonValues.EVENT_LOG_DIR,
                                "Where the History Server reads "
                                        + "event logs; the same default as connect.eventLog.dir.")
                        .pattern("^[a-z0-9]+://.+$")
                        .sparkConf("spark.history.fs.logDirectory"))
                .add(Value.string("updateInterval", "10s", "How often new and updated logs are picked up.")
                        .pattern(CommonValues.DURATION_PATTERN)
                        .sparkConf("spark.history.fs.update.interval"))
                .add(Value.bool("cleaner.enabled", true, "Delete old event logs.")
                        .sparkConf("spark.history.fs.cleaner.enabled"))
                .add(Value.string("cleaner.interval", "1d", "How often the cleaner runs.")
                        .pattern(CommonValues.DURATION_PATTERN)
                        .sparkConf("spark.history.fs.cleaner.interval"))
                .add(Value.string("cleaner.maxAge", "7d", "Logs older than this are deleted.")
                        .pattern(CommonValues.DURATION_PATTERN)
                        .sparkConf("spark.history.fs.cleaner.maxAge"))
                .add(Value.integer("cleaner.maxNum", 10000, "At most this many logs are kept.")
                        .range(1, null)
                        .sparkConf("spark.history.fs.cleaner.maxNum"))
                .add(Value.string("driver.memory", "1g", "Heap of the History Server JVM.")
                        .pattern(ConnectBlock.MEMORY)
                        .sparkConf("spark.driver.memory"))
                .add(Value.sparkSettings(
                        "sparkConf", "Extra Spark settings of the History Server, passed " + "through as given."))
                .add(Value.stringList(
                                "packages",
                                List.of(),
                                "Extra Maven coordinates added with "
                                        + "spark.jars.packages at start, joined with global.s3.packages (the S3A jars) while S3 "
                                        + "is used.")
                        .sparkConf("spark.jars.packages"))
                .build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/historyserver/";
    }

    @Override
    public List<String> templates() {
        return List.of("configmap.yaml", "deployment.yaml", "service.yaml", "tests/test.yaml");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.ui("historyServer", "history-server", 18080, "/", "Spark History Server"));
    }

    @Override
    public List<Requirement> requires() {
        return List.of(new Requirement(S3, "global.s3.endpoint", "it reads event logs from S3"));
    }

    @Override
    public boolean runsSpark() {
        return true;
    }
}

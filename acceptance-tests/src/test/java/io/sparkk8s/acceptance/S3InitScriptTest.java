package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13 item 7: the S3 init containers and the bucket Job check before they create, retry only while S3 does
 * not answer, and stop at once, naming the bucket and the missing right, when a least-privilege key is refused.
 * The rendered script runs here with a stub {@code aws} that answers as the AWS CLI does (its error text).
 */
class S3InitScriptTest {

    private static final String R = Rendered.RELEASE;
    private static final String FORBIDDEN_HEAD =
            "echo 'An error occurred (403) when calling the HeadBucket operation: Forbidden' >&2; exit 254";
    private static final String NOT_FOUND_HEAD =
            "echo 'An error occurred (404) when calling the HeadBucket operation: Not Found' >&2; exit 254";

    static List<Path> charts() {
        return Repo.charts();
    }

    /** The event-log init container of Connect against a real S3 endpoint with a team's key. */
    private static ContainerScript connectInit(Path chart) {
        Rendered out = Rendered.of(
                chart,
                List.of(),
                Map.of(
                        "connect.eventLog.enabled",
                        "true",
                        "connect.eventLog.dir",
                        "s3a://team-logs/spark/events",
                        "minio.enabled",
                        "false",
                        "global.s3.endpoint",
                        "https://s3.eu-west-1.amazonaws.com",
                        "global.s3.existingSecret",
                        "team-s3"));
        return ContainerScript.of(out, out.container("StatefulSet", R + "-connect", "ensure-s3-prefix"))
                .stub("sleep", "exit 0");
    }

    /** A stub aws CLI: logs each call, answers per operation (the fourth argument after --endpoint-url X s3api). */
    private static String aws(String headBucket, String createBucket, String list, String putObject) {
        return "echo \"$4 $*\" >> \"$STUB_DIR/calls\"\n"
                + "case \"$4\" in\n"
                + "  head-bucket) " + headBucket + " ;;\n"
                + "  create-bucket) " + createBucket + " ;;\n"
                + "  list-objects-v2) " + list + " ;;\n"
                + "  put-object) " + putObject + " ;;\n"
                + "esac";
    }

    private static List<String> calls(Path dir) throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls)
                ? Files.readAllLines(calls).stream().map(l -> l.split(" ")[0]).toList()
                : List.of();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aKeyWithoutPutObjectFailsAtOnceNamingTheBucketAndTheRight(Path chart, @TempDir Path dir) throws IOException {
        ContainerScript.Run run = connectInit(chart)
                .stub(
                        "aws",
                        aws(
                                FORBIDDEN_HEAD,
                                "exit 99",
                                "echo 'An error occurred (AccessDenied) when calling the ListObjectsV2 operation: Access Denied' >&2; exit 254",
                                "echo 'An error occurred (AccessDenied) when calling the PutObject operation: Access Denied' >&2; exit 254"))
                .run(dir);
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("team-logs").contains("s3:PutObject").doesNotContain("waiting for S3");
        assertThat(calls(dir)).containsExactly("head-bucket", "list-objects-v2", "put-object");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aMissingBucketThatTheKeyMayNotCreateFailsNamingCreateBucket(Path chart, @TempDir Path dir) throws IOException {
        ContainerScript.Run run = connectInit(chart)
                .stub(
                        "aws",
                        aws(
                                NOT_FOUND_HEAD,
                                "echo 'An error occurred (AccessDenied) when calling the CreateBucket operation: Access Denied' >&2; exit 254",
                                "exit 99",
                                "exit 99"))
                .run(dir);
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("'team-logs'").contains("s3:CreateBucket");
        assertThat(calls(dir)).containsExactly("head-bucket", "create-bucket");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aRejectedKeyFailsAtOnceInsteadOfWaitingForS3(Path chart, @TempDir Path dir) throws IOException {
        ContainerScript.Run run = connectInit(chart)
                .stub(
                        "aws",
                        aws(
                                "echo 'An error occurred (InvalidAccessKeyId) when calling the HeadBucket operation: The AWS Access "
                                        + "Key Id you provided does not exist in our records.' >&2; exit 254",
                                "exit 99",
                                "exit 99",
                                "exit 99"))
                .run(dir);
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("rejected the access key").doesNotContain("waiting for S3");
        assertThat(calls(dir)).containsExactly("head-bucket");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void anExistingPrefixIsOnlyChecked(Path chart, @TempDir Path dir) throws IOException {
        ContainerScript.Run run = connectInit(chart)
                .stub("aws", aws("exit 0", "exit 99", "echo spark/events/app-1.zstd", "exit 99"))
                .run(dir);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(calls(dir)).containsExactly("head-bucket", "list-objects-v2");
        assertThat(Files.readString(dir.resolve("calls"))).contains("--bucket team-logs --prefix spark/events/");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void connectionErrorsAreRetriedThenTheMissingPartsCreated(Path chart, @TempDir Path dir) throws IOException {
        String head = "n=$(grep -c '^head-bucket' \"$STUB_DIR/calls\"); if [ \"$n\" -le 2 ]; then "
                + "echo 'Could not connect to the endpoint URL: \"https://s3.eu-west-1.amazonaws.com/team-logs\"' >&2;"
                + " exit 255; fi; " + NOT_FOUND_HEAD;
        ContainerScript.Run run = connectInit(chart)
                .stub("aws", aws(head, "exit 0", "echo None", "exit 0"))
                .run(dir);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("waiting for S3")
                .contains("created bucket team-logs")
                .contains("created s3://team-logs/spark/events/");
        assertThat(calls(dir))
                .containsExactly(
                        "head-bucket", "head-bucket", "head-bucket", "create-bucket", "list-objects-v2", "put-object");
        assertThat(Files.readString(dir.resolve("calls"))).contains("--key spark/events/.keep");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void theBucketJobOfTheBundledStoreCreatesEveryBucketAndPrefix(Path chart, @TempDir Path dir) throws IOException {
        Rendered out = Rendered.of(chart, List.of(), Map.of("minio.enabled", "true"));
        ContainerScript.Run run = ContainerScript.of(out, out.container("Job", R + "-minio-buckets", "buckets"))
                .stub("sleep", "exit 0")
                .stub("aws", aws(NOT_FOUND_HEAD, "exit 0", "echo None", "exit 0"))
                .run(dir);
        assertThat(run.exitCode()).as(run.output()).isZero();
        String calls = Files.readString(dir.resolve("calls"));
        assertThat(calls)
                .contains("--endpoint-url http://" + R + "-minio:9000")
                .contains("create-bucket --endpoint-url")
                .contains("--bucket spark-logs")
                .contains("--bucket mlflow --key artifacts/.keep");
    }
}

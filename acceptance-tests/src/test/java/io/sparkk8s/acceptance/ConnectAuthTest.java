package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 12: Spark Connect requires a token on spark-4.1 ({@code connect.auth.*}). The token and the TLS
 * certificate live in generated Secrets kept through {@code lookup}; the server reads the token from a
 * Secret-backed env and listens on the loopback behind a TLS proxy sidecar; every client the chart deploys
 * (Jupyter, Airflow's spark_connect_default, the Connect helm test) gets the token, the CA and a URL that sends
 * the token over TLS. spark-3.5 has no authentication and restricts the port with a NetworkPolicy, on by default.
 * The runtime tier ({@code ConnectStackRuntimeTest}) shows the real server refusing a client without the token.
 */
class ConnectAuthTest {

    private static final String R = Rendered.RELEASE;
    private static final Path SPARK_41 = Repo.CHARTS.resolve("spark-4.1");
    private static final Path SPARK_35 = Repo.CHARTS.resolve("spark-3.5");
    private static final String TOKEN_ENV = "SPARK_CONNECT_AUTHENTICATE_TOKEN";
    private static final String TOKEN_REF = "$(" + TOKEN_ENV + ")";

    /** Connect and every block that is a Connect client. */
    private static final Map<String, String> CLIENTS = Map.of(
            "connect.enabled",
            "true",
            "jupyter.enabled",
            "true",
            "airflow.enabled",
            "true",
            "postgresql.enabled",
            "true");

    /** The pods of the chart that speak to the release's Connect server. */
    private static final List<String[]> CLIENT_PODS = List.of(
            new String[] {"Deployment", R + "-jupyter", "jupyter"},
            new String[] {"Deployment", R + "-airflow-scheduler", "scheduler"},
            new String[] {"Deployment", R + "-airflow-api-server", "api-server"},
            new String[] {"Deployment", R + "-airflow-dag-processor", "dag-processor"},
            new String[] {"Pod", R + "-connect-test-query", "query"});

    @Nested
    class OnByDefaultOnSpark41 {

        private final Rendered out = Rendered.of(SPARK_41, List.of(), CLIENTS);

        @Test
        void theTokenAndTheCertificateAreGeneratedKeptSecrets() throws Exception {
            Map<String, String> auth = secret(out, R + "-connect-auth");
            assertThat(auth.get("token")).matches("[A-Za-z0-9]{48}");
            Map<String, Object> tls = out.object("Secret", R + "-connect-tls");
            assertThat(tls.get("type")).isEqualTo("kubernetes.io/tls");
            for (String name : List.of(R + "-connect-auth", R + "-connect-tls")) {
                assertThat(String.valueOf(out.object("Secret", name).get("metadata")))
                        .as(name)
                        .contains("helm.sh/resource-policy=keep")
                        .doesNotContain("helm.sh/hook");
            }
            Map<String, String> files = secret(out, R + "-connect-tls");
            X509Certificate ca = certificate(files.get("ca.crt"));
            X509Certificate server = certificate(files.get("tls.crt"));
            server.verify(ca.getPublicKey()); // signed by the CA the clients trust
            List<String> names = server.getSubjectAlternativeNames().stream()
                    .map(n -> String.valueOf(n.get(1)))
                    .toList();
            assertThat(names)
                    .contains(R + "-connect", R + "-connect." + Rendered.NAMESPACE + ".svc", "localhost", "127.0.0.1");
            assertThat(files.get("tls.key")).contains("PRIVATE KEY");
        }

        /**
         * Issue 18: the CA and the server key are ECDSA P-256 (an RSA pair cost Helm 100-130 ms per render), and
         * {@code tls.key} is the private half of {@code tls.crt}: a signature made with it verifies with the
         * certificate's key, as the nginx proxy requires when it loads the pair.
         */
        @Test
        void theKeysAreEcdsaP256AndTheServerKeyMatchesItsCertificate() throws Exception {
            Map<String, String> files = secret(out, R + "-connect-tls");
            X509Certificate ca = certificate(files.get("ca.crt"));
            X509Certificate server = certificate(files.get("tls.crt"));
            for (X509Certificate cert : List.of(ca, server)) {
                assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
                assertThat(((ECPublicKey) cert.getPublicKey())
                                .getParams()
                                .getCurve()
                                .getField()
                                .getFieldSize())
                        .as("P-256")
                        .isEqualTo(256);
            }
            assertThat(server.getSigAlgName()).isEqualTo("SHA256withECDSA");
            PrivateKey key = ecPrivateKey(files.get("tls.key"));
            byte[] message = "spark-connect".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(server.getPublicKey());
            verifier.update(message);
            assertThat(verifier.verify(signature))
                    .as("tls.key belongs to tls.crt")
                    .isTrue();
            verifier.initVerify(ca.getPublicKey());
            verifier.update(message);
            assertThat(verifier.verify(signature))
                    .as("tls.key is not the CA's key")
                    .isFalse();
        }

        @Test
        void theServerReadsTheTokenFromTheSecretAndListensOnTheLoopbackOnly() {
            Map<String, Object> connect = out.container("StatefulSet", R + "-connect", "connect");
            assertThat(refersTo(String.valueOf(Rendered.env(connect).get(TOKEN_ENV)), R + "-connect-auth", "token"))
                    .as("the server's token env")
                    .isTrue();
            assertThat(String.valueOf(connect.get("ports"))).doesNotContain("15002");
            Map<String, String> conf = out.connectConf();
            assertThat(conf)
                    .containsEntry("spark.connect.grpc.binding.address", "127.0.0.1")
                    .containsEntry("spark.connect.grpc.binding.port", "15012")
                    .doesNotContainKey("spark.connect.authenticate.token");
            assertThat(String.valueOf(connect.get("readinessProbe"))).contains("/dev/tcp/127.0.0.1/15012");
        }

        @Test
        void theTlsProxyServesTheConnectPortUnderRestrictedSecurity() {
            Map<String, Object> proxy = out.container("StatefulSet", R + "-connect", "tls-proxy");
            assertThat(String.valueOf(proxy.get("image"))).startsWith("nginxinc/nginx-unprivileged:");
            assertThat(String.valueOf(proxy.get("ports"))).contains("name=grpc").contains("containerPort=15002");
            assertThat(String.valueOf(proxy.get("securityContext")))
                    .contains("runAsNonRoot=true")
                    .contains("allowPrivilegeEscalation=false")
                    .contains("drop=[ALL]");
            // under the read-only root switch it writes only its emptyDir /tmp (PID, temp paths)
            Map<String, String> readOnly = new LinkedHashMap<>(CLIENTS);
            readOnly.put("global.security.readOnlyRootFilesystem", "true");
            Rendered ro = Rendered.of(SPARK_41, List.of(), readOnly);
            assertThat(String.valueOf(ro.container("StatefulSet", R + "-connect", "tls-proxy")
                            .get("securityContext")))
                    .contains("readOnlyRootFilesystem=true");
            assertThat(String.valueOf(ro.podSpec("StatefulSet", R + "-connect").get("volumes")))
                    .contains("{name=proxy-tmp, emptyDir={}}");
            String conf = out.configData(R + "-connect", "proxy-nginx.conf");
            assertThat(conf)
                    .contains("listen 15002 ssl")
                    .contains("grpc_pass grpc://127.0.0.1:15012;")
                    .contains("ssl_certificate /etc/spark-k8s/connect-tls/tls.crt;")
                    .contains("pid /tmp/nginx.pid;");
            assertThat(String.valueOf(proxy.get("volumeMounts")))
                    .contains("mountPath=/etc/spark-k8s/connect-tls")
                    .contains("mountPath=/tmp");
            Map<String, Object> service = out.object("Service", R + "-connect");
            assertThat(String.valueOf(service.get("spec"))).contains("port=15002, targetPort=grpc");
        }

        @Test
        void everyClientSendsTheTokenOverTlsAndTrustsOnlyTheCa() {
            assertThat(clientProblems(out)).isEmpty();
            Map<String, Object> jupyter = out.container("Deployment", R + "-jupyter", "jupyter");
            assertThat(out.effectiveEnv(jupyter))
                    .containsEntry("SPARK_REMOTE", "sc://" + R + "-connect:15002/;use_ssl=true;token=" + TOKEN_REF);
            Map<String, Object> scheduler = out.container("Deployment", R + "-airflow-scheduler", "scheduler");
            assertThat(out.effectiveEnv(scheduler).get("AIRFLOW_CONN_SPARK_CONNECT_DEFAULT"))
                    .contains("\"password\":\"" + TOKEN_REF + "\"")
                    .contains("\"use_ssl\":true");
        }

        @Test
        void aPlantedClientUrlWithoutTheTokenIsCaught(@TempDir Path dir) throws IOException {
            Path copy = copyChart(dir);
            Path helpers = copy.resolve("templates/_helpers.tpl");
            String text = Files.readString(helpers, StandardCharsets.UTF_8);
            String planted = text.replace("/;use_ssl=true;token=$(SPARK_CONNECT_AUTHENTICATE_TOKEN)", "");
            assertThat(planted).isNotEqualTo(text);
            Files.writeString(helpers, planted, StandardCharsets.UTF_8);
            assertThat(clientProblems(Rendered.of(copy, List.of(), CLIENTS)))
                    .anyMatch(p -> p.contains(R + "-jupyter") && p.contains("does not send the token"));
        }

        @Test
        void aPlantedClientMountingTheServerKeyIsCaught(@TempDir Path dir) throws IOException {
            Path copy = copyChart(dir);
            Path helpers = copy.resolve("templates/_helpers.tpl");
            String text = Files.readString(helpers, StandardCharsets.UTF_8);
            String planted = text.replace(
                    "      - key: ca.crt\n        path: ca.crt\n",
                    "      - key: ca.crt\n        path: ca.crt\n      - key: tls.key\n        path: tls.key\n");
            assertThat(planted).isNotEqualTo(text);
            Files.writeString(helpers, planted, StandardCharsets.UTF_8);
            assertThat(clientProblems(Rendered.of(copy, List.of(), CLIENTS)))
                    .anyMatch(p -> p.contains("the server's private key"));
        }
    }

    @Nested
    class Choices {

        @Test
        void authOffRestoresThePlainPortWithoutSecretsOrProxy() {
            Map<String, String> sets = new LinkedHashMap<>(CLIENTS);
            sets.put("connect.auth.enabled", "false");
            Rendered out = Rendered.of(SPARK_41, List.of(), sets);
            assertThat(out.has("Secret", R + "-connect-auth")).isFalse();
            assertThat(out.has("Secret", R + "-connect-tls")).isFalse();
            assertThat(String.valueOf(out.podSpec("StatefulSet", R + "-connect").get("containers")))
                    .doesNotContain("tls-proxy");
            assertThat(out.connectConf())
                    .containsEntry("spark.connect.grpc.binding.port", "15002")
                    .doesNotContainKey("spark.connect.grpc.binding.address");
            assertThat(out.effectiveEnv(out.container("Deployment", R + "-jupyter", "jupyter")))
                    .containsEntry("SPARK_REMOTE", "sc://" + R + "-connect:15002")
                    .doesNotContainKey(TOKEN_ENV);
        }

        @Test
        void existingSecretsAreUsedByTheServerAndEveryClient() {
            Map<String, String> sets = new LinkedHashMap<>(CLIENTS);
            sets.put("connect.auth.existingSecret", "my-connect-token");
            sets.put("connect.auth.tokenKey", "secret");
            sets.put("connect.auth.tls.existingSecret", "my-connect-cert");
            Rendered out = Rendered.of(SPARK_41, List.of(), sets);
            assertThat(out.has("Secret", R + "-connect-auth")).isFalse();
            assertThat(out.has("Secret", R + "-connect-tls")).isFalse();
            assertThat(refersTo(
                            String.valueOf(Rendered.env(out.container("StatefulSet", R + "-connect", "connect"))
                                    .get(TOKEN_ENV)),
                            "my-connect-token",
                            "secret"))
                    .isTrue();
            for (String[] pod : CLIENT_PODS) {
                Map<String, Object> container = out.container(pod[0], pod[1], pod[2]);
                assertThat(refersTo(
                                String.valueOf(Rendered.env(container).get(TOKEN_ENV)), "my-connect-token", "secret"))
                        .as(pod[1])
                        .isTrue();
                assertThat(String.valueOf(out.podSpec(pod[0], pod[1]).get("volumes")))
                        .as(pod[1])
                        .contains("secretName=my-connect-cert");
            }
        }

        @Test
        void aClientOfAnExternalServerGetsNoToken() {
            Map<String, String> sets = new LinkedHashMap<>(CLIENTS);
            sets.put("jupyter.connectUrl", "sc://spark-connect.other.svc:15002");
            sets.put("airflow.connections.sparkConnect.host", "sc://spark-connect.other.svc");
            Rendered out = Rendered.of(SPARK_41, List.of(), sets);
            for (String[] pod : List.of(CLIENT_PODS.get(0), CLIENT_PODS.get(1))) {
                assertThat(Rendered.env(out.container(pod[0], pod[1], pod[2])))
                        .as(pod[1])
                        .doesNotContainKey(TOKEN_ENV);
            }
        }

        @Test
        void spark35HasNoAuthenticationAndTheNetworkPolicyIsOnByDefault() {
            Rendered out = Rendered.of(SPARK_35, List.of(), CLIENTS);
            assertThat(out.names()).noneMatch(n -> n.contains("connect-auth") || n.contains("connect-tls"));
            assertThat(Rendered.env(out.container("Deployment", R + "-jupyter", "jupyter")))
                    .doesNotContainKey(TOKEN_ENV);
            Map<String, Object> policy = out.object("NetworkPolicy", R + "-network-policy");
            // only the release's own pods: no namespace is admitted until allowNamespaces lists it
            assertThat(String.valueOf(policy.get("spec")))
                    .doesNotContain("namespaceSelector")
                    .contains("app.kubernetes.io/instance=" + R);
            assertThat(Rendered.of(SPARK_41, List.of(), CLIENTS).names())
                    .noneMatch(n -> n.startsWith("NetworkPolicy/"));
        }
    }

    /**
     * The {@code lookup} path with Helm itself ({@code --dry-run=server} against {@link FakeKubeApi} holding the
     * previous revision's Secrets): the token and the certificate survive an upgrade and a reinstall.
     */
    @Test
    void anUpgradeKeepsTheTokenAndTheCertificate(@TempDir Path dir) throws Exception {
        try (FakeKubeApi cluster = new FakeKubeApi()) {
            Path kubeconfig = cluster.kubeconfig(dir);
            Map<String, Map<String, Object>> first = secrets(serverRender(kubeconfig));
            Map<String, Map<String, Object>> again = secrets(serverRender(kubeconfig));
            assertThat(again.get(R + "-connect-auth"))
                    .as("an empty cluster draws a new token")
                    .isNotEqualTo(first.get(R + "-connect-auth"));
            assertThat(again.get(R + "-connect-tls")).isNotEqualTo(first.get(R + "-connect-tls"));
            for (String name : List.of(R + "-connect-auth", R + "-connect-tls")) {
                cluster.putSecret(Rendered.NAMESPACE, name, first.get(name), R, true);
            }
            Map<String, Map<String, Object>> upgraded = secrets(serverRender(kubeconfig));
            assertThat(upgraded.get(R + "-connect-auth")).isEqualTo(first.get(R + "-connect-auth"));
            assertThat(upgraded.get(R + "-connect-tls")).isEqualTo(first.get(R + "-connect-tls"));
        }
    }

    /**
     * What is wrong with the Connect clients of a rendered 4.1 chart with auth on: a client pod without the token
     * from the Secret, a URL to the release's server that does not send it (or uses it before it is defined), no
     * CA, or a CA volume that also carries the server's private key.
     */
    static List<String> clientProblems(Rendered out) {
        List<String> problems = new ArrayList<>();
        for (String[] pod : CLIENT_PODS) {
            if (!out.has(pod[0], pod[1])) {
                problems.add(pod[1] + ": not rendered");
                continue;
            }
            Map<String, Object> container = out.container(pod[0], pod[1], pod[2]);
            List<String> order = new ArrayList<>(Rendered.env(container).keySet());
            Map<String, String> env = out.effectiveEnv(container);
            if (!refersTo(String.valueOf(env.get(TOKEN_ENV)), R + "-connect-auth", "token")) {
                problems.add(pod[1] + ": no " + TOKEN_ENV + " from the Secret " + R + "-connect-auth");
            }
            env.forEach((name, value) -> {
                boolean toConnect =
                        value.contains("sc://" + R + "-connect") || value.contains("\"sc://" + R + "-connect\"");
                if (toConnect && !value.contains(TOKEN_REF)) {
                    problems.add(pod[1] + ": " + name + " does not send the token: " + value);
                } else if (toConnect && order.indexOf(name) < order.indexOf(TOKEN_ENV)) {
                    problems.add(pod[1] + ": " + name + " uses " + TOKEN_REF + " before it is defined");
                }
            });
            String ca = env.get("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH");
            String mounts = String.valueOf(container.get("volumeMounts"));
            String volumes = String.valueOf(out.podSpec(pod[0], pod[1]).get("volumes"));
            if (ca == null || !mounts.contains("mountPath=" + ca.substring(0, ca.lastIndexOf('/')))) {
                problems.add(pod[1] + ": the CA file " + ca + " is not mounted");
            }
            if (!volumes.contains("secretName=" + R + "-connect-tls")) {
                problems.add(pod[1] + ": no volume from " + R + "-connect-tls");
            }
            if (volumes.contains("key=tls.key")) {
                problems.add(pod[1] + ": mounts the server's private key");
            }
        }
        return problems;
    }

    /** Whether an env entry (as text) takes its value from that key of that Secret. */
    private static boolean refersTo(String entry, String secret, String key) {
        return entry.contains("secretKeyRef={")
                && entry.matches(".*secretKeyRef=\\{[^}]*\\bname=" + secret + "\\b[^}]*\\}.*")
                && entry.matches(".*secretKeyRef=\\{[^}]*\\bkey=" + key + "\\b[^}]*\\}.*");
    }

    private static Map<String, String> secret(Rendered out, String name) {
        Map<String, String> decoded = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> data =
                (Map<String, Object>) out.object("Secret", name).get("data");
        data.forEach((k, v) ->
                decoded.put(k, new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
        return decoded;
    }

    /**
     * A PEM "EC PRIVATE KEY" (SEC1, RFC 5915, what Sprig's {@code genPrivateKey "ecdsa"} writes) as a JDK key: the
     * JDK reads PKCS#8 only, so the SEC1 structure is wrapped in a PKCS#8 PrivateKeyInfo for P-256 (RFC 5208).
     */
    static PrivateKey ecPrivateKey(String pem) throws Exception {
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
        byte[] sec1 = Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
        // SEQUENCE { INTEGER 0, SEQUENCE { OID id-ecPublicKey, OID prime256v1 }, OCTET STRING { sec1 } }
        byte[] algorithm = HexFormat.of().parseHex("301306072a8648ce3d020106082a8648ce3d030107");
        byte[] octets = concat(new byte[] {0x04}, derLength(sec1.length), sec1);
        byte[] body = concat(new byte[] {0x02, 0x01, 0x00}, algorithm, octets);
        byte[] pkcs8 = concat(new byte[] {0x30}, derLength(body.length), body);
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static byte[] derLength(int length) {
        return length < 0x80
                ? new byte[] {(byte) length}
                : length < 0x100
                        ? new byte[] {(byte) 0x81, (byte) length}
                        : new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<Map<String, Object>> serverRender(Path kubeconfig) {
        List<String> args = new ArrayList<>(List.of(
                "template",
                R,
                SPARK_41.toAbsolutePath().toString(),
                "--namespace=" + Rendered.NAMESPACE,
                "--dry-run=server",
                "--disable-openapi-validation",
                "--kubeconfig=" + kubeconfig));
        CLIENTS.forEach((k, v) -> args.add("--set=" + k + "=" + v));
        HelmCli.HelmResult result = HelmCli.helm4().run(args);
        if (!result.succeeded()) {
            throw new AssertionError("helm template --dry-run=server failed: " + result.describe());
        }
        return Rendering.manifests(result.stdout()).stream()
                .map(Rendering.Manifest::content)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> secrets(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> o : objects) {
            if ("Secret".equals(o.get("kind"))) {
                out.put(Rendered.name(o), (Map<String, Object>) o.get("data"));
            }
        }
        return out;
    }

    private static Path copyChart(Path dir) throws IOException {
        Path copy = dir.resolve("spark-4.1");
        try (Stream<Path> files = Files.walk(SPARK_41)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(SPARK_41.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return copy;
    }
}

package io.sparkk8s.verify;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Helm 3 inside the JVM (helm-java). Two facts shape this class:
 * <ul>
 *   <li>helm-java reports failures two ways: {@code lint()} returns a {@link LintResult} ({@code isFailed()},
 *   one message per line, {@code [ERROR]}/{@code [WARNING]}/{@code [INFO]}), while {@code template()} and a
 *   lint that cannot run throw {@link IllegalStateException} carrying Helm's error text.</li>
 *   <li>helm-java's {@code template()} returns only the release manifest: hooks and Helm test pods are left
 *   out, unlike {@code helm template}. To verify them too, the chart is rendered from a copy whose
 *   templates spell the {@code helm.sh/hook} annotation as {@value #HOOK_ALIAS}, so Helm treats them as
 *   plain manifests; the rendered text is mapped back.</li>
 * </ul>
 */
final class HelmRunner {

    static final String HOOK_ANNOTATION = "helm.sh/hook";
    static final String HOOK_ALIAS = OfflineTemplates.HOOK_ALIAS;

    private static final Pattern LINT_LINE = Pattern.compile("^\\[(ERROR|WARNING)]\\s*([^:]*):\\s*(.*)$");
    private static final Pattern TEMPLATE_FILE =
            Pattern.compile("([A-Za-z0-9_.-]+/templates/[^\\s:()\"]+)(?::(\\d+))?");
    private static final String DEBUG_HINT = "Use --debug flag to render out invalid YAML";

    /** What one {@code helm template} produced: the manifests, or Helm's error. */
    record Rendering(String manifests, String error, String errorFile) {}

    private HelmRunner() {}

    static List<Finding> lint(Path chartDir) {
        String source = "helm lint --strict";
        List<Finding> findings = new ArrayList<>();
        try {
            LintResult result = new Helm(chartDir).lint().strict().call();
            if (!result.isFailed()) {
                return findings;
            }
            for (String message : result.getMessages()) {
                Matcher line = LINT_LINE.matcher(message.trim());
                if (line.matches()) {
                    String file = templateFile(line.group(3));
                    findings.add(new Finding(
                            Checks.HELM_LINT,
                            "",
                            "",
                            file.isEmpty() ? line.group(2).trim() : file,
                            line.group(1) + ": " + line.group(3).trim(),
                            source));
                }
            }
            if (findings.isEmpty()) {
                findings.add(new Finding(
                        Checks.HELM_LINT,
                        "",
                        "",
                        "",
                        "helm lint --strict failed: " + String.join(" / ", result.getMessages()),
                        source));
            }
        } catch (IllegalStateException e) {
            findings.add(new Finding(
                    Checks.HELM_LINT,
                    "",
                    "",
                    templateFile(e.getMessage()),
                    "helm lint --strict could not run: " + clean(e.getMessage()),
                    source));
        }
        return findings;
    }

    static Rendering template(
            Path chartDir, List<Path> valuesFiles, String kubeVersion, String releaseName, String namespace) {
        try {
            TemplateCommand command = new Helm(chartDir)
                    .template()
                    .withName(releaseName)
                    .withNamespace(namespace)
                    .withKubeVersion(kubeVersion);
            for (Path valuesFile : valuesFiles) {
                command = command.withValuesFile(valuesFile);
            }
            return new Rendering(command.call().replace(HOOK_ALIAS, HOOK_ANNOTATION), null, null);
        } catch (IllegalStateException e) {
            String message = clean(e.getMessage()).replace(HOOK_ALIAS, HOOK_ANNOTATION);
            return new Rendering(null, message, templateFile(message));
        }
    }

    private static String templateFile(String message) {
        Matcher m = TEMPLATE_FILE.matcher(message == null ? "" : message);
        return m.find() ? m.group(1) + (m.group(2) == null ? "" : ":" + m.group(2)) : "";
    }

    private static String clean(String message) {
        return ManifestParser.oneLine(message == null ? "" : message.replace(DEBUG_HINT, ""));
    }

    /**
     * Copies a chart (with unpacked subcharts) into a temporary directory, renaming the hook annotation in
     * every template so that helm-java's template output includes hooks and test pods, and replacing
     * {@code lookup} calls by the empty map Helm gives without a cluster.
     */
    static Path exposeHooks(Path chartDir) {
        try {
            Path copy = Files.createTempDirectory("sparkk8s-verify-");
            Path root = copy.resolve(
                    chartDir.getFileName() == null
                            ? "chart"
                            : chartDir.getFileName().toString());
            try (Stream<Path> files = Files.walk(chartDir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = root.resolve(chartDir.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        byte[] bytes = Files.readAllBytes(file);
                        String text = isTemplate(chartDir.relativize(file)) ? utf8(bytes) : null;
                        if (text != null && (text.contains(HOOK_ANNOTATION) || text.contains("lookup"))) {
                            Files.writeString(
                                    target,
                                    OfflineTemplates.hooksExposed(OfflineTemplates.withoutLookups(text)),
                                    StandardCharsets.UTF_8);
                        } else {
                            Files.write(target, bytes);
                        }
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy chart " + chartDir + " to a temporary directory", e);
        }
    }

    static void deleteCopy(Path root) {
        Path top = root.getParent();
        try (Stream<Path> files = Files.walk(top)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // best effort: a left-over temporary copy does not affect the result
        }
    }

    private static boolean isTemplate(Path relative) {
        for (Path part : relative) {
            if ("templates".equals(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

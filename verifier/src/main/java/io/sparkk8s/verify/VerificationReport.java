package io.sparkk8s.verify;

import io.sparkk8s.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a verification found: an ordered list of findings, empty when the chart passed every check.
 *
 * @param findings the findings, in the order the checks produced them
 */
public record VerificationReport(List<Finding> findings) {

    /** Copies the list. */
    public VerificationReport {
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
    }

    /**
     * Whether the verification passed.
     *
     * @return true when there are no findings
     */
    public boolean ok() {
        return findings.isEmpty();
    }

    /**
     * The findings of one check.
     *
     * @param check a check id of {@link Checks}
     * @return the findings with that id, in report order
     */
    public List<Finding> findings(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).collect(Collectors.toUnmodifiableList());
    }

    /**
     * A human-readable summary: one line per finding.
     *
     * @return the text, ending with a newline
     */
    public String format() {
        if (ok()) {
            return "Verification passed: no findings.\n";
        }
        StringBuilder text = new StringBuilder()
                .append("Verification failed: ")
                .append(findings.size())
                .append(findings.size() == 1 ? " finding" : " findings")
                .append('\n');
        for (Finding finding : findings) {
            text.append("  ").append(finding.format()).append('\n');
        }
        return text.toString();
    }

    /**
     * The report as JSON: {@code {"ok":false,"findings":[{"check":…,"kind":…,"name":…,"path":…,"message":…,"source":…}]}}.
     *
     * @return the JSON text, keys in a fixed order
     */
    public String toJson() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", f.check());
            m.put("kind", f.kind());
            m.put("name", f.name());
            m.put("path", f.path());
            m.put("message", f.message());
            m.put("source", f.source());
            list.add(m);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("ok", ok());
        report.put("findings", list);
        return Json.compact(report);
    }
}

package io.sparkk8s.verify;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a verification found: an ordered list of findings, empty when the chart passed every check.
 *
 * @param findings the findings, in the order the checks produced them
 * @param gates what each check ran on and how many items it looked at, in run order
 */
public record VerificationReport(List<Finding> findings, List<Gate> gates) {

    /** Copies the lists. */
    public VerificationReport {
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
        gates = List.copyOf(Objects.requireNonNull(gates, "gates"));
    }

    /**
     * A report that does not say what was checked.
     *
     * @param findings the findings
     */
    public VerificationReport(List<Finding> findings) {
        this(findings, List.of());
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
}

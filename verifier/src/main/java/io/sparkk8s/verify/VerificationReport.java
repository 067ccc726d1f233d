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
        .append("Verification failed: ").append(findings.size())
        .append(findings.size() == 1 ? " finding" : " findings").append('\n');
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
    StringBuilder json = new StringBuilder().append("{\"ok\":").append(ok()).append(",\"findings\":[");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      json.append(i == 0 ? "" : ",").append('{');
      field(json, "check", f.check()).append(',');
      field(json, "kind", f.kind()).append(',');
      field(json, "name", f.name()).append(',');
      field(json, "path", f.path()).append(',');
      field(json, "message", f.message()).append(',');
      field(json, "source", f.source()).append('}');
    }
    return json.append("]}").toString();
  }

  private static StringBuilder field(StringBuilder json, String key, String value) {
    return quote(quote(json, key).append(':'), value);
  }

  private static StringBuilder quote(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}

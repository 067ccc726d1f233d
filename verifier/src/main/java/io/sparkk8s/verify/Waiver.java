package io.sparkk8s.verify;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A documented exception: findings of {@code check} on objects of {@code kind} whose name matches
 * {@code namePattern} are dropped from the report.
 *
 * @param check a check id of {@link Checks}, or {@code *} for every check
 * @param kind an object kind ({@code Deployment}), or {@code *} for every kind
 * @param namePattern a regular expression the whole object name must match ({@code .*} for every name)
 * @param reason why the exception is acceptable; required, so that every waiver documents itself
 */
public record Waiver(String check, String kind, String namePattern, String reason) {

    /** Validates the components: all required, the reason not blank, the pattern a valid regular expression. */
    public Waiver {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namePattern, "namePattern");
        Objects.requireNonNull(reason, "reason");
        if (check.isBlank() || kind.isBlank()) {
            throw new IllegalArgumentException(
                    "waiver needs a check id and a kind (use * for any): " + check + "/" + kind);
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException(
                    "waiver for check '" + check + "' on " + kind + "/" + namePattern + " needs a reason");
        }
        try {
            Pattern.compile(namePattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "waiver for check '" + check + "' has an invalid namePattern '" + namePattern + "': "
                            + e.getDescription(),
                    e);
        }
    }

    /**
     * Whether this waiver covers a finding.
     *
     * @param finding the finding
     * @return true when check, kind and name all match
     */
    public boolean covers(Finding finding) {
        return ("*".equals(check) || check.equals(finding.check()))
                && ("*".equals(kind) || kind.equals(finding.kind()))
                && Pattern.compile(namePattern).matcher(finding.name()).matches();
    }
}

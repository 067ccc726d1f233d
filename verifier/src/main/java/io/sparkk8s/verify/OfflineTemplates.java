package io.sparkk8s.verify;

import java.util.regex.Pattern;

/**
 * Chart template text rewritten for rendering inside the JVM (helm-java), without a cluster.
 *
 * <p>helm-java's {@code template()} returns only the release manifest, so hooks and Helm test pods are rendered
 * from a copy whose templates spell the hook annotation as {@value #HOOK_ALIAS} ({@link #hooksExposed}).
 *
 * <p>helm-java (0.0.21) renders with Helm's dry-run option {@code none}, so a template's {@code lookup} asks the
 * API server of the current kube context — {@code localhost:8080} without one, where it fails — while
 * {@code helm template} and {@code helm lint} return an empty map. {@link #withoutLookups} replaces each
 * parenthesised {@code (lookup …)} call by {@code (dict)}, the empty map Helm itself gives offline, so the
 * verifier renders what {@code helm template} renders and never reads a user's cluster.
 */
public final class OfflineTemplates {

    /** How the copy spells {@code helm.sh/hook}, mapped back in the rendered text. */
    public static final String HOOK_ALIAS = "verify.sparkk8s.io/hook";

    /** {@code (lookup …)}, its arguments possibly holding one level of parentheses ({@code (printf …)}). */
    private static final Pattern LOOKUP = Pattern.compile("\\(lookup\\s(?:[^()]|\\([^()]*\\))*\\)");

    private OfflineTemplates() {}

    /** The template with every {@code (lookup …)} call replaced by an empty map. */
    public static String withoutLookups(String template) {
        return LOOKUP.matcher(template).replaceAll("(dict)");
    }

    /** The template with its hook annotations renamed, so helm-java renders hooks as plain objects. */
    public static String hooksExposed(String template) {
        return template.replace(HelmRunner.HOOK_ANNOTATION, HOOK_ALIAS);
    }
}

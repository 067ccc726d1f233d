/**
 * Verification of rendered Helm charts against the quality gates of SPEC §9: Helm lint and template,
 * Kubernetes API schema, Pod Security Standards, referential integrity, container hygiene and metadata.
 *
 * <p>Entry point: {@link io.sparkk8s.verify.Verifier}. The public types of this package expose no Helm,
 * Kubernetes client, Gson or snakeyaml types; everything else in the package is package-private.
 */
package io.sparkk8s.verify;

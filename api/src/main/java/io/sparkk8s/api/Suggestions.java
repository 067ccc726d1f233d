package io.sparkk8s.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The one "did you mean" of the project: the known name closest to a misspelt one by edit distance
 * (Levenshtein, case-insensitive). The engine (values paths, presets, schema properties), the Spark settings
 * catalog and the verifier (Kubernetes fields) all ask here; each caller says how far a likely typo may be.
 */
public final class Suggestions {

    private Suggestions() {}

    /**
     * The candidate closest to the word within {@link #tolerance(String)}, the alphabetically first on a tie.
     *
     * @param word the unknown name
     * @param candidates the known names
     * @return the suggestion, if one is close enough to be a likely typo
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        return closest(word, candidates, tolerance(word), Comparator.naturalOrder());
    }

    /**
     * The candidate closest to the word within {@code maxDistance} edits.
     *
     * @param word the unknown name
     * @param candidates the known names
     * @param maxDistance the most edits a likely typo is away
     * @param onTie which of two equally close candidates to prefer: the smaller one
     * @return the suggestion, if any
     */
    public static Optional<String> closest(
            String word, Collection<String> candidates, int maxDistance, Comparator<String> onTie) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT), Math.min(bestDistance, maxDistance));
            if (d < bestDistance || d == bestDistance && d != Integer.MAX_VALUE && onTie.compare(candidate, best) < 0) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= maxDistance ? Optional.of(best) : Optional.empty();
    }

    /** How many edits a typo of a word may be: a third of its length, at least 2. */
    public static int tolerance(String word) {
        return Math.max(2, word.length() / 3);
    }

    /**
     * The Levenshtein distance of two strings, or {@link Integer#MAX_VALUE} once it is certain to exceed
     * {@code bound} (the exact distance whenever it is at most {@code bound}).
     */
    public static int distance(String a, String b, int bound) {
        if (Math.abs(a.length() - b.length()) > bound) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > bound) {
                return Integer.MAX_VALUE;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()] <= bound ? prev[b.length()] : Integer.MAX_VALUE;
    }
}

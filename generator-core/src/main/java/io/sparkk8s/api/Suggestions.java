package io.sparkk8s.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" suggestions by edit distance: the one helper behind every suggestion the tool makes (values
 * keys, block ids, preset names, Spark settings, {@code explain}).
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to a word (case-insensitive), if close enough to be a likely typo: at most a third of
     * the word's length away (at least 2); ties go to the alphabetically first candidate.
     *
     * @param word what the user typed
     * @param candidates the known names
     * @return the suggestion, if any
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        return closest(word, candidates, Math.max(2, word.length() / 3), Comparator.naturalOrder());
    }

    /**
     * The candidate closest to a word (case-insensitive) within a distance limit.
     *
     * @param word what the user typed
     * @param candidates the known names
     * @param limit the largest distance still suggested
     * @param tieBreak among candidates at the same distance, the first by this order wins
     * @return the suggestion, if any
     */
    public static Optional<String> closest(String word, Collection<String> candidates, int limit,
            Comparator<String> tieBreak) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT), Math.min(bestDistance, limit));
            if (d < bestDistance || d == bestDistance && d != Integer.MAX_VALUE && tieBreak.compare(candidate, best) < 0) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /**
     * Levenshtein distance; gives up (returns {@link Integer#MAX_VALUE}) once every path exceeds {@code bound}.
     *
     * @param a one word
     * @param b the other
     * @param bound the largest distance of interest
     * @return the distance, or {@link Integer#MAX_VALUE} when above the bound
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
        return prev[b.length()] > bound ? Integer.MAX_VALUE : prev[b.length()];
    }
}

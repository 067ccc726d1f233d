package io.sparkk8s.core;

import io.sparkk8s.api.Condition;
import java.util.ArrayList;
import java.util.List;

/** Rewrites conditions between absolute (umbrella) paths and a subchart's own paths. */
final class Relativize {

    private Relativize() {}

    static List<String> paths(Condition condition) {
        List<String> out = new ArrayList<>();
        collect(condition, out);
        return out;
    }

    private static void collect(Condition condition, List<String> out) {
        if (condition instanceof Condition.Equals eq) {
            out.add(eq.path());
        } else if (condition instanceof Condition.Present present) {
            out.add(present.path());
        } else if (condition instanceof Condition.NonEmpty nonEmpty) {
            out.add(nonEmpty.path());
        } else if (condition instanceof Condition.Contains contains) {
            out.add(contains.path());
        } else if (condition instanceof Condition.Matches matches) {
            out.add(matches.path());
        } else if (condition instanceof Condition.AnyEntry entry) {
            out.add(entry.path());
        } else if (condition instanceof Condition.Not not) {
            collect(not.condition(), out);
        } else if (condition instanceof Condition.All all) {
            all.conditions().forEach(c -> collect(c, out));
        } else {
            ((Condition.Any) condition).conditions().forEach(c -> collect(c, out));
        }
    }

    /** The condition with {@code keyPrefix} stripped from its paths ({@code global.} paths stay). */
    static Condition condition(Condition condition, String keyPrefix) {
        if (condition instanceof Condition.Equals eq) {
            return new Condition.Equals(strip(eq.path(), keyPrefix), eq.value());
        }
        if (condition instanceof Condition.Present present) {
            return new Condition.Present(strip(present.path(), keyPrefix));
        }
        if (condition instanceof Condition.NonEmpty nonEmpty) {
            return new Condition.NonEmpty(strip(nonEmpty.path(), keyPrefix));
        }
        if (condition instanceof Condition.Contains contains) {
            return new Condition.Contains(strip(contains.path(), keyPrefix), contains.value());
        }
        if (condition instanceof Condition.Matches matches) {
            return new Condition.Matches(strip(matches.path(), keyPrefix), matches.regex());
        }
        if (condition instanceof Condition.AnyEntry entry) {
            return new Condition.AnyEntry(strip(entry.path(), keyPrefix), entry.key(), entry.value());
        }
        if (condition instanceof Condition.Not not) {
            return new Condition.Not(condition(not.condition(), keyPrefix));
        }
        if (condition instanceof Condition.All all) {
            return new Condition.All(
                    all.conditions().stream().map(c -> condition(c, keyPrefix)).toList());
        }
        return new Condition.Any(((Condition.Any) condition)
                .conditions().stream().map(c -> condition(c, keyPrefix)).toList());
    }

    private static String strip(String path, String keyPrefix) {
        return path.startsWith(keyPrefix) ? path.substring(keyPrefix.length()) : path;
    }
}

package io.sparkk8s.core;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Evaluates composition rules on values, and writes them as Helm template expressions. */
final class Rules {

    private Rules() {}

    /** The rules violated by the merged values, as problems of the source file. */
    static List<Problem> check(List<Rule> rules, Map<String, Object> values, String source) {
        List<Problem> problems = new ArrayList<>();
        for (Rule rule : rules) {
            if (holds(rule.when(), values) && !holds(rule.then(), values)) {
                problems.add(new Problem(source, firstPath(rule.then()), ValuesSchema.reason(rule)));
            }
        }
        return problems;
    }

    static boolean holds(Condition condition, Map<String, Object> values) {
        if (condition instanceof Condition.Equals eq) {
            Object actual = Values.get(values, eq.path());
            return actual != null && Objects.equals(normalise(actual), normalise(eq.value()));
        }
        if (condition instanceof Condition.Present present) {
            Object actual = Values.get(values, present.path());
            return actual instanceof String s && !s.isEmpty();
        }
        if (condition instanceof Condition.NonEmpty nonEmpty) {
            return Values.get(values, nonEmpty.path()) instanceof List<?> list && !list.isEmpty();
        }
        if (condition instanceof Condition.Contains contains) {
            return Values.get(values, contains.path()) instanceof List<?> list && list.contains(contains.value());
        }
        if (condition instanceof Condition.Matches matches) {
            return Values.get(values, matches.path()) instanceof String s
                    && java.util.regex.Pattern.compile(matches.regex())
                            .matcher(s)
                            .find();
        }
        if (condition instanceof Condition.AnyEntry entry) {
            return Values.get(values, entry.path()) instanceof Map<?, ?> map
                    && map.values().stream()
                            .anyMatch(e -> e instanceof Map<?, ?> m
                                    && m.get(entry.key()) != null
                                    && Objects.equals(normalise(m.get(entry.key())), normalise(entry.value())));
        }
        if (condition instanceof Condition.Not not) {
            return !holds(not.condition(), values);
        }
        if (condition instanceof Condition.All all) {
            return all.conditions().stream().allMatch(c -> holds(c, values));
        }
        return ((Condition.Any) condition).conditions().stream().anyMatch(c -> holds(c, values));
    }

    private static Object normalise(Object value) {
        return value instanceof Number n ? n.doubleValue() : value;
    }

    static String firstPath(Condition condition) {
        return Relativize.paths(condition).stream().findFirst().orElse("");
    }

    /**
     * The condition as a Helm template expression over {@code .Values}, simplified: paths for which
     * {@code local} returns null are unknown here (another subchart's values) and evaluate as absent, constant
     * parts fold away ({@code (not false)} is gone, {@code (and false …)} is {@code false}), a double negation
     * cancels, and an absent check is {@code (empty x)} rather than {@code (not (not (empty x)))}.
     *
     * @return the expression, or {@code true} / {@code false} when it is constant here
     */
    static String helm(Condition condition, java.util.function.Function<String, String> local) {
        if (condition instanceof Condition.Equals eq) {
            String path = local.apply(eq.path());
            return path == null ? FALSE : "(eq (toString " + path + ") " + quote(String.valueOf(eq.value())) + ")";
        }
        if (condition instanceof Condition.Present present) {
            String path = local.apply(present.path());
            return path == null ? FALSE : "(not (empty " + path + "))";
        }
        if (condition instanceof Condition.NonEmpty nonEmpty) {
            String path = local.apply(nonEmpty.path());
            return path == null ? FALSE : "(not (empty " + path + "))";
        }
        if (condition instanceof Condition.Contains contains) {
            String path = local.apply(contains.path());
            return path == null ? FALSE : "(has " + quote(contains.value()) + " " + path + ")";
        }
        if (condition instanceof Condition.Matches matches) {
            String path = local.apply(matches.path());
            return path == null
                    ? "false"
                    : "(regexMatch " + quote(matches.regex()) + " (toString (" + path + " | default \"\")))";
        }
        if (condition instanceof Condition.AnyEntry entry) {
            String path = local.apply(entry.path());
            return path == null
                    ? FALSE
                    : "(eq (include \"sparkk8s.anyEntry\" (dict \"map\" " + path + " \"key\" " + quote(entry.key())
                            + " \"value\" " + quote(String.valueOf(entry.value())) + ")) \"true\")";
        }
        if (condition instanceof Condition.Not not) {
            if (not.condition() instanceof Condition.Not twice) {
                return helm(twice.condition(), local);
            }
            if (not.condition() instanceof Condition.Present present && local.apply(present.path()) != null) {
                return "(empty " + local.apply(present.path()) + ")";
            }
            if (not.condition() instanceof Condition.NonEmpty nonEmpty && local.apply(nonEmpty.path()) != null) {
                return "(empty " + local.apply(nonEmpty.path()) + ")";
            }
            if (not.condition() instanceof Condition.All all) {
                // De Morgan: "not all present" reads as "one of them is empty"
                return or(all.conditions().stream()
                        .map(c -> helm(new Condition.Not(c), local))
                        .toList());
            }
            String inner = helm(not.condition(), local);
            return inner.equals(TRUE) ? FALSE : inner.equals(FALSE) ? TRUE : "(not " + inner + ")";
        }
        if (condition instanceof Condition.Any any) {
            List<String> terms = new ArrayList<>();
            for (Object part : oneOfValues(any.conditions())) {
                if (part instanceof OneOf oneOf) {
                    String path = local.apply(oneOf.path());
                    terms.add(
                            path == null
                                    ? FALSE
                                    : "(has (toString " + path + ") (list "
                                            + String.join(
                                                    " ",
                                                    oneOf.values().stream()
                                                            .map(v -> quote(String.valueOf(v)))
                                                            .toList())
                                            + "))");
                } else {
                    terms.add(helm((Condition) part, local));
                }
            }
            return or(terms);
        }
        boolean all = condition instanceof Condition.All;
        List<String> terms = new ArrayList<>();
        for (Condition part :
                all ? ((Condition.All) condition).conditions() : ((Condition.Any) condition).conditions()) {
            terms.addAll(terms(part, all, local));
        }
        return all ? and(terms) : or(terms);
    }

    /**
     * Tests of one path against several values, gathered from the members of a {@link Condition.Any}: "the value
     * is one of these". The schema writes it as one {@code enum} instead of an {@code anyOf} of {@code const}
     * tests (one key test instead of one per value, each several schema objects), Helm as one {@code has} over a
     * list instead of an {@code or} of {@code eq} calls (fewer nodes for Helm's template parser); the verdict is
     * the same (both compare the same strings, or the same JSON values).
     *
     * @param path the absolute path tested
     * @param values the values, in the order the rule gives them
     */
    record OneOf(String path, List<Object> values) {}

    /**
     * The members of an {@link Condition.Any} (nested ones flattened), with the {@link Condition.Equals} tests of a
     * path that two or more members test gathered into one {@link OneOf} at the first one's place; every other
     * member as it is.
     *
     * @return {@link Condition}s and {@link OneOf}s
     */
    static List<Object> oneOfValues(List<Condition> members) {
        List<Condition> flat = new ArrayList<>();
        flatten(members, flat);
        java.util.Map<String, List<Object>> valuesByPath = new java.util.LinkedHashMap<>();
        for (Condition c : flat) {
            if (c instanceof Condition.Equals eq) {
                List<Object> values = valuesByPath.computeIfAbsent(eq.path(), p -> new ArrayList<>());
                if (!values.contains(eq.value())) {
                    values.add(eq.value());
                }
            }
        }
        List<Object> out = new ArrayList<>();
        java.util.Set<String> written = new java.util.HashSet<>();
        for (Condition c : flat) {
            if (c instanceof Condition.Equals eq && valuesByPath.get(eq.path()).size() > 1) {
                if (written.add(eq.path())) {
                    out.add(new OneOf(eq.path(), List.copyOf(valuesByPath.get(eq.path()))));
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static void flatten(List<Condition> members, List<Condition> out) {
        for (Condition c : members) {
            if (c instanceof Condition.Any any) {
                flatten(any.conditions(), out);
            } else {
                out.add(c);
            }
        }
    }

    /**
     * The Helm expression that holds exactly when a rule is broken ({@code when} and not {@code then}), with
     * extra premises in front, simplified as {@link #helm} does; {@code false} when the rule cannot break here.
     */
    static String broken(Rule rule, java.util.function.Function<String, String> local, String... premises) {
        List<String> terms = new ArrayList<>(List.of(premises));
        terms.addAll(terms(rule.when(), true, local));
        terms.addAll(terms(new Condition.Not(rule.then()), true, local));
        return and(terms);
    }

    /** The operands of a condition under {@code and} (or {@code or}): a nested group of the same kind is flattened. */
    private static List<String> terms(
            Condition condition, boolean and, java.util.function.Function<String, String> local) {
        List<Condition> same = and
                ? (condition instanceof Condition.All a ? a.conditions() : null)
                : (condition instanceof Condition.Any o ? o.conditions() : null);
        if (same == null) {
            return List.of(helm(condition, local));
        }
        List<String> out = new ArrayList<>();
        same.forEach(c -> out.addAll(terms(c, and, local)));
        return out;
    }

    private static String and(List<String> terms) {
        if (terms.contains(FALSE)) {
            return FALSE;
        }
        List<String> left = terms.stream().filter(t -> !t.equals(TRUE)).toList();
        return left.isEmpty() ? TRUE : left.size() == 1 ? left.get(0) : "(and " + String.join(" ", left) + ")";
    }

    private static String or(List<String> terms) {
        if (terms.contains(TRUE)) {
            return TRUE;
        }
        List<String> left = terms.stream().filter(t -> !t.equals(FALSE)).toList();
        return left.isEmpty() ? FALSE : left.size() == 1 ? left.get(0) : "(or " + String.join(" ", left) + ")";
    }

    static final String TRUE = "true";
    static final String FALSE = "false";

    /**
     * How the umbrella and the toggle chart say a key in a rule message: as it is, {@code connect.backendMode}.
     */
    static String absoluteKey(String path) {
        return path;
    }

    /**
     * How a subchart installed alone says a key in a rule message: its own keys without the block's prefix
     * ({@code connect.backendMode} is {@code backendMode}), {@code global.*} as is, and another block's key as a
     * key of the umbrella, since the subchart's own schema rejects it.
     *
     * @param valuesKey the subchart's block key, e.g. {@code connect}
     * @param umbrella the umbrella chart, e.g. {@code spark-3.5}
     */
    static java.util.function.Function<String, String> installedAloneKey(String valuesKey, String umbrella) {
        String own = valuesKey + ".";
        return path -> path.startsWith(own)
                ? path.substring(own.length())
                : path.startsWith("global.") ? path : "the " + umbrella + " umbrella's " + path;
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

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
        if (condition instanceof Condition.Contains contains) {
            return Values.get(values, contains.path()) instanceof List<?> list && list.contains(contains.value());
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
     * The condition as a Helm template expression over {@code .Values}. Paths for which {@code local}
     * returns null are unknown here (another subchart's values) and evaluate as absent.
     */
    static String helm(Condition condition, java.util.function.Function<String, String> local) {
        if (condition instanceof Condition.Equals eq) {
            String path = local.apply(eq.path());
            if (path == null) {
                return "false";
            }
            return "(eq (toString " + path + ") " + quote(String.valueOf(eq.value())) + ")";
        }
        if (condition instanceof Condition.Present present) {
            String path = local.apply(present.path());
            return path == null ? "false" : "(not (empty " + path + "))";
        }
        if (condition instanceof Condition.Contains contains) {
            String path = local.apply(contains.path());
            return path == null ? "false" : "(has " + quote(contains.value()) + " " + path + ")";
        }
        if (condition instanceof Condition.Not not) {
            return "(not " + helm(not.condition(), local) + ")";
        }
        List<Condition> parts =
                condition instanceof Condition.All all ? all.conditions() : ((Condition.Any) condition).conditions();
        if (parts.size() == 1) {
            return helm(parts.get(0), local);
        }
        String op = condition instanceof Condition.All ? "and" : "or";
        StringBuilder out = new StringBuilder("(").append(op);
        for (Condition part : parts) {
            out.append(' ').append(helm(part, local));
        }
        return out.append(')').toString();
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

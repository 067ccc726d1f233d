package io.sparkk8s.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a values change does to the rendered objects: two {@code helm template} outputs compared object by
 * object ({@code kind/name}, namespace included when set), each changed object with the paths that differ and
 * their old and new values. A multi-line string (a {@code spark-defaults.conf}, a script) is compared line by
 * line: only the lines that went away and the lines that came in are shown. Each side is rendered twice: a
 * path that differs between two renderings of the same values (a credential the chart generates at random, a
 * checksum over it) is left out when it is random on both sides, and shown as {@value #RANDOM} on the side where
 * it is; the values of a Secret's {@code data}/{@code stringData} are never shown.
 */
public final class ManifestDiff {

    private ManifestDiff() {}

    /** How an object changed. */
    public enum Change {
        /** Only in the new rendering. */
        ADDED,
        /** Only in the old rendering. */
        REMOVED,
        /** In both, with different content. */
        CHANGED
    }

    /**
     * One object that differs.
     *
     * @param kind its kind
     * @param name its name (with {@code namespace/} when the object sets one)
     * @param change how it changed
     * @param paths for a changed object, each path that differs, in path order
     */
    public record ObjectChange(String kind, String name, Change change, List<PathChange> paths) {
        public ObjectChange {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(change, "change");
            paths = List.copyOf(paths);
        }
    }

    /**
     * One path of an object that differs.
     *
     * @param path the path in the object, e.g. {@code spec.replicas} or {@code spec.template.spec.containers[0].image}
     * @param from the old value (lines that went away, for a multi-line string), or null when absent
     * @param to the new value (lines that came in), or null when absent
     */
    public record PathChange(String path, Object from, Object to) {}

    /** What a changed Secret value shows instead of the value. */
    public static final String HIDDEN = "(secret value)";
    /** What a value the chart generates at random on every render shows instead of the value. */
    public static final String RANDOM = "(generated at random)";

    /**
     * Compares two renderings.
     *
     * @param before the old {@code helm template} output
     * @param beforeAgain the old values rendered a second time: what differs from {@code before} is random
     * @param after the new one
     * @param afterAgain the new values rendered a second time
     * @return the objects that differ: removed, then changed and added in the new rendering's order
     */
    public static List<ObjectChange> of(String before, String beforeAgain, String after, String afterAgain) {
        Map<String, Map<String, Object>> old = objects(before, "the old rendering");
        Map<String, Map<String, Object>> again = objects(beforeAgain, "the old rendering");
        Map<String, Map<String, Object>> now = objects(after, "the new rendering");
        Map<String, Map<String, Object>> nowAgain = objects(afterAgain, "the new rendering");
        List<ObjectChange> changes = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                changes.add(change(e.getKey(), e.getValue(), Change.REMOVED, List.of()));
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : now.entrySet()) {
            Map<String, Object> was = old.get(e.getKey());
            if (was == null) {
                changes.add(change(e.getKey(), e.getValue(), Change.ADDED, List.of()));
                continue;
            }
            Set<String> randomBefore = random(was, again.get(e.getKey()));
            Set<String> randomAfter = random(e.getValue(), nowAgain.get(e.getKey()));
            boolean secret = "Secret".equals(e.getValue().get("kind"));
            List<PathChange> paths = new ArrayList<>();
            for (PathChange p : compare(was, e.getValue(), "", secret)) {
                boolean r1 = randomBefore.contains(p.path());
                boolean r2 = randomAfter.contains(p.path());
                if (!(r1 && r2)) {
                    paths.add(r1 || r2 ? new PathChange(p.path(), r1 ? RANDOM : p.from(), r2 ? RANDOM : p.to()) : p);
                }
            }
            if (!paths.isEmpty()) {
                changes.add(change(e.getKey(), e.getValue(), Change.CHANGED, paths));
            }
        }
        return changes;
    }

    private static ObjectChange change(String id, Map<String, Object> object, Change change, List<PathChange> paths) {
        return new ObjectChange(String.valueOf(object.get("kind")), id.substring(id.indexOf('/') + 1), change, paths);
    }

    private static Map<String, Map<String, Object>> objects(String manifests, String source) {
        Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
        for (Object document : Yaml.loadAll(manifests, source)) {
            if (document instanceof Map<?, ?> map && map.get("kind") != null) {
                Map<String, Object> object = Yaml.asMap(map, source, "");
                Object name = Values.get(object, "metadata.name");
                Object namespace = Values.get(object, "metadata.namespace");
                objects.put(object.get("kind") + "/" + (namespace == null ? "" : namespace + "/") + name, object);
            }
        }
        return objects;
    }

    /** The paths that differ between two renderings of one object with the same values. */
    private static Set<String> random(Map<String, Object> one, Map<String, Object> again) {
        Set<String> paths = new LinkedHashSet<>();
        if (again != null) {
            compare(one, again, "", false).forEach(p -> paths.add(p.path()));
        }
        return paths;
    }

    /**
     * The paths where two trees differ: a key or list item only one side has is one change holding its whole
     * subtree; lists are compared item by item.
     */
    private static List<PathChange> compare(Object a, Object b, String path, boolean secret) {
        List<PathChange> paths = new ArrayList<>();
        if (Objects.equals(a, b)) {
            return paths;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            Set<Object> keys = new LinkedHashSet<>(x.keySet());
            keys.addAll(y.keySet());
            for (Object key : keys) {
                paths.addAll(compare(
                        x.get(key), y.get(key), path.isEmpty() ? String.valueOf(key) : path + "." + key, secret));
            }
        } else if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                paths.addAll(compare(
                        i < x.size() ? x.get(i) : null, i < y.size() ? y.get(i) : null, path + "[" + i + "]", secret));
            }
        } else if (secret && (path.startsWith("data.") || path.startsWith("stringData."))) {
            paths.add(new PathChange(path, a == null ? null : HIDDEN, b == null ? null : HIDDEN));
        } else if (a instanceof String s && b instanceof String t && (s.contains("\n") || t.contains("\n"))) {
            List<String> gone = new ArrayList<>(s.lines().toList());
            gone.removeAll(t.lines().toList());
            List<String> came = new ArrayList<>(t.lines().toList());
            came.removeAll(s.lines().toList());
            paths.add(new PathChange(path, gone, came));
        } else {
            paths.add(new PathChange(path, a, b));
        }
        return paths;
    }
}

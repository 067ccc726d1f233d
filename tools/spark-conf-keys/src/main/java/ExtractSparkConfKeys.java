import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Dumps the configuration keys Spark registers, sorted, one per line.
 *
 * <p>Spark declares its settings as fields of Scala objects ({@code org.apache.spark.internal.config.package},
 * {@code History}, {@code Kubernetes Config}, {@code SQLConf}, {@code StaticSQLConf}, Connect's {@code Connect},
 * {@code HiveUtils}, ...). Each field is built with {@code ConfigBuilder} and registers itself in
 * {@code ConfigEntry.knownConfigs} (SQL settings also in {@code SQLConf.sqlConfEntries}) when its object is
 * initialised. This program initialises every class of the Spark jars whose byte code refers to
 * {@code ConfigBuilder}, then reads both registries by reflection. Alternative names
 * ({@code ConfigEntry.alternatives} and {@code SparkConf.configsWithAlternatives}) are written as
 * {@code alternative<TAB>alternative of key}, prepended keys ({@code withPrepended}, e.g.
 * {@code spark.driver.defaultJavaOptions}) as {@code key<TAB>prepended to key}, and the candidates of
 * {@code read-by-name.txt} whose name occurs as a string constant in the jars as
 * {@code key<TAB>read by name: class}. Names Spark recognises but no longer reads are written as
 * {@code name<TAB>removed in Spark x: comment} ({@code SQLConf.removedSQLConfigs}) and
 * {@code name<TAB>no longer read (deprecated in Spark x): message} ({@code SparkConf.deprecatedConfigs}); they are
 * not known settings.
 *
 * <p>Usage: {@code java -cp <spark class path>:. ExtractSparkConfKeys <read-by-name.txt> <out file> <header line>...}
 */
public final class ExtractSparkConfKeys {

    private static final byte[] MARKER = "org/apache/spark/internal/config/ConfigBuilder".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        ClassLoader loader = ExtractSparkConfKeys.class.getClassLoader();
        List<String> holders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("/org/apache/spark/") && entry.endsWith(".jar")) {
                holders.addAll(configHolders(Path.of(entry)));
            }
        }
        int initialised = 0;
        List<String> failed = new ArrayList<>();
        for (String name : holders) {
            try {
                Class.forName(name, true, loader);
                initialised++;
            } catch (Throwable e) {
                failed.add(name + ": " + e);
            }
        }
        holders.forEach(h -> System.err.println("  holder: " + h));
        System.err.println("classes referring to ConfigBuilder: " + holders.size() + ", initialised: " + initialised);
        failed.forEach(f -> System.err.println("  not initialised: " + f));

        Map<String, Object> entries = new TreeMap<>();
        Object configEntry = module("org.apache.spark.internal.config.ConfigEntry$");
        entries.putAll(asMap(call(configEntry, "knownConfigs")));
        try {
            Object sqlConf = module("org.apache.spark.sql.internal.SQLConf$");
            Map<String, Object> sql = asMap(field(sqlConf, "sqlConfEntries"));
            System.err.println("SQLConf.sqlConfEntries: " + sql.size());
            entries.putAll(sql);
        } catch (Throwable e) {
            System.err.println("no SQLConf: " + e);
        }
        Set<String> keys = new TreeSet<>(entries.keySet());
        Map<String, String> alternatives = new TreeMap<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            Object list = call(e.getValue(), "alternatives");
            for (Object alternative : scalaIterable(list)) {
                alternatives.put(String.valueOf(alternative), e.getKey());
            }
        }
        // SparkConf.configsWithAlternatives: Map[String, Seq[AlternateConfig]], read by SparkConf.get
        Object sparkConf = module("org.apache.spark.SparkConf$");
        Map<String, Object> withAlternatives = asMap(field(sparkConf, "configsWithAlternatives"));
        for (Map.Entry<String, Object> e : withAlternatives.entrySet()) {
            for (Object alternate : scalaIterable(e.getValue())) {
                alternatives.put(String.valueOf(call(alternate, "key")), e.getKey());
            }
        }
        alternatives.keySet().removeAll(keys);

        Map<String, String> notes = new TreeMap<>();
        alternatives.forEach((alternative, key) -> notes.put(alternative, "alternative of " + key));
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            Object prepended = call(e.getValue(), "prependedKey");
            if (!prepended.getClass().getSimpleName().startsWith("None")) {
                String name = String.valueOf(call(prepended, "get"));
                if (!keys.contains(name)) {
                    notes.put(name, "prepended to " + e.getKey());
                }
            }
        }
        // names Spark no longer reads but still recognises, to say so instead of only "unknown"
        try {
            Object sqlConf = module("org.apache.spark.sql.internal.SQLConf$");
            for (Map.Entry<String, Object> e : asMap(call(sqlConf, "removedSQLConfigs")).entrySet()) {
                if (!keys.contains(e.getKey()) && !notes.containsKey(e.getKey())) {
                    notes.put(e.getKey(), "removed in Spark " + call(e.getValue(), "version") + ": "
                            + oneLine(String.valueOf(call(e.getValue(), "comment"))));
                }
            }
        } catch (Throwable e) {
            System.err.println("no SQLConf.removedSQLConfigs: " + e);
        }
        for (Map.Entry<String, Object> e : asMap(field(sparkConf, "deprecatedConfigs")).entrySet()) {
            if (!keys.contains(e.getKey()) && !notes.containsKey(e.getKey())) {
                notes.put(e.getKey(), "no longer read (deprecated in Spark " + call(e.getValue(), "version") + "): "
                        + oneLine(String.valueOf(call(e.getValue(), "deprecationMessage"))));
            }
        }
        Map<String, String> constants = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("/org/apache/spark/") && entry.endsWith(".jar")) {
                stringConstants(Path.of(entry), constants);
            }
        }
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String name = line.trim().split("\\s+")[0];
            if (keys.contains(name) || notes.containsKey(name) && !notes.get(name).startsWith("removed")
                    && !notes.get(name).startsWith("no longer read")) {
                continue;
            }
            if (constants.containsKey(name)) {
                notes.put(name, "read by name: " + constants.get(name));
            } else {
                System.err.println("  not in these jars: " + name);
            }
        }

        // report the open families whose literal prefix no class of these jars holds (built by concatenation)
        Path families = Path.of(args[1]).resolveSibling("spark-conf-families.txt");
        if (Files.isRegularFile(families)) {
            for (String line : Files.readAllLines(families)) {
                String pattern = line.replaceFirst("#.*", "").trim();
                if (pattern.isEmpty()) {
                    continue;
                }
                String prefix = pattern.indexOf('*') < 0 ? pattern : pattern.substring(0, pattern.indexOf('*'));
                boolean seen = constants.keySet().stream().anyMatch(c -> c.startsWith(prefix)) || keys.stream()
                        .anyMatch(k -> k.startsWith(prefix));
                System.err.println("  family " + pattern + (seen ? ": prefix seen in the jars"
                        : ": prefix not a constant in these jars (built at run time, or read by Python; see its source)"));
            }
        }

        Path out = Path.of(args[1]);
        try (PrintStream print = new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
            for (int i = 2; i < args.length; i++) {
                print.print("# " + args[i] + "\n");
            }
            print.print("# " + keys.size() + " registered keys, " + notes.size() + " more names (alternative, "
                    + "prepended, read by name) and names no longer read (removed, deprecated)\n");
            Map<String, String> all = new TreeMap<>(notes);
            keys.forEach(key -> all.put(key, ""));
            all.forEach((key, note) -> print.print(key + (note.isEmpty() ? "" : "\t" + note) + "\n"));
        }
        System.err.println("wrote " + keys.size() + " keys and " + notes.size() + " more names to " + out);
    }

    /** Classes of a jar whose byte code names ConfigBuilder; the Scala object class when there is one. */
    static List<String> configHolders(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<String> all = new TreeSet<>();
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                all.add(e.nextElement().getName());
            }
            for (String entry : all) {
                if (!entry.startsWith("org/apache/spark/") || !entry.endsWith(".class")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = file.getInputStream(file.getJarEntry(entry))) {
                    bytes = in.readAllBytes();
                }
                if (indexOf(bytes, MARKER) >= 0) {
                    names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return names;
    }

    /** The string constants of the jar's classes that look like Spark keys, with the first class holding each. */
    static void stringConstants(Path jar, Map<String, String> out) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                String owner = entry.getName().substring(0, entry.getName().length() - 6).replace('/', '.');
                try (java.io.DataInputStream in = new java.io.DataInputStream(
                        new java.io.BufferedInputStream(file.getInputStream(entry)))) {
                    in.readInt();
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                    int count = in.readUnsignedShort();
                    for (int i = 1; i < count; i++) {
                        int tag = in.readUnsignedByte();
                        switch (tag) {
                            case 1 -> {
                                String s = in.readUTF();
                                if (s.startsWith("spark.")) {
                                    out.merge(s, owner, (a, b) -> a.compareTo(b) <= 0 ? a : b);
                                }
                            }
                            case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                            case 5, 6 -> {
                                in.readLong();
                                i++;
                            }
                            case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                            case 15 -> {
                                in.readUnsignedByte();
                                in.readUnsignedShort();
                            }
                            default -> throw new IOException("constant pool tag " + tag + " in " + entry);
                        }
                    }
                }
            }
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static Object module(String name) throws Exception {
        Field field = Class.forName(name).getField("MODULE$");
        return field.get(null);
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    /** A private field of a Scala object; the compiler may mangle its name to {@code org$apache$...$$name}. */
    static Object field(Object target, String name) throws Exception {
        for (Field field : target.getClass().getDeclaredFields()) {
            if (field.getName().equals(name) || field.getName().endsWith("$$" + name)) {
                field.setAccessible(true);
                return field.get(target);
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }

    static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object map) throws Exception {
        if (map instanceof Map<?, ?> javaMap) {
            Map<String, Object> copy = new TreeMap<>();
            synchronized (javaMap) {
                javaMap.forEach((k, v) -> copy.put(String.valueOf(k), v));
            }
            return copy;
        }
        // a Scala map: iterate its (key, value) tuples
        Map<String, Object> copy = new TreeMap<>();
        for (Object tuple : scalaIterable(map)) {
            copy.put(String.valueOf(call(tuple, "_1")), call(tuple, "_2"));
        }
        return copy;
    }

    static List<Object> scalaIterable(Object iterable) throws Exception {
        List<Object> out = new ArrayList<>();
        Object iterator = iterable.getClass().getMethod("iterator").invoke(iterable);
        Method hasNext = iterator.getClass().getMethod("hasNext");
        Method next = iterator.getClass().getMethod("next");
        hasNext.setAccessible(true);
        next.setAccessible(true);
        while ((Boolean) hasNext.invoke(iterator)) {
            out.add(next.invoke(iterator));
        }
        return out;
    }
}

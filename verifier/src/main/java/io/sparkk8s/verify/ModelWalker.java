package io.sparkk8s.verify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.sparkk8s.api.Suggestions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Walks a JSON tree against a Kubernetes client model class and reports every unknown field, missing
 * required field and wrong type with its path. It exists because the models' own
 * {@code validateJsonElement} + Gson {@code fromJson} stop at the first problem, report no path, and accept
 * wrong scalar types: a quoted "80" for an integer, a number for a string, "yes" for a boolean, 1.5 for an
 * integer, a number as a label value.
 */
final class ModelWalker {

    /** One schema problem. */
    record Issue(String path, String message) {}

    private record Model(Map<String, Type> fields, Set<String> required) {}

    private static final Map<Class<?>, Model> MODELS = new ConcurrentHashMap<>();

    /**
     * Fields of the client-java-api 27 models (a Kubernetes API newer than {@link KubeVersions#HIGHEST}) that
     * older API servers do not know, with the minor version that introduced them (alpha or later). Older
     * servers reject them under strict field validation or drop them silently.
     */
    private static final Map<String, Integer> FIELD_SINCE = Map.ofEntries(
            Map.entry("V1PodSecurityContext.appArmorProfile", 30),
            Map.entry("V1SecurityContext.appArmorProfile", 30),
            Map.entry("V1VolumeMount.recursiveReadOnly", 30),
            Map.entry("V1ServiceSpec.trafficDistribution", 30),
            Map.entry("V1JobSpec.managedBy", 30),
            Map.entry("V1JobSpec.successPolicy", 30),
            Map.entry("V1Volume.image", 31),
            Map.entry("V1PodSecurityContext.supplementalGroupsPolicy", 31),
            Map.entry("V1PodSecurityContext.seLinuxChangePolicy", 32),
            Map.entry("V1PodSpec.resources", 32),
            Map.entry("V1Lifecycle.stopSignal", 33),
            Map.entry("V1PodSpec.hostnameOverride", 34),
            Map.entry("V1Container.restartPolicyRules", 34),
            Map.entry("V1EnvVarSource.fileKeyRef", 34),
            Map.entry("V1PodSpec.schedulingGroup", 35));

    private final boolean requireFields;
    private final int lowestMinor;
    private final List<Issue> issues = new ArrayList<>();

    /**
     * @param requireFields whether missing required fields are reported (off for embedded pod templates,
     *     which Spark completes)
     * @param lowestKubeVersion the lowest Kubernetes version the objects must work on ({@code 1.29.0})
     */
    ModelWalker(boolean requireFields, String lowestKubeVersion) {
        this.requireFields = requireFields;
        this.lowestMinor = minor(lowestKubeVersion);
    }

    /** The minor version of a 1.x Kubernetes version ({@code v1.29.3} → 29). */
    static int minor(String kubeVersion) {
        String[] parts = kubeVersion.replaceFirst("^v", "").split("\\.");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    List<Issue> issues() {
        return List.copyOf(issues);
    }

    static boolean isModel(Class<?> type) {
        try {
            Field fields = type.getField("openapiFields");
            return Modifier.isStatic(fields.getModifiers());
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    void walk(JsonElement element, Type type, String path) {
        if (element == null || element.isJsonNull()) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            walkGeneric(element, parameterized, path);
            return;
        }
        if (!(type instanceof Class<?> c)) {
            return;
        }
        if (c == String.class) {
            if (!isString(element)) {
                boolean bool = element.isJsonPrimitive()
                        && element.getAsJsonPrimitive().isBoolean();
                issue(
                        path,
                        "expected a string but got " + describe(element)
                                + (bool ? " (Kubernetes reads unquoted true/false/yes/no/on/off/y/n as booleans)" : "")
                                + (element.isJsonPrimitive() ? "; quote the value" : ""));
            }
        } else if (c == Integer.class || c == Long.class) {
            checkInteger(element, c == Integer.class, path);
        } else if (c == Double.class || c == Float.class) {
            if (!(element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber())) {
                issue(path, "expected a number but got " + describe(element) + "; write a number without quotes");
            }
        } else if (c == Boolean.class) {
            if (!(element.isJsonPrimitive() && element.getAsJsonPrimitive().isBoolean())) {
                issue(
                        path,
                        "expected a boolean (true or false) but got " + describe(element)
                                + "; write true or false without quotes");
            }
        } else if (c == Quantity.class) {
            checkQuantity(element, path);
        } else if (c == IntOrString.class) {
            if (!isString(element) && !isInteger(element)) {
                issue(path, "expected an integer or a string but got " + describe(element));
            }
        } else if (c == OffsetDateTime.class) {
            checkDateTime(element, path);
        } else if (c == byte[].class) {
            checkBase64(element, path);
        } else if (isModel(c)) {
            walkModel(element, c, path);
        }
        // java.lang.Object and anything else: free-form, accept.
    }

    private void walkGeneric(JsonElement element, ParameterizedType type, String path) {
        Type raw = type.getRawType();
        Type[] args = type.getActualTypeArguments();
        if (raw == List.class) {
            if (!element.isJsonArray()) {
                issue(path, "expected a list but got " + describe(element) + "; write it as a YAML sequence (- item)");
                return;
            }
            for (int i = 0; i < element.getAsJsonArray().size(); i++) {
                walk(element.getAsJsonArray().get(i), args[0], Tree.index(path, i));
            }
        } else if (raw == Map.class) {
            if (!element.isJsonObject()) {
                issue(path, "expected a mapping but got " + describe(element) + "; write it as key: value pairs");
                return;
            }
            for (Map.Entry<String, JsonElement> entry :
                    element.getAsJsonObject().entrySet()) {
                walk(entry.getValue(), args[1], Tree.entry(path, entry.getKey()));
            }
        }
    }

    private void walkModel(JsonElement element, Class<?> type, String path) {
        String typeName = typeName(type);
        if (!element.isJsonObject()) {
            issue(path, "expected a mapping (" + typeName + ") but got " + describe(element));
            return;
        }
        Model model = MODELS.computeIfAbsent(type, ModelWalker::describeModel);
        JsonObject object = element.getAsJsonObject();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            Type fieldType = model.fields().get(entry.getKey());
            String fieldPath = Tree.child(path, entry.getKey());
            if (fieldType == null) {
                issue(
                        fieldPath,
                        "unknown field '" + entry.getKey() + "': " + typeName + " has no such field"
                                + suggestion(entry.getKey(), model.fields().keySet())
                                + "; remove it or fix its name or indentation");
            } else {
                Integer since = FIELD_SINCE.get(type.getSimpleName() + "." + entry.getKey());
                if (since != null && since > lowestMinor && !entry.getValue().isJsonNull()) {
                    issue(
                            fieldPath,
                            "field '" + entry.getKey() + "' of " + typeName + " exists only from Kubernetes 1." + since
                                    + "; the API server of 1." + lowestMinor
                                    + " rejects or drops it — leave it unset for Kubernetes below 1."
                                    + since);
                }
                walk(entry.getValue(), fieldType, fieldPath);
            }
        }
        if (requireFields) {
            for (String required : model.required()) {
                JsonElement value = object.get(required);
                if (value == null || value.isJsonNull()) {
                    issue(
                            Tree.child(path, required),
                            "required field '" + required + "' of " + typeName + " is missing; add it");
                }
            }
        }
    }

    private static Model describeModel(Class<?> type) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                SerializedName name = field.getAnnotation(SerializedName.class);
                if (name != null && !Modifier.isStatic(field.getModifiers())) {
                    fields.putIfAbsent(name.value(), field.getGenericType());
                }
            }
        }
        Set<String> required = new TreeSet<>();
        try {
            Object value = type.getField("openapiRequiredFields").get(null);
            if (value instanceof Collection<?> names) {
                names.forEach(n -> required.add(String.valueOf(n)));
            }
        } catch (ReflectiveOperationException e) {
            // no required fields declared
        }
        return new Model(Map.copyOf(fields), Set.copyOf(required));
    }

    private void checkInteger(JsonElement element, boolean int32, String path) {
        if (!isInteger(element)) {
            String hint = isString(element) ? "; write the number without quotes" : "";
            issue(path, "expected an integer but got " + describe(element) + hint);
            return;
        }
        BigInteger value = element.getAsJsonPrimitive().getAsBigInteger();
        BigInteger min = BigInteger.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE);
        BigInteger max = BigInteger.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            issue(path, "integer " + value + " is out of the " + (int32 ? "int32" : "int64") + " range");
        }
    }

    private void checkQuantity(JsonElement element, String path) {
        if (isString(element)) {
            try {
                Quantity.fromString(element.getAsString());
            } catch (RuntimeException e) {
                issue(path, "'" + element.getAsString() + "' is not a Kubernetes quantity (e.g. 500m, 1, 512Mi, 2Gi)");
            }
        } else if (!(element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber())) {
            issue(path, "expected a quantity (e.g. 500m, 512Mi) but got " + describe(element));
        }
    }

    private void checkDateTime(JsonElement element, String path) {
        if (!isString(element)) {
            issue(path, "expected an RFC 3339 date-time string but got " + describe(element));
            return;
        }
        try {
            OffsetDateTime.parse(element.getAsString());
        } catch (DateTimeParseException e) {
            issue(path, "'" + element.getAsString() + "' is not an RFC 3339 date-time");
        }
    }

    private void checkBase64(JsonElement element, String path) {
        if (!isString(element)) {
            issue(path, "expected a base64 string but got " + describe(element));
            return;
        }
        try {
            Base64.getDecoder().decode(element.getAsString());
        } catch (IllegalArgumentException e) {
            issue(path, "value is not valid base64; encode it (b64enc in a template) or use stringData");
        }
    }

    private static boolean isString(JsonElement element) {
        return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
    }

    private static boolean isInteger(JsonElement element) {
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            return false;
        }
        Number number = element.getAsJsonPrimitive().getAsNumber();
        if (number instanceof Double || number instanceof Float) {
            return false;
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.scale() <= 0;
        }
        // Gson's LazilyParsedNumber (from parsed JSON text) and Java integers
        return !number.toString().contains(".")
                && !number.toString().toLowerCase().contains("e");
    }

    static String describe(JsonElement element) {
        if (element.isJsonObject()) {
            return "a mapping";
        }
        if (element.isJsonArray()) {
            return "a list";
        }
        JsonPrimitive p = element.getAsJsonPrimitive();
        if (p.isString()) {
            return "the string \"" + abbreviate(p.getAsString()) + "\"";
        }
        if (p.isBoolean()) {
            return "the boolean " + p.getAsBoolean();
        }
        return "the number " + p.getAsNumber();
    }

    static String typeName(Class<?> model) {
        return model.getSimpleName().replaceFirst("^V\\d+(?:alpha\\d+|beta\\d+)?(?=[A-Z])", "");
    }

    private static String suggestion(String unknown, Set<String> known) {
        // Kubernetes field names are short camelCase words: a likely typo is within a quarter of the name
        return Suggestions.closest(
                        unknown, known, Math.max(1, unknown.length() / 4), java.util.Comparator.naturalOrder())
                .map(best -> " (did you mean '" + best + "'?)")
                .orElse("");
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private void issue(String path, String message) {
        issues.add(new Issue(path, message));
    }
}

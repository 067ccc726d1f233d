package io.sparkk8s.verify;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Converts a parsed YAML tree into Gson's tree, the input of the Kubernetes client models. */
final class Json {

    private Json() {}

    static JsonElement of(Object node) {
        if (node == null) {
            return JsonNull.INSTANCE;
        }
        if (node instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((k, v) -> object.add(String.valueOf(k), of(v)));
            return object;
        }
        if (node instanceof List<?> list) {
            JsonArray array = new JsonArray(list.size());
            list.forEach(v -> array.add(of(v)));
            return array;
        }
        if (node instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (node instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (node instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (node instanceof byte[] bytes) {
            return new JsonPrimitive(Base64.getEncoder().encodeToString(bytes));
        }
        return new JsonPrimitive(String.valueOf(node));
    }
}

package io.sparkk8s.verify;

import java.util.Map;

/**
 * One rendered object.
 *
 * @param template the chart file it came from ({@code # Source:} comment), empty when unknown
 * @param apiVersion its apiVersion, empty when missing
 * @param kind its kind, empty when missing
 * @param name its metadata.name, empty when missing
 * @param body the whole parsed document, map keys normalised to strings
 */
record K8sObject(String template, String apiVersion, String kind, String name, Map<String, Object> body) {

    static K8sObject of(String template, Map<String, Object> body) {
        return new K8sObject(
                template,
                orEmpty(Tree.str(body.get("apiVersion"))),
                orEmpty(Tree.str(body.get("kind"))),
                orEmpty(Tree.strAt(body, "metadata", "name")),
                body);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    Map<String, Object> metadata() {
        return Tree.mapAt(body, "metadata");
    }

    Map<String, String> labels() {
        return Tree.stringMapAt(body, "metadata", "labels");
    }
}

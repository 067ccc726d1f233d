package io.sparkk8s.verify;

import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one rendered set, stamping each with the set's source. */
final class FindingCollector {

    private final String source;
    private final List<Finding> findings = new ArrayList<>();

    FindingCollector(String source) {
        this.source = source;
    }

    void add(String check, K8sObject object, String path, String message) {
        add(check, object.kind(), object.name(), path, message);
    }

    void add(String check, String kind, String name, String path, String message) {
        findings.add(new Finding(check, kind, name, path, message, source));
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }
}

package io.sparkk8s.core;

import io.sparkk8s.api.BlockTemplateContext;
import io.sparkk8s.api.BlockTemplateContext.EndpointView;
import io.sparkk8s.api.SparkProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place where the documented template contexts become Pebble's variables: a record component is a
 * variable of the same name, nested records become maps with their components' names.
 */
final class TemplateVariables {

    private TemplateVariables() {}

    /** The variables of a block template. */
    static Map<String, Object> of(BlockTemplateContext c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layout", c.layout());
        m.put("line", line(c.line()));
        m.put("blocks", c.blocks());
        Map<String, Object> byId = new TreeMap<>();
        c.endpointsById().forEach((id, e) -> byId.put(id, endpoint(e)));
        m.put("endpointsById", byId);
        m.put("v", c.v());
        m.put("key", c.key());
        m.put("id", c.id());
        m.put("filePrefix", c.filePrefix());
        m.put("runsSpark", c.runsSpark());
        m.put(
                "ownEndpoints",
                c.ownEndpoints().stream().map(TemplateVariables::endpoint).toList());
        m.put("wiringInputs", c.wiringInputs());
        return m;
    }

    /** The variables of a chart-root template. */
    static Map<String, Object> of(RootTemplateContext c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layout", c.layout());
        m.put("line", line(c.line()));
        m.put("blocks", c.blocks());
        m.put("chart", c.chart());
        m.put("chartRoot", c.chartRoot());
        m.put("chartEndpoints", rootEndpoints(c.chartEndpoints()));
        m.put("uis", rootEndpoints(c.uis()));
        m.put("contributions", c.contributions());
        m.put("s3Users", c.s3Users());
        m.put("s3Used", c.s3Used());
        m.put("rules", c.rules());
        m.put("valueKeys", c.valueKeys());
        return m;
    }

    private static List<Map<String, Object>> rootEndpoints(List<RootTemplateContext.RootEndpoint> endpoints) {
        return endpoints.stream()
                .map(r -> {
                    Map<String, Object> m = endpoint(r.endpoint());
                    m.put("key", r.key());
                    return m;
                })
                .toList();
    }

    static Map<String, Object> endpoint(EndpointView e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("service", e.service());
        m.put("port", e.port());
        m.put("protocol", e.protocol());
        m.put("scheme", e.scheme());
        m.put("probePath", e.probePath());
        m.put("client", e.client());
        m.put("description", e.description());
        m.put("values", e.values());
        return m;
    }

    static Map<String, Object> line(SparkProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.line().id());
        m.put("sparkVersion", p.sparkVersion());
        m.put("scalaVersion", p.scalaVersion());
        m.put("javaVersion", p.javaVersion());
        m.put("hadoopVersion", p.hadoopVersion());
        m.put(
                "image",
                ValuesSchema.ordered(
                        "repository", p.image().repository(), "tag", p.image().tag()));
        m.put(
                "jupyterImage",
                ValuesSchema.ordered(
                        "repository",
                        p.jupyterImage().repository(),
                        "tag",
                        p.jupyterImage().tag()));
        m.put("pythonVersion", p.pythonVersion());
        m.put("jupyterPythonVersion", p.jupyterPythonVersion());
        m.put("connectServerPackage", p.connectServerPackage());
        m.put("packages", String.join(",", p.packages()));
        m.put("s3Packages", String.join(",", p.s3Packages()));
        m.put("changedDefaults", new TreeMap<>(p.changedDefaults()));
        return m;
    }
}

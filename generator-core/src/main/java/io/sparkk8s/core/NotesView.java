package io.sparkk8s.core;

import java.util.List;

/**
 * What a chart's {@code templates/NOTES.txt} template ({@code documents/NOTES.txt.mustache}, logic-less Mustache
 * with {@code <% %>} delimiters, since its output is a Helm template full of {@code {{ }}}) reads. Each component is
 * a Mustache name of the same name.
 *
 * @param chart the chart: {@code spark-4.1}, {@code spark-3.5}, or a subchart's block id
 * @param endpoints the endpoints of the blocks the chart holds, each printed while its block is enabled
 * @param pythonMismatch true when the chart holds Jupyter and Connect at its root and the Jupyter image's Python
 *     differs from the line's Spark image: NOTES then warns while Connect runs the default image
 * @param sparkImageRepository the line's default Spark image repository
 * @param sparkImageTag the line's default Spark image tag
 * @param jupyterPythonVersion the Python of the Jupyter image
 * @param pythonVersion the Python of the Spark image
 * @param connectUnauthenticated true at the root of a 3.5 chart with Connect: NOTES says its port has no
 *     authentication and whether the NetworkPolicy guards it
 * @param connectAuthenticated true at the root of a 4.1 chart with Connect: NOTES says how a client gets the token
 *     and the CA while {@code connect.auth} is on
 * @param runtimeChecks per block with a driver heap: the values that fail at run time, as {@code validate} warns
 *     about them (the heap plus its overhead above the pod's memory limit; minExecutors above maxExecutors)
 * @param inert the values Helm installs that do nothing ({@link Advisories#inert}: the same list and words as
 *     {@code spark-k8s validate}); NOTES names each one set away from its default while its switch is off
 * @param jobs the Helm expression of the jobs block's values when the chart holds it ({@code .Values.jobs} at a
 *     root, {@code .Values} in the jobs subchart): NOTES then lists each application with how to watch and run it
 */
record NotesView(
        String chart,
        List<Endpoint> endpoints,
        boolean pythonMismatch,
        String sparkImageRepository,
        String sparkImageTag,
        String jupyterPythonVersion,
        String pythonVersion,
        boolean connectUnauthenticated,
        boolean connectAuthenticated,
        List<RuntimeCheck> runtimeChecks,
        List<Inert> inert,
        List<String> jobs) {

    NotesView {
        endpoints = List.copyOf(endpoints);
        runtimeChecks = List.copyOf(runtimeChecks);
        inert = List.copyOf(inert);
        jobs = List.copyOf(jobs);
    }

    /**
     * The run-time checks of one block, in NOTES: value paths ({@link Advisories.RuntimeChecks}).
     *
     * @param block the block's values key
     * @param heap the driver heap
     * @param overhead the driver's memory overhead; {@code hasOverhead} tells whether the block has one
     * @param hasOverhead whether {@code overhead} names a value
     * @param limit the pod's memory limit
     * @param dynamic dynamic allocation's switch
     * @param min its lower bound
     * @param max its upper bound
     * @param hasDynamic whether the block maps dynamic allocation
     */
    record RuntimeCheck(
            String block,
            String heap,
            String overhead,
            boolean hasOverhead,
            String limit,
            String dynamic,
            String min,
            String max,
            boolean hasDynamic) {
        static RuntimeCheck of(Advisories.RuntimeChecks c) {
            return new RuntimeCheck(
                    c.block(),
                    c.heap(),
                    c.overhead(),
                    !c.overhead().isEmpty(),
                    c.limit(),
                    c.dynamic(),
                    c.min(),
                    c.max(),
                    !c.dynamic().isEmpty() && !c.min().isEmpty() && !c.max().isEmpty());
        }
    }

    /**
     * A value without effect, in NOTES.
     *
     * @param path its key path
     * @param block the owning block's values key
     * @param switchPath the key that turns it on
     * @param defaultValue its default, as Helm's {@code toString} prints it
     * @param reason why it does nothing
     */
    record Inert(String path, String block, String switchPath, String defaultValue, String reason) {}

    /**
     * An endpoint in NOTES.
     *
     * @param values the Helm expression of the owning block's values ({@code .Values.connect}, {@code .Values})
     * @param description what it is
     * @param scheme the URL scheme
     * @param service the component suffix of its Service name
     * @param port the Service port
     */
    record Endpoint(String values, String description, String scheme, String service, int port) {}

    /** The view of a chart root's context. */
    static NotesView of(RootTemplateContext c, List<Advisories.RuntimeChecks> checks, List<Advisories.Inert> inert) {
        boolean mismatch = c.chartRoot()
                && c.blocks().contains("jupyter")
                && c.blocks().contains("connect")
                && !c.line().jupyterPythonVersion().equals(c.line().pythonVersion());
        boolean connect = c.chartRoot() && c.blocks().contains("connect");
        List<String> jobs = c.chartRoot() && c.blocks().contains("jobs")
                ? List.of(".Values.jobs")
                : c.chart().equals("jobs") ? List.of(".Values") : List.of();
        return new NotesView(
                c.chart(),
                c.chartEndpoints().stream()
                        .map(r -> new Endpoint(
                                r.endpoint().values(),
                                r.endpoint().description(),
                                r.endpoint().scheme(),
                                r.endpoint().service(),
                                r.endpoint().port()))
                        .toList(),
                mismatch,
                c.line().image().repository(),
                c.line().image().tag(),
                c.line().jupyterPythonVersion(),
                c.line().pythonVersion(),
                connect && c.line().line() == io.sparkk8s.api.SparkLine.SPARK_3_5,
                connect && c.line().line() == io.sparkk8s.api.SparkLine.SPARK_4_1,
                checks.stream().map(RuntimeCheck::of).toList(),
                inert.stream()
                        .map(i -> new Inert(
                                i.path(), i.block(), i.switchPath(), String.valueOf(i.defaultValue()), i.reason()))
                        .toList(),
                jobs);
    }
}

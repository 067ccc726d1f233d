def chart = new File(basedir, 'target/generated-charts/spark-4.1')
def log = new File(basedir, 'build.log').text
assert !log.contains('[ERROR]')
assert log.contains('rendered spark-4.1 (toggle layout, 2 blocks, 1 presets')

// the third-party block's templates, values and test pod are in the chart
['statsd-exporter-deployment.yaml', 'statsd-exporter-service.yaml', 'statsd-exporter-configmap.yaml',
 'tests/statsd-exporter-test.yaml'].each { assert new File(chart, "templates/$it").isFile() : it }
def values = new File(chart, 'values.yaml').text
assert values.contains('statsdExporter:')
assert values.contains('prefix: team_a')                     // the pom override reached the block's default
assert new File(chart, 'values.schema.json').text.contains('"statsdExporter"')

// its Spark conf contribution is wired into the Spark processes of the chart
def wiring = new File(chart, 'templates/spark-wiring.yaml').text
assert wiring.contains('spark.metrics.conf.*.sink.statsd.class=org.apache.spark.metrics.sink.StatsdSink')
assert wiring.contains('spark.metrics.conf.*.sink.statsd.prefix={{ .Values.statsdExporter.prefix }}')
assert new File(chart, 'presets/metrics.yaml').isFile()

def chart = new File(basedir, 'target/generated-charts/spark-4.1')
assert new File(chart, 'Chart.yaml').isFile()
assert new File(chart, 'values.schema.json').isFile()
assert new File(basedir, 'target/spark-k8s/fingerprint').isFile()
def log = new File(basedir, 'build.log').text
assert !log.contains('[ERROR]')
assert log.contains('spark-4.1: verified')

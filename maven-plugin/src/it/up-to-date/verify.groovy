assert new File(basedir, 'target/generated-charts/spark-4.1/Chart.yaml').isFile()
def log = new File(basedir, 'build.log').text
assert log.count('rendered spark-4.1') == 1
assert log.contains('charts are up to date')

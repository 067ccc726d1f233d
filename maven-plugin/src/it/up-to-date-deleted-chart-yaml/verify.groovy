def chart = new File(basedir, 'target/generated-charts/spark-4.1')
assert new File(chart, 'Chart.yaml').isFile() : 'the second generate did not write Chart.yaml again'
assert new File(chart, 'Chart.yaml').text.contains('name: spark-4.1')
def log = new File(basedir, 'build.log').text
assert log.count('rendered spark-4.1') == 2 : 'runs 1 and 2 render, run 3 skips'
assert log.count('were changed or removed since the last run') == 1
assert log.count('charts are up to date') == 1

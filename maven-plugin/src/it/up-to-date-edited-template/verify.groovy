def template = new File(basedir, 'target/generated-charts/spark-4.1/templates/connect-statefulset.yaml')
def original = new File(basedir, 'original-connect-statefulset.yaml')
assert template.bytes == original.bytes : 'the second generate did not restore the edited template'
def log = new File(basedir, 'build.log').text
assert log.count('rendered spark-4.1') == 2 : 'runs 1 and 2 render, run 3 skips'
assert log.count('were changed or removed since the last run') == 1
assert log.count('charts are up to date') == 1

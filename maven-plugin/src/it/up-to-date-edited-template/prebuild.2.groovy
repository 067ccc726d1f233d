def template = new File(basedir, 'target/generated-charts/spark-4.1/templates/connect-statefulset.yaml')
assert template.isFile()
new File(basedir, 'original-connect-statefulset.yaml').bytes = template.bytes
template.text = template.text.replace('kind: StatefulSet', 'kind: Deployment')
assert template.text.contains('kind: Deployment')

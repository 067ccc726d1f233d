def chartYaml = new File(basedir, 'target/generated-charts/spark-4.1/Chart.yaml')
assert chartYaml.isFile()
assert chartYaml.delete()

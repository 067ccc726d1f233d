def log = new File(basedir, 'build.log').text
// minimal on 4.1: the Connect server (1 CPU + the TLS proxy's 50m; 2Gi + 64Mi) and 1 executor (1 core, 1g + 384m)
assert log.contains('spark-4.1 + presets/minimal.yaml: 2 pods, requests 2050m CPU / 3520Mi (executors at their maximum)')
assert log.contains('<quota>: presets exceed')
assert log.contains('spark-4.1 + presets/minimal.yaml: requests.cpu: 2050m needed, quota 2')
assert !log.contains('requests.memory: ')
def report = new File(basedir, 'target/generated-charts/capacity.txt').text
assert report.contains('SparkExecutors')
assert report =~ /TOTAL\s+\(executors at their maximum\)\s+2\s+2050m\s+3520Mi/

def log = new File(basedir, 'build.log').text
// an unknown key: the parameter, the bad path and the close key
assert log.contains("<overrides>: `connect.replica` in overrides: no value of chart spark-4.1 has this path")
assert log.contains("did you mean 'connect.replicas'?")
// a value outside the enum: the parameter, the path, the bad value and the allowed ones
assert log =~ /<overrides>: `connect\.backendMode` in overrides: .*'k9s'.*k8s/
assert !new File(basedir, 'target/generated-charts').exists()

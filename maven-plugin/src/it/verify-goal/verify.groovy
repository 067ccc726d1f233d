def log = new File(basedir, 'build.log').text
// good output passes
assert log.contains('spark-4.1: verified with defaults and 1 presets')
// the planted chart fails: the parameter, the folder and each finding with the bad value
assert log.contains("<outputDirectory>: the charts in ${new File(basedir, 'planted').canonicalPath} fail verification")
assert log.contains('spark-planted: Verification failed')
assert log.contains("uses image 'busybox:latest'")
assert log.contains('set resources.limits.memory')

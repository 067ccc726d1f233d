def log = new File(basedir, 'build.log').text
assert log.contains("<presets>: `no-such-preset` in presets/: unknown preset 'no-such-preset'")
assert log.count("unknown preset 'no-such-preset'") == 1
assert log.contains('known presets: minimal')
assert !new File(basedir, 'target/generated-charts').exists()

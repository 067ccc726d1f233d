def log = new File(basedir, 'build.log').text
assert log.contains("<includeBlocks>: unknown block id 'no-such-block'")
assert log.contains('known blocks:')
assert !new File(basedir, 'target/generated-charts').exists()

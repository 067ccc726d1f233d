def log = new File(basedir, 'build.log').text
assert !log.contains('[ERROR]')
assert log.contains('spark-k8s:generate')
assert log.contains('spark-k8s:verify')
assert log.contains('spark-k8s:package')
assert log.contains('spark-k8s:help')
// every parameter of generate and verify, each with a description and its user property
['catalog', 'lines', 'presets', 'includeBlocks', 'excludeBlocks', 'outputDirectory', 'skip'].each {
    assert log.contains("User property: spark-k8s.$it") : "no user property for <$it>"
}
// and those of package, with the registry credentials pointed at settings.xml
['packageDirectory', 'attach', 'pushTo', 'registryServerId', 'plainHttp', 'insecureSkipTlsVerify'].each {
    assert log.contains("User property: spark-k8s.$it") : "no user property for <$it>"
}
assert log.replaceAll(/\s+/, ' ').contains('never put credentials into the pom')
assert log.contains('overrides')
assert log.contains('Default overrides: the element name is an absolute values path')
assert log.contains('Skips the goal')
assert log.contains('skipped (spark-k8s.skip)')
assert !new File(basedir, 'target/generated-charts').exists()

def log = new File(basedir, 'build.log').text
assert log.contains("<registryServerId>: settings.xml has no <server> with id 'no-such-server'")
assert !new File(basedir, 'target/helm-packages').exists() : 'nothing is packaged'

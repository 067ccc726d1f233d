// Starts the recording stand-in OCI registry (maven-plugin's test class, on the hook class path through
// addTestClassPath) with the credentials of server 'it-registry' in src/it/settings.xml; verify.groovy stops it.
def registry = new io.sparkk8s.maven.OciRegistryStandIn('platform-ci', 'it-registry-secret')
context.registry = registry
context.userProperties.setProperty('registry.port', registry.port().toString())

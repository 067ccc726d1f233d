import io.sparkk8s.maven.OciRegistryStandIn

def registry = context.registry
try {
    def log = new File(basedir, 'build.log').text
    assert !log.contains('[ERROR]')
    def packaged = new File(basedir, 'target/helm-packages/spark-4.1').listFiles().find { it.name.endsWith('.tgz') }
    assert packaged != null
    def version = (packaged.name =~ /spark-4\.1-(.+)\.tgz/)[0][1]
    def calls = registry.calls().join('\n')

    assert log.contains("logged in to 127.0.0.1:${registry.port()} as platform-ci")
    assert log.contains("pushed ${packaged.name} to oci://127.0.0.1:${registry.port()}/platform/charts")
    // the registry holds the chart under <path>/<chart name>:<chart version>, its layer is the packaged archive
    def manifest = registry.manifest("platform/charts/spark-4.1:$version").orElseThrow { new AssertionError(calls) }
    def digest = OciRegistryStandIn.sha256(packaged.bytes)
    assert manifest.text().contains('application/vnd.cncf.helm.chart.content.v1.tar+gzip')
    assert manifest.text().contains(digest)
    assert registry.blob(digest).orElseThrow() == packaged.bytes
    // the registry demanded credentials and got the ones of settings.xml (it accepts no other)
    assert calls.contains('-> 401')
    assert calls.contains("PUT /v2/platform/charts/spark-4.1/manifests/$version -> 201")
    // the login went to the Helm configuration this IT names (HELM_CONFIG_HOME), not the machine's
    assert new File(basedir, 'target/helm-config/registry/config.json').isFile()
    // the pom holds no credential
    assert !new File(basedir, 'pom.xml').text.contains('it-registry-secret')
} finally {
    registry.close()
}

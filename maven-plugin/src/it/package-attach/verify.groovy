import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
assert !log.contains('[ERROR]')

def tar(File tgz) {
    def listing = ['tar', '-tzf', tgz.absolutePath].execute()
    def out = listing.text
    assert listing.waitFor() == 0
    out.readLines()
}

['spark-4.1', 'spark-3.5'].each { chart ->
    def packages = new File(basedir, "target/helm-packages/$chart").listFiles().findAll { it.name.endsWith('.tgz') }
    assert packages.size() == 1 : "one package of $chart, got $packages"
    def packaged = packages[0]
    assert packaged.name ==~ /${java.util.regex.Pattern.quote(chart)}-\d+\.\d+\.\d+\.tgz/

    def entries = tar(packaged)
    assert entries.contains("$chart/Chart.yaml".toString())
    assert entries.contains("$chart/values.schema.json".toString())
    assert entries.contains("$chart/presets/minimal.yaml".toString())
    assert !entries.any { it.endsWith('.spark-k8s-generated') } : 'the marker is left out by .helmignore'

    // attached: install put the very same bytes into the local repository, classifier = chart name
    def installed = new File(localRepositoryPath, "io/sparkk8s/it/package-attach/1.0/package-attach-1.0-${chart}.tgz")
    assert installed.isFile() : "not installed: $installed"
    assert MessageDigest.getInstance('SHA-256').digest(installed.bytes) == MessageDigest.getInstance('SHA-256').digest(packaged.bytes)
    assert log.contains("$chart: attached as io.sparkk8s.it:package-attach:tgz:$chart:1.0")
}
// the umbrella carries its subcharts
def umbrella = tar(new File(basedir, 'target/helm-packages/spark-3.5').listFiles().find { it.name.endsWith('.tgz') })
assert umbrella.contains('spark-3.5/charts/connect/Chart.yaml')

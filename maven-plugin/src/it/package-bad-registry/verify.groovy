def log = new File(basedir, 'build.log').text
assert log.contains("<pushTo>: 'https://registry.example.com/charts' is not an OCI registry reference; write oci://<registry host>[:<port>]/<path>")
assert !new File(basedir, 'target/helm-packages').exists() : 'nothing is packaged'

// The build transformed Orders, ran the awaits under the verifier, and packaged the machines.
def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] ferrite: 2 classes scanned, 1 transformed \(3 methods\), 1 unchanged, \d+ ms/
assert log.contains('price = 42')
assert log.contains('total = 6')
assert log.contains('recovered from no label')
assert new File(basedir, 'target/classes/basic/Orders$price$Async.class').isFile()
def jar = new java.util.jar.JarFile(new File(basedir, 'target/basic-transform-1.0.jar'))
try {
    assert jar.getEntry('basic/Orders$total$Async.class') != null
} finally {
    jar.close()
}

// app was transformed with the shapes jar (not a directory) on its class path, and ran verified.
def log = new File(basedir, 'build.log').text
def classPath = log.readLines().find { it.contains('ferrite: class path [') && it.contains('app/target/classes') }
assert classPath != null
assert classPath =~ /shapes-1\.0\.jar/ : classPath
assert log =~ /ferrite: 1 classes scanned, 1 transformed \(2 methods\)/
assert log.contains('circle picked, square labelled')

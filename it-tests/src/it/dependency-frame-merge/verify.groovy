// app was transformed with the shapes jar (not a directory) on its class path, and ran verified:
// Picker merges two types of the jar across awaits; Tally needs accessors for protected members of
// a jar class in another package, which the transformer could only find by reading the jar.
def log = new File(basedir, 'build.log').text
def classPath = log.readLines().find { it.contains('ferrite: class path [') && it.contains('app/target/classes') }
assert classPath != null
assert classPath =~ /shapes-1\.0\.jar/ : classPath
assert log =~ /ferrite: 2 classes scanned, 2 transformed \(3 methods\)/
assert log.contains('circle picked, square labelled, tally 5')

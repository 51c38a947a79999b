// a synchronized @Async method: the build failed at the exact spot, javac style, and wrote nothing.
def lines = new File(basedir, 'build.log').readLines()
def i = lines.findIndexOf { it.startsWith('[ERROR] src/main/java/bad/Bad.java:[10,5] @Async method') }
assert i >= 0 : lines.findAll { it.contains('Bad.java') }
assert lines[i].contains('is synchronized: its body runs in later polls') : lines[i]
assert lines[i + 1] == '    synchronized Future<String> locked(Future<String> f) {'
assert lines[i + 2] == '    ^'
assert lines.any { it.contains('ferrite: 1 error; no class file was written') }
assert lines.contains('[INFO] BUILD FAILURE')
assert new File(basedir, 'target/classes/bad').list().toList() == ['Bad.class']

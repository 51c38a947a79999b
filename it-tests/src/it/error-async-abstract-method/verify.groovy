// @Async on an abstract method: the build failed at the exact spot, javac style, and wrote nothing.
def lines = new File(basedir, 'build.log').readLines()
def i = lines.findIndexOf { it.startsWith('[ERROR] src/main/java/bad/Bad.java:[10,29] @Async method') }
assert i >= 0 : lines.findAll { it.contains('Bad.java') }
assert lines[i].contains('has no body (it is abstract or native)') : lines[i]
assert lines[i + 1] == '    abstract Future<String> find(int id);'
assert lines[i + 2] == '                            ^'
assert lines.any { it.contains('ferrite: 1 error; no class file was written') }
assert lines.contains('[INFO] BUILD FAILURE')
assert new File(basedir, 'target/classes/bad').list().toList() == ['Bad.class']

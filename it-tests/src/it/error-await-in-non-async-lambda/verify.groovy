// an await in a lambda whose interface does not return io.ferrite.Future: the build failed at the exact spot, javac style, and wrote nothing.
def lines = new File(basedir, 'build.log').readLines()
def i = lines.findIndexOf { it.startsWith('[ERROR] src/main/java/bad/Bad.java:[10,22] await() is called in a lambda in method later of class bad.Bad') }
assert i >= 0 : lines.findAll { it.contains('Bad.java') }
assert lines[i + 1] == '        return () -> await(f);'
assert lines[i + 2] == '                     ^'
assert lines.any { it.contains('ferrite: 1 error; no class file was written') }
assert lines.contains('[INFO] BUILD FAILURE')
assert new File(basedir, 'target/classes/bad').list().toList() == ['Bad.class']

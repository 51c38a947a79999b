// an await in a static initializer: the build failed at the exact spot, javac style, and wrote nothing.
def lines = new File(basedir, 'build.log').readLines()
def i = lines.findIndexOf { it.startsWith('[ERROR] src/main/java/bad/Bad.java:[11,17] await() is called in the static initializer of class bad.Bad') }
assert i >= 0 : lines.findAll { it.contains('Bad.java') }
assert lines[i + 1] == '        VALUE = await(Future.ready("config"));'
assert lines[i + 2] == '                ^'
assert lines.any { it.contains('ferrite: 1 error; no class file was written') }
assert lines.contains('[INFO] BUILD FAILURE')
assert new File(basedir, 'target/classes/bad').list().toList() == ['Bad.class']

// an await inside a synchronized block of an @Async method: the build failed at the exact spot, javac style, and wrote nothing.
def lines = new File(basedir, 'build.log').readLines()
def i = lines.findIndexOf { it.startsWith('[ERROR] src/main/java/bad/Bad.java:[12,24] await() is called inside a synchronized block') }
assert i >= 0 : lines.findAll { it.contains('Bad.java') }
assert lines[i + 1] == '            String v = await(f);'
assert lines[i + 2] == '                       ^'
assert lines.any { it.contains('ferrite: 1 error; no class file was written') }
assert lines.contains('[INFO] BUILD FAILURE')
assert new File(basedir, 'target/classes/bad').list().toList() == ['Bad.class']

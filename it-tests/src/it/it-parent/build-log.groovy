// Checks shared by the verify scripts of the projects that test what a build prints.
// Use: def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
// (the invoker clones it-parent beside every project under target/it).

// Finds the diagnostic line starting with `start` in build.log and checks the source line and the
// caret the plugin prints under it, javac style. Returns the diagnostic line.
def diagnostic = { File basedir, String start, String sourceLine, String caret ->
    def lines = new File(basedir, 'build.log').readLines()
    def i = lines.findIndexOf { it.startsWith(start) }
    def file = (start =~ /([^\/]+\.java):/)[0][1]
    assert i >= 0 : lines.findAll { it.contains(file) }
    assert lines[i + 1] == sourceLine
    assert lines[i + 2] == caret
    lines[i]
}

// Checks that the build failed with `summary` and left the compiler's output untouched: the
// package directory holds only the compiler's class file, without the transformed marker.
def failedWithoutWriting = { File basedir, String summary, String packageDir, String onlyClass ->
    def lines = new File(basedir, 'build.log').readLines()
    assert lines.any { it.contains(summary) }
    assert lines.contains('[INFO] BUILD FAILURE')
    assert new File(basedir, "target/classes/$packageDir").list().toList() == [onlyClass]
    def bytes = new File(basedir, "target/classes/$packageDir/$onlyClass").bytes
    assert !new String(bytes, 'ISO-8859-1').contains('io/ferrite/internal/Transformed')
}

// An error diagnostic at the exact spot (containing `alsoContains` when given), and a failed build
// that wrote nothing. Returns nothing: a verify script whose last value is not true or null fails.
def buildError = { File basedir, String start, String sourceLine, String caret, String alsoContains = null ->
    def line = diagnostic(basedir, start, sourceLine, caret)
    assert alsoContains == null || line.contains(alsoContains) : line
    failedWithoutWriting(basedir, 'ferrite: 1 error; no class file was written', 'bad', 'Bad.class')
    null
}

return [diagnostic: diagnostic, failedWithoutWriting: failedWithoutWriting, buildError: buildError]

// an await in a method that is not @Async: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[9,16] await() is called in method fetch(Future) of class bad.Bad',
        '        return await(f);',
        '               ^')

// The README's "Using Ferrite" example is this project's output: its diagnostic, source and caret
// lines must be printed as written there, so that the README never shows a format the build
// no longer prints.
def readme = new File(basedir, '../../../../README.md')
assert readme.isFile() : readme
def build = new File(basedir, 'build.log').readLines()
def example = readme.text.split('```').find { it.contains('src/main/java/bad/Bad.java:[9,16]') }
assert example != null : 'README.md: the bad/Bad.java example is gone'
example.readLines().findAll { it.startsWith('[ERROR] src/') || it.startsWith('[ERROR]   src/') || it.startsWith('        ') }
        .each { line -> assert build.contains(line) : "README.md shows a line this build did not print: $line" }
null

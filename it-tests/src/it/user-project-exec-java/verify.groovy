// The guide's pom and command: the class was transformed before exec:java ran it.
def lines = new File(basedir, 'build.log').readLines()
assert lines.contains('hello, ferrite')
assert lines.contains('[INFO] BUILD SUCCESS')
assert new File(basedir, 'target/classes/com/example/Main$greet$Async.class').isFile()

// This pom is the one docs/getting-started.md shows (versions aside): keep them the same.
def guide = new File(basedir, '../../../../docs/getting-started.md').text
def shown = guide.substring(guide.indexOf('<project'), guide.indexOf('</project>'))
def pom = new File(basedir, 'pom.xml').text
def tested = pom.substring(pom.indexOf('<project'), pom.indexOf('</project>'))
def versionless = { it.replaceAll(/<version>[^<]*<\/version>/, '<version/>').replaceAll(/<ferrite.version>[^<]*</, '<ferrite.version><') }
assert versionless(shown) == versionless(tested) : 'docs/getting-started.md and this pom differ'

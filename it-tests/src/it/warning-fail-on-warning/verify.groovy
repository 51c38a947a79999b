// the same blocking call with -Dferrite.failOnWarning: the warning is printed, the build fails naming the count, and nothing was written.
def lines = new File(basedir, 'build.log').readLines()
def i = lines.findIndexOf { it.startsWith('[WARNING] src/main/java/warn/Reports.java:[13,16] Thread.sleep() is called in method render(Future)') }
assert i >= 0 : lines.findAll { it.contains('Reports.java') }
assert lines[i + 1] == '        Thread.sleep(0);'
assert lines[i + 2] == '               ^'
assert lines.any { it.contains('ferrite: 1 warning and failOnWarning is set; no class file was written') }
assert lines.contains('[INFO] BUILD FAILURE')
assert new File(basedir, 'target/classes/warn').list().toList() == ['Reports.class']
assert !new String(new File(basedir, 'target/classes/warn/Reports.class').bytes, 'ISO-8859-1').contains('io/ferrite/internal/Transformed')

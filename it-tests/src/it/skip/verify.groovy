def log = new File(basedir, 'build.log').text
assert log.readLines().count { it == '[INFO] ferrite: skipped (ferrite.skip)' } == 2
assert !(log =~ /ferrite: \d+ class(es)? scanned/)
def classes = new File(basedir, 'target/classes/skipped')
assert classes.list().toList() == ['Orders.class']
assert !new String(new File(classes, 'Orders.class').bytes, 'ISO-8859-1').contains('io/ferrite/internal/Transformed')

// The tests passed with the agent; the class files on disk were never transformed.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert !log.contains('ferrite-maven-plugin')
def classes = new File(basedir, 'target/classes/agent')
assert classes.list().toList().sort() == ['Account$Auditor.class', 'Account.class']

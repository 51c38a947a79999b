// The three builds' summaries of the transform goal, in order.
def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it =~ /ferrite: \d+ class(es)? scanned/ }
def details = log.readLines().findAll { it =~ /ferrite: \d+ class files? read/ }
assert summaries.size() == 3 : summaries
// First build: both @Async classes transformed.
assert summaries[0] =~ /ferrite: 3 classes scanned, 2 transformed \(2 methods\), 1 unchanged/
// Second build, nothing changed: no class file even read (the two state machines are now there too).
assert summaries[1] =~ /ferrite: 5 classes scanned, 0 transformed \(0 methods\), 5 unchanged/
assert details[1] =~ /ferrite: 0 class files read/
// Third build, after Counter.java changed: only Counter was recompiled, read and transformed.
assert summaries[2] =~ /ferrite: 5 classes scanned, 1 transformed \(1 method\), 4 unchanged/
assert details[2] =~ /ferrite: 1 class file read/
assert log.contains('hello again, scaled 21')

// The scheduler is not API on the module path: importing it fails the compile, naming the package.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] BUILD FAILURE')
assert log.contains('package io.ferrite.runtime.scheduler is not visible')
assert log.contains('is declared in module io.ferrite.runtime, which does not export it')

// The module ran on the module path: the machine ran, the scheduler stayed sealed.
def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] ferrite: \d+ classes scanned, 1 transformed \(1 method\)/
assert log.contains('module = modular.orders, runtime module = io.ferrite.runtime')
assert log.contains('price = 42')
assert log.contains('exports scheduler = false, exports internal = true')
assert log.contains('scheduler sealed: ')
assert log.contains('module io.ferrite.runtime does not export io.ferrite.runtime.scheduler to module modular.orders')
assert !log.contains('the module boundary leaks')

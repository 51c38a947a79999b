// the same blocking call with -Dferrite.failOnWarning: the warning is printed, the build fails naming the count, and nothing was written.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.diagnostic(basedir, '[WARNING] src/main/java/warn/Reports.java:[13,16] Thread.sleep() is called in method render(Future)',
        '        Thread.sleep(0);',
        '               ^')
log.failedWithoutWriting(basedir, 'ferrite: 1 warning and failOnWarning is set; no class file was written', 'warn', 'Reports.class')

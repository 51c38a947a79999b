package leaky;

import io.ferrite.runtime.scheduler.Scheduler;

public class Leaky {
    static Object current() {
        return Scheduler.current();
    }
}

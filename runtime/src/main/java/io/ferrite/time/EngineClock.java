package io.ferrite.time;

import io.ferrite.runtime.scheduler.Clock;
import java.time.Instant;

/** The engine's view of a {@link TimeSource}; made through {@code TimeAccess}. */
final class EngineClock implements Clock {

    private final TimeSource source;
    /** The same source when it is virtual, else null. */
    private final VirtualTimeSource virtual;

    EngineClock(TimeSource source) {
        this.source = source;
        this.virtual = source instanceof VirtualTimeSource v ? v : null;
    }

    @Override
    public long nanoTime() {
        return source.nanoTime();
    }

    @Override
    public Instant instant() {
        return source.instant();
    }

    @Override
    public boolean isVirtual() {
        return virtual != null;
    }

    @Override
    public boolean isAutoAdvancing() {
        return virtual != null && virtual.isAutoAdvancing();
    }

    @Override
    public void advance(long nanos) {
        if (virtual == null) {
            throw new UnsupportedOperationException(source + " moves by itself");
        }
        virtual.advanceNanos(nanos);
    }

    @Override
    public void attach(AdvanceHook hook) {
        if (virtual != null) {
            virtual.attach(hook);
        }
    }

    @Override
    public void detach(AdvanceHook hook) {
        if (virtual != null) {
            virtual.detach(hook);
        }
    }

    @Override
    public String toString() {
        return source.toString();
    }
}

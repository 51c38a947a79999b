package io.ferrite.internal.access;

import io.ferrite.runtime.scheduler.Clock;
import io.ferrite.time.TimeSource;
import java.util.Objects;

/**
 * The door from {@code io.ferrite.runtime} into {@code io.ferrite.time}: turns a public
 * {@link TimeSource} into the engine's {@link Clock}, whose virtual-clock hook needs members of
 * {@code io.ferrite.time} that are not public. {@code TimeSource}'s static initialiser sets it
 * once, as the JDK's {@code SharedSecrets} are set, so no public type carries a method that
 * exists only for the engine.
 */
public final class TimeAccess {

    /**
     * What {@code io.ferrite.time} provides.
     */
    public interface Door {

        /**
         * The engine's view of {@code source}.
         *
         * @param source a time source
         * @return its clock; a virtual source's clock registers the wheel's hook with it
         */
        Clock clockOf(TimeSource source);
    }

    private static volatile Door door;

    private TimeAccess() {
    }

    /**
     * Sets the door; called once, by {@code TimeSource}'s static initialiser.
     *
     * @param d the door
     * @throws IllegalStateException if a door is already set
     */
    public static synchronized void set(Door d) {
        if (door != null) {
            throw new IllegalStateException("TimeAccess is set once, by TimeSource's static initialiser");
        }
        door = Objects.requireNonNull(d, "door");
    }

    /**
     * The engine's view of {@code source}.
     *
     * @param source a time source
     * @return its clock
     */
    public static Clock clockOf(TimeSource source) {
        // An instance exists, so TimeSource's initialiser has run and set the door.
        return door.clockOf(Objects.requireNonNull(source, "source"));
    }
}

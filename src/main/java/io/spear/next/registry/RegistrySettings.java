package io.spear.next.registry;

import io.spear.next.registry.events.RegistryEvents;
import io.spear.next.registry.write.WritePlanner;
import java.time.Clock;
import java.util.Objects;

/**
 * What the registries share besides the store: the clock (injectable, so tests need no sleeps),
 * the high-load thresholds, the change log their writes append to, and whether reports' figures
 * are indexed for sorted listings (on the embedded stores; see {@link WritePlanner}). Give every
 * registry on one store the same settings.
 */
public record RegistrySettings(Clock clock, HighLoadThresholds highLoad, RegistryEvents events, boolean figureIndex) {

    public static final RegistrySettings DEFAULTS =
            new RegistrySettings(Clock.systemUTC(), HighLoadThresholds.DEFAULTS);

    public RegistrySettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(highLoad, "highLoad");
        Objects.requireNonNull(events, "events");
    }

    /** Settings that keep no change log. */
    public RegistrySettings(Clock clock, HighLoadThresholds highLoad) {
        this(clock, highLoad, RegistryEvents.NONE);
    }

    /** Settings with the figure index. */
    public RegistrySettings(Clock clock, HighLoadThresholds highLoad, RegistryEvents events) {
        this(clock, highLoad, events, true);
    }

    public long now() {
        return clock.instant().getEpochSecond();
    }
}

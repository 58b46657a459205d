package io.spear.next.registry;

import java.time.Clock;
import java.util.Objects;

/**
 * What the registries share besides the store: the clock (injectable, so tests need no sleeps)
 * and the high-load thresholds. Give every registry on one store the same settings.
 */
public record RegistrySettings(Clock clock, HighLoadThresholds highLoad) {

    public static final RegistrySettings DEFAULTS = new RegistrySettings(Clock.systemUTC(), HighLoadThresholds.DEFAULTS);

    public RegistrySettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(highLoad, "highLoad");
    }

    long now() {
        return clock.instant().getEpochSecond();
    }
}

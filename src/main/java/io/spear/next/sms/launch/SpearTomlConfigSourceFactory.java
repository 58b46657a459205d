package io.spear.next.sms.launch;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Adds {@link SpearTomlConfigSource} when {@code spear.config} (or {@code SPEAR_CONFIG}) names a
 * file; registered in {@code META-INF/services}.
 */
public class SpearTomlConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue location = context.getValue(SpearTomlConfigSource.LOCATION);
        if (location == null
                || location.getValue() == null
                || location.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new SpearTomlConfigSource(Path.of(location.getValue())));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(SpearTomlConfigSource.ORDINAL);
    }
}

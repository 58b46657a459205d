package io.spear.next.sms.launch;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The configuration of Spear's own SMS, read as the original reads it: its TOML file ({@link
 * SpearTomlConfigSource}) from {@code -c}, {@code SPEAR_CONFIG}, or else {@code ~/.sms/config.toml}
 * ({@code $SMS_HOME/.sms/config.toml} when {@code SMS_HOME} is set), and its {@code SMS_*}
 * environment variables ({@link SpearEnvironment}); registered in {@code META-INF/services}.
 */
public class SpearConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> env = System.getenv();
        Path file = configFile(context.getValue(SpearTomlConfigSource.LOCATION), env);
        List<ConfigSource> sources = new ArrayList<>();
        if (file != null) {
            sources.add(new SpearTomlConfigSource(file));
        }
        sources.addAll(SpearEnvironment.sources(env, file));
        return sources;
    }

    /** The file named by {@code location}, else the home file when there is one, else null. */
    static Path configFile(ConfigValue location, Map<String, String> env) {
        if (location != null
                && location.getValue() != null
                && !location.getValue().isBlank()) {
            return Path.of(location.getValue());
        }
        String home = env.getOrDefault("SMS_HOME", env.get("HOME"));
        if (home == null || home.isBlank()) {
            return null;
        }
        Path homeFile = Path.of(home, ".sms", "config.toml");
        return Files.isRegularFile(homeFile) ? homeFile : null;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(SpearTomlConfigSource.ORDINAL);
    }
}

package io.spear.next.sms.launch;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.spear.next.sms.config.KvConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Names, in one warning at startup, the original SMS's settings this service accepts and ignores. */
@ApplicationScoped
public class SpearCompatibility {

    void warn(
            @Observes StartupEvent started,
            @ConfigProperty(name = SpearTomlConfigSource.IGNORED) Optional<String> fileKeys,
            @ConfigProperty(name = SpearTomlConfigSource.FILE) Optional<String> file,
            @ConfigProperty(name = SpearEnvironment.IGNORED) Optional<String> variables,
            @ConfigProperty(name = SpearCommandLine.IGNORED) Optional<String> options,
            @ConfigProperty(name = SpearSettings.SLED) Optional<String> sled,
            KvConfig kv) {
        List<String> ignored = new ArrayList<>();
        fileKeys.ifPresent(keys -> ignored.add("in " + file.orElse("the configuration file") + ": " + keys));
        variables.ifPresent(names -> ignored.add("in the environment: " + names));
        options.ifPresent(names -> ignored.add("on the command line: " + names));
        if (!ignored.isEmpty()) {
            Log.warnf("Settings of Spear's SMS with no counterpart here, ignored: %s", String.join("; ", ignored));
        }
        sled.ifPresent(where -> Log.warnf(
                "%s asks for sled, Spear's default store: the embedded RocksDB store serves in its place, in %s "
                        + "(a sled database there is refused, not read)",
                where, kv.path()));
    }
}

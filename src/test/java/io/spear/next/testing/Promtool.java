package io.spear.next.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prometheus' promtool (Debian's {@code prometheus} package), run on files or on a scrape. */
public final class Promtool {

    private Promtool() {}

    /** {@code promtool <args>} in {@code dir}, with {@code stdin} (may be null) as its input. */
    public static Command.Result run(Path dir, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(
                Prerequisites.command("promtool", "apt-get install prometheus").toString());
        command.addAll(List.of(args));
        return Command.run(dir, Map.of(), stdin, command);
    }
}

package io.spear.next.docs;

import java.nio.file.Path;
import java.util.List;

/**
 * README's {@code bash} blocks. Each carries a marker on the line before it: {@value #RUN} (the block is
 * run as written by {@link ShellExamplesIT}) or {@value #ILLUSTRATION} (it needs what a test does not
 * have: Spear's files, grpcurl, a backup taken at a given time, a shell that stays open).
 */
final class ShellExamples {

    static final String RUN = "run by ShellExamplesIT";
    static final String ILLUSTRATION = "illustration";
    static final Path README = Path.of("README.md");

    private ShellExamples() {}

    static List<Markdown.Block> all() {
        return Markdown.read(README).blocks("bash");
    }

    static List<Markdown.Block> run() {
        return all().stream().filter(block -> block.marker().equals(RUN)).toList();
    }
}

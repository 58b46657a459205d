package io.spear.next.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a Markdown file the docs tests read: fenced code blocks and the rows of a section's table. */
record Markdown(Path file, List<String> lines) {

    private static final Pattern MARKER = Pattern.compile("<!--\\s*(.*?)\\s*-->");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    /**
     * A fenced block.
     *
     * @param language the fence's info string ({@code bash}, {@code java}, or empty)
     * @param marker   the HTML comment on the line before the fence, without its delimiters, or empty
     * @param line     the fence's line number (1-based), for messages
     */
    record Block(String language, String marker, int line, String text) {

        String where(Path file) {
            return file + ":" + line;
        }

        @Override
        public String toString() {
            return Integer.toString(line);
        }
    }

    static Markdown read(Path file) {
        try {
            return new Markdown(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i);
            if (!fence.startsWith("```")) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            Matcher marker = start > 0 ? MARKER.matcher(lines.get(start - 1).trim()) : null;
            blocks.add(new Block(
                    fence.substring(3).trim(),
                    marker != null && marker.matches() ? marker.group(1) : "",
                    start + 1,
                    text.toString()));
        }
        return blocks;
    }

    List<Block> blocks(String language) {
        return blocks().stream().filter(b -> b.language().equals(language)).toList();
    }

    /** The body rows of the first table under the heading {@code heading}, split into cells. */
    List<List<String>> tableUnder(String heading) {
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new AssertionError(file + " has no heading '" + heading + "'");
        }
        List<List<String>> rows = new ArrayList<>();
        int i = at + 1;
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String row = lines.get(i);
            rows.add(List.of(row.substring(1, row.length() - 1).split("\\|", -1)).stream()
                    .map(String::trim)
                    .toList());
        }
        return rows;
    }

    /** The {@code `code`} spans of a cell, in order. */
    static List<String> codeSpans(String cell) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }
}

package dev.ssotauth.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One fenced {@code ```java} block of a Markdown file.
 *
 * @param file      the file, relative to the repository's root, with forward slashes ({@code docs/keys.md})
 * @param firstLine the line number, from 1, of the block's first line of code (the one after the fence)
 * @param code      the block's text, its fence's indentation removed
 */
record Snippet(String file, int firstLine, String code) {

    Snippet {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(code, "code");
    }

    /**
     * Every {@code ```java} block of a file, in order. Fences of other languages are skipped whole, so
     * a Java-looking line inside a {@code ```sh} block is never taken.
     *
     * @param file  the name to report
     * @param lines the file's lines
     * @return the blocks
     * @throws IllegalArgumentException if a fence is never closed
     */
    static List<Snippet> extract(String file, List<String> lines) {
        List<Snippet> snippets = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String trimmed = line.stripLeading();
            if (!trimmed.startsWith("```")) {
                i++;
                continue;
            }
            int indent = line.length() - trimmed.length();
            boolean java = trimmed.substring(3).strip().equals("java");
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": a ``` fence is never closed");
            }
            if (java) {
                StringBuilder code = new StringBuilder();
                for (int k = start; k < end; k++) {
                    String codeLine = lines.get(k);
                    int strip = Math.min(indent, codeLine.length() - codeLine.stripLeading().length());
                    code.append(codeLine.substring(strip)).append('\n');
                }
                snippets.add(new Snippet(file, start + 1, code.toString()));
            }
            i = end + 1;
        }
        return snippets;
    }

    /**
     * The name of a file relative to the repository's root, with forward slashes.
     *
     * @param root the repository's root
     * @param file a file under it
     * @return the relative name
     */
    static String relativeName(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    @Override
    public String toString() {
        return file + ":" + firstLine;
    }
}

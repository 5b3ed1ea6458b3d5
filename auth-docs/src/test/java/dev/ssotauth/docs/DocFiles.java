package dev.ssotauth.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The documentation this module checks: {@code README.md} and every {@code docs/*.md}, found from the
 * repository's root, which the pom passes as the system property {@code docs.root}.
 */
final class DocFiles {

    private DocFiles() {
    }

    /**
     * The repository's root.
     *
     * @return the root, normalised
     */
    static Path root() {
        String root = System.getProperty("docs.root", "..");
        return Path.of(root).toAbsolutePath().normalize();
    }

    /**
     * README.md, then docs/*.md in name order.
     *
     * @return the files
     */
    static List<Path> all() {
        Path root = root();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * A file's lines.
     *
     * @param file the file
     * @return its lines
     */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every {@code ```java} block of every file.
     *
     * @return the blocks, file by file
     */
    static List<Snippet> snippets() {
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : all()) {
            snippets.addAll(Snippet.extract(Snippet.relativeName(root(), file), lines(file)));
        }
        return snippets;
    }
}

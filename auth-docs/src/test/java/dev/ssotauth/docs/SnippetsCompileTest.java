package dev.ssotauth.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the published modules; how
 * a block is read (whole file, or statements with a fixed context) is {@link SnippetCompiler}'s
 * description. Each block is one test, named by its file and line.
 */
final class SnippetsCompileTest {

    private static final Path OUTPUT = Path.of(System.getProperty("docs.output", "target/snippets"));

    static List<Snippet> snippets() {
        return DocFiles.snippets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void snippetWhenCompiledThenNoErrorOrWarning(Snippet snippet) {
        List<String> errors = new SnippetCompiler(OUTPUT).compile(snippet);

        assertTrue(errors.isEmpty(), () -> "the ```java block at " + snippet + " does not compile:\n"
                + String.join("\n", errors));
    }

    @Test
    void snippetsWhenExtractedThenTheReadmeHasSome() {
        assertFalse(snippets().stream().noneMatch(s -> s.file().equals("README.md")),
                "no ```java block found in README.md: is the extraction broken?");
    }
}

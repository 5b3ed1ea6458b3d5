package dev.ssotauth.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The snippet check itself: it passes what compiles, fails what does not, and points at the Markdown line. */
final class SnippetCompilerTest {

    private static final Path OUTPUT = Path.of(System.getProperty("docs.output", "target/snippets"))
            .resolve("self-test");

    private final SnippetCompiler compiler = new SnippetCompiler(OUTPUT);

    @Test
    void compileWhenFragmentUsesTheRealApiThenNoErrors() {
        Snippet snippet = new Snippet("self-test.md", 10, """
                JwtAuthority authority = JwtAuthority.builder().hmacSecret(secret).issuer("i").audience("a").build();
                AuthResult result = authority.authenticate(token);
                """);

        assertEquals(List.of(), compiler.compile(snippet));
    }

    @Test
    void compileWhenFragmentCallsAMethodThatDoesNotExistThenErrorAtItsMarkdownLine() {
        Snippet snippet = new Snippet("self-test.md", 10, """
                // a method JwtAuthority does not have
                UserContext user = authority.validate(token);
                """);

        List<String> errors = compiler.compile(snippet);

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("self-test.md:11: error: cannot find symbol"), errors.get(0));
    }

    @Test
    void compileWhenUnitIsBrokenThenError() {
        Snippet snippet = new Snippet("self-test.md", 3, """
                public final class Broken {
                    void run() { int x = "text"; }
                }
                """);

        List<String> errors = compiler.compile(snippet);

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("self-test.md:4: error: incompatible types"), errors.get(0));
    }

    @Test
    void compileWhenUnitHasItsOwnImportsThenNoneAreAdded() {
        Snippet snippet = new Snippet("self-test.md", 1, """
                import java.util.List;

                class OwnImports { List<JwtAuthority> authorities; }
                """);

        List<String> errors = compiler.compile(snippet);

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("self-test.md:3: error: cannot find symbol"), errors.get(0));
    }

    @Test
    void compileWhenWarningThenFails() {
        Snippet snippet = new Snippet("self-test.md", 1, """
                List raw = new ArrayList<String>();
                raw.add("x");
                """);

        List<String> errors = compiler.compile(snippet);

        assertTrue(errors.stream().anyMatch(e -> e.contains("unchecked")), errors::toString);
    }

    @Test
    void kindWhenBlockStartsWithAnnotationTypeOrStatementThenUnitOrFragment() {
        assertEquals(SnippetCompiler.Kind.UNIT_AS_IS, SnippetCompiler.kind("// comment\nimport java.util.List;\n"));
        assertEquals(SnippetCompiler.Kind.UNIT, SnippetCompiler.kind("@Configuration\nclass A {}\n"));
        assertEquals(SnippetCompiler.Kind.UNIT, SnippetCompiler.kind("public final class A {}\n"));
        assertEquals(SnippetCompiler.Kind.FRAGMENT, SnippetCompiler.kind("classify(token);\n"));
    }

    @Test
    void extractWhenJavaBlockInsideAListItemThenIndentationRemovedAndOtherFencesSkipped() {
        List<String> lines = List.of(
                "text",
                "```sh",
                "```java is not a fence here",
                "```",
                "- item",
                "",
                "  ```java",
                "  int x = 1;",
                "  ```");

        List<Snippet> snippets = Snippet.extract("f.md", lines);

        assertEquals(List.of(new Snippet("f.md", 8, "int x = 1;\n")), snippets);
    }
}

package dev.ssotauth.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a documentation snippet with javac against this module's test class path, which holds
 * every published module and the APIs they are used with (Servlet, WebSocket, Spring, JUnit).
 *
 * <p>How a block is read — the rules for whoever writes one:
 * <ul>
 * <li>A block whose first line of code starts with {@code package} or {@code import} is a whole
 *     compilation unit and compiles exactly as written.</li>
 * <li>A block whose first line of code starts with an annotation or a type declaration
 *     ({@code class}, {@code public final class}, {@code record}, …) is a compilation unit too;
 *     {@link #IMPORTS} are put in front of it, so it needs no imports of its own.</li>
 * <li>Any other block is a fragment of statements. It becomes the body of
 *     {@code void run() throws Exception} in a generated class with {@link #IMPORTS}, whose fields are
 *     {@link #CONTEXT}: a fragment may use those names without declaring them (declaring one again, say
 *     {@code JwtAuthority authority = …}, is fine: the local variable hides the field). Local classes
 *     and records may be declared in a fragment; methods may not (write a class instead).</li>
 * </ul>
 * Comment lines and blank lines before the first line of code are ignored. Warnings are errors
 * ({@code -Xlint:all -Werror}, as in the build). Class files go to the folder given (under
 * {@code target/}), one folder per block, so two blocks may declare the same class.
 */
final class SnippetCompiler {

    /** Imported by every fragment and every compilation unit that has no imports of its own. */
    static final List<String> IMPORTS = List.of(
            "java.io.*",
            "java.net.*",
            "java.nio.file.*",
            "java.time.*",
            "java.util.*",
            "java.util.concurrent.*",
            "java.util.function.*",
            "dev.ssotauth.core.*",
            "dev.ssotauth.servlet.*",
            "dev.ssotauth.websocket.*",
            "dev.ssotauth.testkit.*",
            "dev.ssotauth.micrometer.*",
            "dev.ssotauth.revocation.redis.*",
            "dev.ssotauth.spring.websocket.*",
            "jakarta.servlet.*",
            "jakarta.servlet.http.*",
            "jakarta.websocket.*",
            "jakarta.websocket.server.*",
            "org.junit.jupiter.api.*",
            "org.slf4j.Logger",
            "io.micrometer.core.instrument.MeterRegistry",
            "org.springframework.context.annotation.*",
            "org.springframework.stereotype.*",
            "org.springframework.messaging.handler.annotation.*",
            "org.springframework.web.bind.annotation.*",
            "org.springframework.web.socket.config.annotation.*",
            "org.springframework.security.config.annotation.web.builders.HttpSecurity",
            "org.springframework.security.web.SecurityFilterChain");

    /** The fields a fragment may use without declaring them: type and name. */
    static final List<String> CONTEXT = List.of(
            "JwtAuthority authority",
            "UserContext user",
            "String token",
            "byte[] secret",
            "Clock clock",
            "String sessionId",
            "ServletContext servletContext",
            "HttpServletRequest request",
            "Session session",
            "Logger log",
            "MeterRegistry registry");

    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(?:(?:public|final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|record|enum|@interface)\\s");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");

    private final Path output;

    /**
     * @param output where each block's class files go, one sub-folder per block
     */
    SnippetCompiler(Path output) {
        this.output = output;
    }

    /** How a block is compiled. */
    enum Kind {
        /** A compilation unit with its own package or imports: as written. */
        UNIT_AS_IS,
        /** A compilation unit without imports: {@link #IMPORTS} in front. */
        UNIT,
        /** Statements: the body of a generated method. */
        FRAGMENT
    }

    /**
     * How {@code code} is compiled.
     *
     * @param code a block's text
     * @return its kind
     */
    static Kind kind(String code) {
        for (String line : code.split("\n", -1)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("//")) {
                continue;
            }
            if (s.startsWith("package ") || s.startsWith("import ")) {
                return Kind.UNIT_AS_IS;
            }
            if (s.startsWith("@") || TYPE_DECLARATION.matcher(s).find()) {
                return Kind.UNIT;
            }
            return Kind.FRAGMENT;
        }
        return Kind.FRAGMENT;
    }

    /**
     * Compiles one block.
     *
     * @param snippet the block
     * @return javac's errors, each as {@code file:line: message} with the line of the Markdown file;
     *         empty when the block compiles
     */
    List<String> compile(Snippet snippet) {
        Kind kind = kind(snippet.code());
        StringBuilder source = new StringBuilder();
        String className = "Snippet";
        if (kind != Kind.UNIT_AS_IS) {
            for (String imported : IMPORTS) {
                source.append("import ").append(imported).append(";\n");
            }
        }
        if (kind == Kind.FRAGMENT) {
            source.append("@SuppressWarnings(\"unused\")\nfinal class Snippet {\n");
            for (String field : CONTEXT) {
                source.append("    ").append(field).append(";\n");
            }
            source.append("    void run() throws Exception {\n");
        } else {
            Matcher publicType = PUBLIC_TYPE.matcher(snippet.code());
            if (publicType.find()) {
                className = publicType.group(1);
            }
        }
        int prefixLines = (int) source.chars().filter(c -> c == '\n').count();
        source.append(snippet.code());
        if (kind == Kind.FRAGMENT) {
            source.append("    }\n}\n");
        }

        Path classes = output.resolve(snippet.file().replaceAll("[^A-Za-z0-9]", "_") + "_" + snippet.firstLine());
        try {
            Files.createDirectories(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of(
                "--release", "17",
                "-proc:none",
                "-Xlint:all", "-Werror",
                "-encoding", "UTF-8",
                "-classpath", classPath(),
                "-d", classes.toString());
        JavaFileObject file = new Source(className, source.toString());
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            javac.getTask(null, files, diagnostics, options, null, List.of(file)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING
                    && d.getKind() != Diagnostic.Kind.MANDATORY_WARNING) {
                continue;
            }
            long line = d.getLineNumber() - prefixLines;
            String where = line >= 1 && d.getSource() != null
                    ? snippet.file() + ":" + (snippet.firstLine() + line - 1)
                    : snippet.toString() + " (generated code)";
            errors.add(where + ": " + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT));
        }
        return errors;
    }

    /**
     * The class path the snippets compile against: this JVM's, which Surefire sets to the module's
     * test class path (the pom turns its manifest-only jar off, so the list is real).
     *
     * @return the class path
     * @throws IllegalStateException if it is only Surefire's manifest-only jar
     */
    static String classPath() {
        String classPath = System.getProperty("java.class.path", "");
        String[] entries = classPath.split(File.pathSeparator);
        if (entries.length < 2) {
            throw new IllegalStateException("the test class path has " + entries.length + " entry: " + classPath
                    + "; run with Surefire's useManifestOnlyJar=false");
        }
        return classPath;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className + JavaFileObject.Kind.SOURCE.extension), JavaFileObject.Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}

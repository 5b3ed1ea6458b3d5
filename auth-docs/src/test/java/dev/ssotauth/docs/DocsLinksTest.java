package dev.ssotauth.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README stays short, every guide links back to it, and every relative link of README.md and
 * docs/*.md points at a file or folder that exists — and, with {@code #anchor}, at a heading of that
 * file (GitHub's anchor rule: lower case, punctuation dropped, spaces to dashes).
 */
final class DocsLinksTest {

    /** The README's limit (issue 16): what it is, how to run it, one short section per way in. */
    private static final int README_MAX_LINES = 300;

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    @Test
    void readmeWhenCountedThenAtMost300Lines() {
        int lines = DocFiles.lines(DocFiles.root().resolve("README.md")).size();

        assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; at most " + README_MAX_LINES
                + ": move detail into a guide in docs/");
    }

    @Test
    void linksWhenRelativeThenTargetExists() {
        List<String> broken = new ArrayList<>();
        for (Path file : DocFiles.all()) {
            String name = Snippet.relativeName(DocFiles.root(), file);
            List<String> lines = DocFiles.lines(file);
            for (Link link : links(lines)) {
                String problem = check(file, link.target());
                if (problem != null) {
                    broken.add(name + ":" + link.line() + ": " + link.target() + ": " + problem);
                }
            }
        }
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void guidesWhenReadThenEachLinksBackToTheReadme() {
        List<String> without = new ArrayList<>();
        for (Path file : DocFiles.all()) {
            if (file.getFileName().toString().equals("README.md")) {
                continue;
            }
            boolean back = links(DocFiles.lines(file)).stream().anyMatch(l -> l.target().startsWith("../README.md"));
            if (!back) {
                without.add(Snippet.relativeName(DocFiles.root(), file));
            }
        }
        assertEquals(List.of(), without, "guides without a link back to ../README.md");
    }

    @Test
    void anchorWhenHeadingHasCodeAndPunctuationThenGitHubSlug() {
        assertEquals("the-jwtauthority-builder-in-5-minutes", slug("The `JwtAuthority` builder, in 5 minutes!"));
        assertEquals("login--websocket", slug("Login → WebSocket"));
    }

    @Test
    void checkWhenFileOrAnchorMissingThenSaysWhich() {
        Path readme = DocFiles.root().resolve("README.md");

        assertEquals("no such file", check(readme, "docs/no-such-guide.md"));
        assertEquals("no heading with that anchor", check(readme, "docs/websocket.md#no-such-heading"));
        assertEquals(null, check(readme, "docs/websocket.md#the-servlet-filter"));
        assertEquals(List.of(new Link(2, "b.md")), links(List.of("`[a](x.md)`", "see [b](b.md)", "```", "[c](c.md)", "```")));
    }

    record Link(int line, String target) {
    }

    /** Links outside fenced blocks and inline code, with their line numbers. */
    static List<Link> links(List<String> lines) {
        List<Link> links = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (m.find()) {
                links.add(new Link(i + 1, m.group(1)));
            }
        }
        return links;
    }

    static String check(Path from, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;   // https:, mailto:, ...: not checked here
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null) {
            if (!resolved.toString().endsWith(".md")) {
                return "an anchor into a file that is not Markdown";
            }
            boolean found = false;
            boolean fenced = false;
            for (String line : DocFiles.lines(resolved)) {
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                }
                if (!fenced && line.startsWith("#") && slug(line.replaceFirst("^#+\\s*", "")).equals(anchor)) {
                    found = true;
                }
            }
            if (!found) {
                return "no heading with that anchor";
            }
        }
        return null;
    }

    /** GitHub's anchor of a heading's text. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}

package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The committed reference is what the settings table generates. With {@code -Dreference.write=true}
 * the test writes the file instead of comparing it.
 */
final class ConfigurationReferenceTest {

    /** The repository's docs folder, from the module's folder (Surefire's working directory). */
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @Test
    void referenceWhenGeneratedThenEqualsTheCommittedFile() throws IOException {
        String generated = ConfigurationReference.markdown();
        if (Boolean.getBoolean("reference.write")) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(REFERENCE, StandardCharsets.UTF_8),
                "docs/configuration.md differs from the settings table; regenerate it: mvn -B -pl auth-core test "
                        + "-Dtest=ConfigurationReferenceTest -Dreference.write=true");
    }

    @Test
    void referenceWhenGeneratedThenNamesEveryVariableAndMethod() {
        String generated = ConfigurationReference.markdown();
        for (Setting<?> setting : Settings.ALL) {
            assertTrue(generated.contains("`" + setting.method() + "`"), setting.method());
            if (setting.hasVariable()) {
                assertTrue(generated.contains("`" + setting.variable() + "`"), setting.variable());
            }
        }
    }
}

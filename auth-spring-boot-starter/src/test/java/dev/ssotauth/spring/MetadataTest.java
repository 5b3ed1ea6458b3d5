package dev.ssotauth.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssotauth.core.ConfigurationSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The IDE metadata of the {@code ssot.auth.*} properties ({@code META-INF/spring-configuration-metadata.json},
 * the format of {@code spring-boot-configuration-processor}) is what the settings table generates:
 * the properties are not a class of fields spelled by hand, so the processor has nothing to read, and
 * the table is the one description. With {@code -Dmetadata.write=true} the test writes the file.
 */
final class MetadataTest {

    private static final Path METADATA = Path.of("src", "main", "resources", "META-INF",
            "spring-configuration-metadata.json");

    static String generate() {
        StringBuilder json = new StringBuilder("{\n  \"groups\": [\n    {\n      \"name\": \"ssot.auth\",\n"
                + "      \"description\": " + quote("The one JwtAuthority of the application (ssot-auth). Each property "
                + "is also read from its JWT_* environment variable; a value given both ways must be equal.") + "\n"
                + "    }\n  ],\n  \"properties\": [\n");
        boolean first = true;
        for (ConfigurationSource.Described setting : ConfigurationSource.settings()) {
            if (!first) {
                json.append(",\n");
            }
            first = false;
            json.append("    {\n      \"name\": ").append(quote(SpringConfiguration.propertyName(setting.variable())))
                    .append(",\n      \"type\": \"java.lang.String\",\n      \"sourceType\": ")
                    .append(quote("dev.ssotauth.core.JwtAuthority")).append(",\n      \"description\": ")
                    .append(quote(setting.meaning() + " Environment variable: " + setting.variable() + ". A "
                            + setting.kind() + "; accepted: " + setting.accepted() + "; default: " + setting.defaults()
                            + "."))
                    .append("\n    }");
        }
        return json.append("\n  ],\n  \"hints\": []\n}\n").toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Test
    void metadataWhenGeneratedThenEqualsTheCommittedFile() throws IOException {
        String generated = generate();
        if (Boolean.getBoolean("metadata.write")) {
            Files.writeString(METADATA, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(METADATA, StandardCharsets.UTF_8),
                "the property metadata differs from the settings table; regenerate it: mvn -B -pl "
                        + "auth-spring-boot-starter -am test -Dtest=MetadataTest -Dmetadata.write=true "
                        + "-Dsurefire.failIfNoSpecifiedTests=false");
    }
}

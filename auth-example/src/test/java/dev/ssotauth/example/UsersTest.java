package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class UsersTest {

    private final Users demo = Users.demo();

    @Test
    void demoWhenAnyValidNameWithDemoThenRoleUserAndAliceAlsoAdmin() {
        // when / then
        assertEquals(Optional.of(List.of("user")), demo.authenticate("bob", "demo"));
        assertEquals(Optional.of(List.of("user")), demo.authenticate("a", "demo"));
        assertEquals(Optional.of(List.of("user")), demo.authenticate("x" + "-9".repeat(15) + "z", "demo"));
        assertEquals(Optional.of(List.of("user", "admin")), demo.authenticate("alice", "demo"));
    }

    @ParameterizedTest
    @CsvSource({"bob,Demo", "bob,'demo '", "Bob,demo", "1bob,demo", "bob_,demo", "'',demo",
        "abcdefghijklmnopqrstuvwxyz1234567,demo"})
    void demoWhenWrongNameOrPasswordThenRefused(String name, String password) {
        // when / then
        assertEquals(Optional.empty(), demo.authenticate(name, password));
    }

    @Test
    void demoWhenNullsThenRefused() {
        // when / then
        assertEquals(Optional.empty(), demo.authenticate(null, "demo"));
        assertEquals(Optional.empty(), demo.authenticate("bob", null));
    }

    @Test
    void userFileWhenLineFromHashPasswordThenThatPasswordOnly(@TempDir Path dir) throws Exception {
        // given
        String line = UserFile.line("zoe", "s3cret pass".toCharArray(), List.of("user", "auditor"),
                new SecureRandom());
        Path file = Files.writeString(dir.resolve("users"), "# comment\n\n" + line + "\n");

        // when
        UserFile users = UserFile.load(file);

        // then
        assertEquals(Optional.of(List.of("user", "auditor")), users.authenticate("zoe", "s3cret pass"));
        assertEquals(Optional.empty(), users.authenticate("zoe", "s3cret pasS"));
        assertEquals(Optional.empty(), users.authenticate("zoe", ""));
        assertEquals(Optional.empty(), users.authenticate("bob", "demo"));
        assertEquals(Optional.empty(), users.authenticate("nobody", "s3cret pass"));
        assertTrue(line.startsWith("zoe:pbkdf2-sha256:600000:"), line);
        assertEquals("users from users: 1 user with PBKDF2 password hashes (the demo users are off)",
                users.describe());
    }

    @Test
    void userFileWhenLinesWrongThenRefusedByLineNumberWithoutContent(@TempDir Path dir) throws Exception {
        // given
        String salt = "AAAAAAAAAAAAAAAAAAAAAA==";
        String hash = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        Path file = Files.writeString(dir.resolve("users"), String.join("\n",
                "only:three:fields",
                "Zoe:pbkdf2-sha256:600000:" + salt + ":" + hash + ":user",
                "zoe:md5:600000:" + salt + ":" + hash + ":user",
                "zoe:pbkdf2-sha256:many:" + salt + ":" + hash + ":user",
                "zoe:pbkdf2-sha256:99999:" + salt + ":" + hash + ":user",
                "zoe:pbkdf2-sha256:600000:not base64!:" + hash + ":user",
                "zoe:pbkdf2-sha256:600000:AAAA:" + hash + ":user",
                "zoe:pbkdf2-sha256:600000:" + salt + ":AAAA:user",
                "zoe:pbkdf2-sha256:600000:" + salt + ":" + hash + ":us er",
                "zoe:pbkdf2-sha256:600000:" + salt + ":" + hash + ":user",
                "zoe:pbkdf2-sha256:600000:" + salt + ":" + hash + ":user"));

        // when
        UserFile.InvalidException thrown = assertThrows(UserFile.InvalidException.class, () -> UserFile.load(file));

        // then
        assertEquals("the users file users is refused: "
                + "line 1: expected 6 fields separated by ':' (name:scheme:iterations:salt:hash:roles), found 3; "
                + "line 2: the name is not 1 to 32 characters of [a-z0-9-] starting with a letter; "
                + "line 3: the scheme must be pbkdf2-sha256; "
                + "line 4: the iteration count is not a number; "
                + "line 5: the iteration count must be from 100000 to 10000000; "
                + "line 6: the salt or the hash is not Base64; "
                + "line 7: the salt must be at least 16 bytes; "
                + "line 8: the hash must be 32 bytes; "
                + "line 9: the roles must be a comma-separated list of names of letters, digits, '-' and '_'; "
                + "line 11: the user is listed twice", thrown.getMessage());
    }

    @Test
    void userFileWhenNoUserThenRefused(@TempDir Path dir) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("users"), "# nobody yet\n");

        // when
        UserFile.InvalidException thrown = assertThrows(UserFile.InvalidException.class, () -> UserFile.load(file));

        // then
        assertEquals("the users file users holds no user", thrown.getMessage());
    }
}

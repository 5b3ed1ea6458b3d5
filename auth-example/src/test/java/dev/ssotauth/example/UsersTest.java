package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class UsersTest {

    @Test
    void demoWhenAnyValidNameWithDemoThenRoleUserAndAliceAlsoAdmin() {
        // when / then
        assertEquals(Optional.of(List.of("user")), Users.authenticate("bob", "demo"));
        assertEquals(Optional.of(List.of("user")), Users.authenticate("a", "demo"));
        assertEquals(Optional.of(List.of("user")), Users.authenticate("x" + "-9".repeat(15) + "z", "demo"));
        assertEquals(Optional.of(List.of("user", "admin")), Users.authenticate("alice", "demo"));
    }

    @ParameterizedTest
    @CsvSource({"bob,Demo", "bob,'demo '", "Bob,demo", "1bob,demo", "bob_,demo", "'',demo",
        "abcdefghijklmnopqrstuvwxyz1234567,demo"})
    void demoWhenWrongNameOrPasswordThenRefused(String name, String password) {
        // when / then
        assertEquals(Optional.empty(), Users.authenticate(name, password));
    }

    @Test
    void demoWhenNullsThenRefused() {
        // when / then
        assertEquals(Optional.empty(), Users.authenticate(null, "demo"));
        assertEquals(Optional.empty(), Users.authenticate("bob", null));
    }
}

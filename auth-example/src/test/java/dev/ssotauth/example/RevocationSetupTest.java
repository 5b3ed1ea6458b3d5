package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.InMemoryRevocationStore;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Where revocations are kept, decided without a Redis server (the *IT tests run against a real one). */
final class RevocationSetupTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void resolveWhenNeitherOptionNorVariableThenInMemoryForThisProcessOnly() throws Exception {
        // when
        try (RevocationSetup setup = RevocationSetup.resolve(null, Map.of("PATH", "/bin"), CLOCK)) {
            // then
            assertInstanceOf(InMemoryRevocationStore.class, setup.store());
            assertNull(setup.redis());
            assertEquals("in memory, this process only (--redis URI or REDIS_URL shares them between processes)",
                    setup.description());
        }
    }

    @Test
    void resolveWhenOptionAndVariableDifferThenRefusedWithoutPrintingEither() {
        // when
        AuthoritySetup.SetupException thrown = assertThrows(AuthoritySetup.SetupException.class,
                () -> RevocationSetup.resolve("redis://:one-s3cret@127.0.0.1:6379",
                        Map.of("REDIS_URL", "redis://:two-s3cret@127.0.0.1:6379"), CLOCK));

        // then
        assertEquals("--redis and REDIS_URL name different Redis URIs (neither is printed: they may hold a "
                + "password); give one of them", thrown.getMessage());
    }

    @Test
    void resolveWhenVariableIsEmptyOrNotARedisUriThenRefusedWithoutRepeatingIt() {
        // when
        AuthoritySetup.SetupException empty = assertThrows(AuthoritySetup.SetupException.class,
                () -> RevocationSetup.resolve(null, Map.of("REDIS_URL", ""), CLOCK));
        AuthoritySetup.SetupException wrong = assertThrows(AuthoritySetup.SetupException.class,
                () -> RevocationSetup.resolve(null, Map.of("REDIS_URL", "s3cret@127.0.0.1:6379"), CLOCK));

        // then
        assertEquals("REDIS_URL is set but empty: unset it or give it a Redis URI such as redis://127.0.0.1:6379",
                empty.getMessage());
        assertEquals("REDIS_URL must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379",
                wrong.getMessage());
    }

    @Test
    void resolveWhenRedisUnreachableThenRefusedNamingItWithoutThePassword() throws Exception {
        // given: a loopback port nothing listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        // when
        AuthoritySetup.SetupException thrown = assertThrows(AuthoritySetup.SetupException.class,
                () -> RevocationSetup.resolve(null, Map.of("REDIS_URL", "redis://:s3cret@127.0.0.1:" + port), CLOCK));

        // then
        assertTrue(thrown.getMessage().startsWith("revocations cannot be shared: could not connect to Redis at "
                + "redis://127.0.0.1:" + port + "/0 ("), thrown.getMessage());
        assertFalse(thrown.getMessage().contains("s3cret"), thrown.getMessage());
    }

    @Test
    void isRedisUriWhenRedisOrRedissWithAHostThenTrue() {
        // when / then
        assertTrue(RevocationSetup.isRedisUri("redis://127.0.0.1:6379"));
        assertTrue(RevocationSetup.isRedisUri("rediss://:pw@redis.example:6380/3"));
        assertFalse(RevocationSetup.isRedisUri("127.0.0.1:6379"));
        assertFalse(RevocationSetup.isRedisUri("redis-sentinel://127.0.0.1:26379"));
    }

    @Test
    void closeWhenInMemoryThenHarmlessTwice() throws Exception {
        // given
        RevocationSetup setup = RevocationSetup.resolve(null, Map.of(), CLOCK);

        // when / then
        setup.close();
        setup.close();
    }
}

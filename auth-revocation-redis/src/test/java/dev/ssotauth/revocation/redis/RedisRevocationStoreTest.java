package dev.ssotauth.revocation.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.testing.CapturedLogs;
import org.junit.jupiter.api.Test;

/** The builder's rules, and start-up without a Redis to talk to; no Redis server needed. */
final class RedisRevocationStoreTest {

    @Test
    void builderWhenNotARedisUriThenIllegalArgumentWithoutRepeatingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisRevocationStore.builder("http://:hunter2-password@127.0.0.1:6379"));
        assertEquals("redisUri must be a redis:// or rediss:// URI such as redis://127.0.0.1:6379", e.getMessage());
        IllegalArgumentException noHost = assertThrows(IllegalArgumentException.class,
                () -> RedisRevocationStore.builder("redis://"));
        assertEquals("redisUri must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379",
                noHost.getMessage());
        assertThrows(NullPointerException.class, () -> RedisRevocationStore.builder(null));
    }

    @Test
    void builderWhenSettingOutOfRangeThenIllegalArgumentNamingIt() {
        RedisRevocationStore.Builder builder = RedisRevocationStore.builder("redis://127.0.0.1:6379");
        assertEquals("stalenessWindow must be between 1 second and 1 hour; got PT0.5S",
                assertThrows(IllegalArgumentException.class,
                        () -> builder.stalenessWindow(Duration.ofMillis(500))).getMessage());
        assertEquals("timeout must be between 100 milliseconds and 1 minute; got PT2M",
                assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ofMinutes(2))).getMessage());
        assertEquals("startTimeout must be between 1 second and 1 hour; got PT0S",
                assertThrows(IllegalArgumentException.class, () -> builder.startTimeout(Duration.ZERO)).getMessage());
        assertEquals("keyPrefix must be 1 to 64 of A-Z a-z 0-9 . _ : -; got 'a b'",
                assertThrows(IllegalArgumentException.class, () -> builder.keyPrefix("a b")).getMessage());
        assertEquals("maxEntries must be at least 1; got 0",
                assertThrows(IllegalArgumentException.class, () -> builder.maxEntries(0)).getMessage());
    }

    @Test
    void builderWhenSettingGivenTwiceThenIllegalState() {
        RedisRevocationStore.Builder builder = RedisRevocationStore.builder("redis://127.0.0.1:6379")
                .stalenessWindow(Duration.ofSeconds(5));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder.stalenessWindow(Duration.ofSeconds(6)));
        assertEquals("stalenessWindow is already set", e.getMessage());
    }

    @Test
    void buildWhenNothingListensThenAuthUnavailableWithoutTheCredentials() {
        // given
        int port = RedisServer.freePort();
        RedisRevocationStore.Builder builder = RedisRevocationStore
                .builder("redis://:hunter2-password@127.0.0.1:" + port)
                .timeout(Duration.ofSeconds(1))
                .startTimeout(Duration.ofSeconds(5));

        // when
        AuthUnavailableException e = assertThrows(AuthUnavailableException.class, builder::build);

        // then: the refused connection ends the start (not the start timeout, whose message differs)
        assertEquals("could not connect to Redis at redis://127.0.0.1:" + port + "/0 (RedisConnectionException)",
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(CapturedLogs.text().contains("hunter2"), "the password is not logged");
    }
}

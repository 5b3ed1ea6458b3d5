package dev.ssotauth.loadtest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ssotauth.testkit.TestTokens;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The load and soak run of the example service (its runnable jar as a separate process,
 * {@code --admin-stats}, an HMAC secret, {@code JWT_ACCESS_TOKEN_TTL=20s}, {@code JWT_CLOCK_SKEW=0s}):
 * {@link Soak} drives the users ({@link LoadRun}) while a {@link HandshakeStorm} sends invalid
 * handshakes at full speed from its own threads, and every check of {@link Outcome#checks()} must hold.
 *
 * <p>In {@code mvn verify}: 200 users for 30 seconds ({@link LoadPlan#shortened}). The full run —
 * 1,000 users for five minutes — is {@code mvn -B verify -Psoak -pl auth-loadtest -am}
 * ({@code -Dsoak.full=true}); {@code -Dsoak.users=N -Dsoak.seconds=S} size it by hand,
 * {@code -Dsoak.seed=S} repeats the random choices. The table is printed as {@code [soak]} lines.
 */
final class SoakIT {

    private static final String ISSUER = "https://login.soak.test";
    private static final String AUDIENCE = "chat";

    @Test
    void chatWhenManyUsersRefreshOrLetTokensExpireUnderAnInvalidHandshakeStormThenNothingMixedLostOrLeaked()
            throws Exception {
        // given
        LoadPlan plan = planFromSystemProperties();
        requireFileDescriptors(plan.users());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        TestTokens tokens = TestTokens.of(secret, ISSUER, AUDIENCE, Clock.systemUTC());
        Map<String, String> environment = new HashMap<>(tokens.environment());
        environment.put("JWT_ACCESS_TOKEN_TTL", plan.tokenTtl().toSeconds() + "s");
        environment.put("JWT_CLOCK_SKEW", plan.clockSkew().toSeconds() + "s");
        List<String> jvm = List.of(plan.users() > 300 ? "-Xmx512m" : "-Xmx256m");

        try (ExampleProcess service = ExampleProcess.start(environment, jvm, "--admin-stats")) {
            Soak soak = new Soak(plan, service.base(), tokens, "soak", "demo", Clock.systemUTC());

            // when
            Outcome outcome = soak.run(line -> System.out.println("[soak] " + line));

            // then
            outcome.table().forEach(line -> System.out.println("[soak] " + line));
            List<String> issued = soak.sampledTokens();
            String output = service.output();
            assertAll(
                    () -> assertTrue(plan.exercisesExpiry(), "the plan lets tokens expire: " + plan),
                    () -> assertTrue(outcome.storm().isPresent(), "the storm ran"),
                    () -> assertTrue(outcome.before().isPresent() && outcome.midway().isPresent()
                            && outcome.after().isPresent(), "GET /admin/stats answered before, midway and after"),
                    () -> assertTrue(outcome.midwayMeters().isPresent() && outcome.afterMeters().isPresent(),
                            "GET /metrics answered midway and after"),
                    () -> assertEquals(List.of(), outcome.failures(), "checks that did not hold"),
                    () -> assertFalse(issued.isEmpty(), "tokens issued"),
                    () -> assertTrue(issued.stream().noneMatch(token -> output.contains(signature(token))),
                            "a token appeared in the service's output"),
                    () -> assertFalse(output.contains("Exception"), output));
        }
    }

    /**
     * The plan the system properties ask for: {@code soak.full=true} for {@link LoadPlan#full}, else
     * {@link LoadPlan#shortened}; {@code soak.users} and {@code soak.seconds} override the size,
     * {@code soak.seed} the seed.
     */
    private static LoadPlan planFromSystemProperties() {
        long seed = Long.getLong("soak.seed", new SecureRandom().nextLong());
        LoadPlan plan = Boolean.getBoolean("soak.full") ? LoadPlan.full(seed) : LoadPlan.shortened(seed);
        Integer users = Integer.getInteger("soak.users");
        Integer seconds = Integer.getInteger("soak.seconds");
        return plan.resized(users == null ? plan.users() : users,
                seconds == null ? plan.traffic() : Duration.ofSeconds(seconds));
    }

    /** The signature part of a token: what a leak check looks for. */
    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    /** The file descriptors this run needs: a socket per connection on each side, and room. */
    private static void requireFileDescriptors(int users) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long max = os.getMaxFileDescriptorCount();
            long needed = users + 1000L;
            if (max < needed) {
                fail(users + " connections need about " + needed + " file descriptors per process; this one may "
                        + "have " + max + ": raise the limit (ulimit -n " + needed + ") or lower -Dsoak.users");
            }
        }
    }
}

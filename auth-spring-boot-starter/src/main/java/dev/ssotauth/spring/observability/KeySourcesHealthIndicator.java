package dev.ssotauth.spring.observability;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.AuthListener;
import dev.ssotauth.core.ConfigurationSource;
import dev.ssotauth.spring.SpringConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.env.Environment;

/**
 * The health of the authority's key sources, from the key-set fetches it hears (no I/O of its own):
 * fixed keys are {@code UP}; each remote source is {@code UP} while the set in use may serve (also
 * during an outage, within its tolerance) and {@code DOWN} after a failed fetch when no set can serve
 * any more. Details are categories, counts, times and addresses without credentials. Thread-safe.
 */
final class KeySourcesHealthIndicator implements HealthIndicator, AuthListener {

    /** The variables of a remote key source. */
    private static final Set<String> REMOTE = Set.of("JWT_JWKS_URI", "JWT_ISSUER_URI");

    private final boolean remote;
    private final Clock clock;
    /** The last fetch of each source (a bounded set: the configured addresses). */
    private final Map<String, AuthEvent.KeySetFetch> last = new ConcurrentHashMap<>();

    KeySourcesHealthIndicator(boolean remote, Clock clock) {
        this.remote = remote;
        this.clock = clock;
    }

    /** @return whether the configuration names a remote key source */
    static boolean remote(Environment environment) {
        for (ConfigurationSource source : SpringConfiguration.sources(environment)) {
            for (String variable : REMOTE) {
                if (source.values().containsKey(variable)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void onEvent(AuthEvent event) {
        if (event instanceof AuthEvent.KeySetFetch fetch) {
            last.put(fetch.source(), fetch);
        }
    }

    @Override
    public Health health() {
        if (last.isEmpty()) {
            return remote ? Health.unknown().withDetail("keys", "remote, not fetched yet").build()
                    : Health.up().withDetail("keys", "fixed").build();
        }
        Instant now = clock.instant();
        boolean down = false;
        Map<String, Object> sources = new TreeMap<>();
        for (AuthEvent.KeySetFetch fetch : last.values()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            boolean serves = fetch.usableUntil() != null && now.isBefore(fetch.usableUntil());
            boolean sourceDown = !fetch.succeeded() && !serves;
            down |= sourceDown;
            detail.put("status", sourceDown ? "DOWN" : "UP");
            if (!fetch.succeeded()) {
                detail.put("failure", fetch.failure().name());
            }
            if (fetch.fetchedAt() != null) {
                detail.put("keys", fetch.keys());
                detail.put("age", Duration.between(fetch.fetchedAt(), now).withNanos(0).toString());
                detail.put("fetchedAt", fetch.fetchedAt().toString());
            }
            if (!fetch.succeeded() && serves) {
                detail.put("servesUntil", fetch.usableUntil().toString());
            }
            sources.put(fetch.source(), detail);
        }
        return (down ? Health.down() : Health.up()).withDetail("keys", "remote").withDetail("sources", sources)
                .build();
    }
}

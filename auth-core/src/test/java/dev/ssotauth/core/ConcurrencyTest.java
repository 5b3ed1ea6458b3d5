package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** One authority shared by many threads gives each caller the identity of its own token. */
final class ConcurrencyTest {

    @Test
    void authenticateWhenEightThreadsShareOneAuthorityThenEachResultCarriesItsOwnTokensSubject() throws Exception {
        // given 1,000 tokens of 1,000 distinct subjects, issued by the shared authority
        JwtAuthority authority = Fixtures.authority().build();
        int subjects = 1000;
        String[] tokens = new String[subjects];
        for (int i = 0; i < subjects; i++) {
            tokens[i] = authority.issue(TokenRequest.forSubject("user-" + i).roles("r" + i).build());
        }
        int threads = 8;
        int callsPerThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            // when every thread authenticates 10,000 times, each walking the tokens from its own offset
            for (int t = 0; t < threads; t++) {
                int offset = t * 127;
                results.add(pool.submit(() -> {
                    start.await();
                    int mismatches = 0;
                    for (int n = 0; n < callsPerThread; n++) {
                        int i = (offset + n * 7) % subjects;
                        AuthResult result = authority.authenticate(tokens[i]);
                        if (!(result instanceof AuthResult.Authenticated accepted)
                                || !accepted.user().subject().equals("user-" + i)
                                || !accepted.user().hasRole("r" + i)) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            // then no call saw another token's identity
            int mismatches = 0;
            for (Future<Integer> result : results) {
                mismatches += result.get(2, TimeUnit.MINUTES);
            }
            assertEquals(0, mismatches, "calls whose result did not carry their own token's subject");
        } finally {
            pool.shutdownNow();
        }
    }
}

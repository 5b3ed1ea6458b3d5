package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.InMemoryRevocationStore;
import dev.ssotauth.core.JwtAuthority;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Test;

/** Stopping the chat role, in this JVM, where Tomcat's leak check on stop can be read. */
final class ChatServerStopTest {

    @Test
    void stopWhenChatFetchedTheKeySetThenTomcatReportsNoThreadLeftBehind() throws Exception {
        // given: Tomcat's warnings captured; a login server and a chat server verifying with its key set
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage() + " " + Arrays.toString(record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger catalina = Logger.getLogger("org.apache.catalina");
        catalina.addHandler(capture);
        Clock clock = Clock.systemUTC();
        ChatServer login = ChatServer.bind(Role.LOGIN, "127.0.0.1", 0);
        ChatServer chat = null;
        try {
            String loginUrl = "http://127.0.0.1:" + login.port();
            JwtAuthority signer = AuthoritySetup.resolve(Role.LOGIN, loginUrl, Map.of(), Map.of(), clock,
                    new InMemoryRevocationStore(clock), event -> { }).authority();
            login.serve(signer, true, false, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            JwtAuthority verifier = JwtAuthority.builder().jwksUri(URI.create(loginUrl + "/.well-known/jwks.json"))
                    .issuer(loginUrl).audience(AuthoritySetup.DEFAULT_AUDIENCE).build();
            chat = ChatServer.bind(Role.CHAT, "127.0.0.1", 0);
            chat.serve(verifier, false, false, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            String token = new ApiClient(URI.create(loginUrl)).login("alice", Users.DEMO_PASSWORD);
            assertEquals(200, new ApiClient(URI.create("http://127.0.0.1:" + chat.port())).get("/api/me", token)
                    .status());

            // when
            chat.close();

            // then
            assertTrue(warnings.stream().noneMatch(w -> w.contains("failed to stop it")
                    || w.contains("webappClassLoader.stackTraceRequestThread")), warnings.toString());
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.isAlive()
                    && t.getName().startsWith("ssot-auth-jwks")), "a key-set thread is still alive");
        } finally {
            if (chat != null) {
                chat.close();
            }
            login.close();
            catalina.removeHandler(capture);
        }
    }
}

package dev.ssotauth.example.spring;

import dev.ssotauth.testkit.OffsetClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * What the sample's tests share: one application context (the same properties and this configuration
 * everywhere, so Spring's test context cache starts the application once per test JVM).
 */
@TestConfiguration(proxyBeanMethods = false)
class SampleTests {

    /** The secret the tests run with; issuer and audience come from the sample's application.properties. */
    static final String SECRET = "ssot.auth.secret-key=spring-sample-test-secret-0123456789-abcdefghij";

    /** Embedded Tomcat's working directory under target/, not a directory of its own in the temporary folder. */
    static final String TOMCAT_DIR = "server.tomcat.basedir=target/tomcat";

    /**
     * The authority's clock, which a test may move forward (a unique {@code Clock} bean is the authority's).
     *
     * @return the clock
     */
    @Bean
    OffsetClock clock() {
        return new OffsetClock();
    }

    /**
     * Inbound STOMP frames handled one at a time, in the order they arrive: a {@code SEND} right after a
     * {@code SUBSCRIBE} then always finds the subscription in place, whatever the machine's speed (the
     * simple broker acknowledges no {@code SUBSCRIBE}, so a client has no signal to wait for).
     *
     * @return the configurer
     */
    @Bean
    WebSocketMessageBrokerConfigurer inOrder() {
        return new WebSocketMessageBrokerConfigurer() {
            @Override
            public void configureClientInboundChannel(ChannelRegistration registration) {
                registration.taskExecutor().corePoolSize(1).maxPoolSize(1);
            }
        };
    }
}

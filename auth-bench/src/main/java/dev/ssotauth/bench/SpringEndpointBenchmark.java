package dev.ssotauth.bench;

import dev.ssotauth.bench.BenchFixture.Alg;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.spring.SsotAuthAutoConfiguration;
import dev.ssotauth.spring.security.AuthorityJwtDecoder;
import dev.ssotauth.spring.security.SsotAuthSecurityAutoConfiguration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How many requests per second does one Spring Boot endpoint behind bearer-token authentication
 * serve with this library's starter as its {@code JwtDecoder}, against the same application on
 * Spring's {@code NimbusJwtDecoder}? One Boot application (Spring MVC on embedded Tomcat, Boot's
 * default resource-server security chain: every request authenticated, {@code GET /api/subject}
 * answering the authenticated name) is started on a random loopback port, either with the starter
 * (its auto-configuration makes {@code AuthorityJwtDecoder} over the fixture's authority the decoder,
 * {@code ssot-auth-starter}) or with the starter's auto-configuration excluded and a
 * {@code NimbusJwtDecoder} bean as strict as in {@link SpringDecoderBenchmark} ({@code spring-nimbus}).
 * Four threads of the benchmark send the same valid token with the JDK's {@code HttpClient} over
 * HTTP/1.1 keep-alive connections; one operation is one request answered 200. The server runs in the
 * benchmark's JVM on the same two cores, so the ratio of the two throughputs is the answer, not either
 * figure; the bytes per operation ({@code -prof gc}) count client and server together.
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar SpringEndpointBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
@Fork(1)
@Warmup(iterations = 10, time = 1) // with 5, the shared 2-core machine was still compiling Spring and Nimbus
@Measurement(iterations = 5, time = 1)
public class SpringEndpointBenchmark {

    static final String PATH = "/api/subject";

    /** {@code ALG/decoder}, the decoder {@code ssot-auth-starter} or {@code spring-nimbus}. */
    @Param({"HS256/ssot-auth-starter", "HS256/spring-nimbus", "RS256/ssot-auth-starter", "RS256/spring-nimbus"})
    public String benchCase;

    private ConfigurableApplicationContext app;
    private HttpClient http;
    private HttpRequest request;

    /**
     * Starts the application with this case's decoder and checks that it is the one in use: a request
     * with the token is answered 200 with the subject, one without a token 401.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] parts = benchCase.split("/", 2);
        Alg alg = Alg.valueOf(parts[0]);
        BenchFixture fixture = new BenchFixture();
        String token = fixture.token(alg);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class).properties(
                "server.address=127.0.0.1", "server.port=0", "server.tomcat.max-keep-alive-requests=-1",
                "spring.main.banner-mode=off", "logging.level.root=warn");
        if (parts[1].equals(SpringDecoders.STARTER)) {
            JwtAuthority authority = fixture.authority(alg, true);
            builder.initializers(context -> ((GenericApplicationContext) context)
                    .registerBean(JwtAuthority.class, () -> authority));
        } else if (parts[1].equals(SpringDecoders.NIMBUS)) {
            JwtDecoder nimbus = SpringDecoders.create(SpringDecoders.NIMBUS, alg, fixture);
            builder.properties("spring.autoconfigure.exclude=" + SsotAuthAutoConfiguration.class.getName() + ","
                    + SsotAuthSecurityAutoConfiguration.class.getName());
            builder.initializers(context -> ((GenericApplicationContext) context)
                    .registerBean(JwtDecoder.class, () -> nimbus));
        } else {
            throw new IllegalArgumentException("unknown decoder " + parts[1]);
        }
        app = builder.run();
        Class<?> expected = parts[1].equals(SpringDecoders.STARTER) ? AuthorityJwtDecoder.class : NimbusJwtDecoder.class;
        JwtDecoder decoder = app.getBean(JwtDecoder.class);
        if (!expected.isInstance(decoder)) {
            throw new IllegalStateException(benchCase + ": the application's decoder is " + decoder.getClass().getName());
        }
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        URI uri = URI.create("http://127.0.0.1:" + port + PATH);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> accepted = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 200 || !accepted.body().equals(BenchFixture.SUBJECT)) {
            throw new IllegalStateException(benchCase + ": with the token " + accepted.statusCode() + " " + accepted.body());
        }
        int anonymous = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (anonymous != 401) {
            throw new IllegalStateException(benchCase + ": without a token " + anonymous + ", not 401");
        }
    }

    /** Stops the application. */
    @TearDown(Level.Trial)
    public void tearDown() {
        app.close();
    }

    /**
     * One request with the token.
     *
     * @return the response body: the subject
     * @throws IOException when the request fails or is not answered 200
     */
    @Benchmark
    public String request() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(benchCase + ": answered " + response.statusCode());
        }
        return response.body();
    }

    /**
     * The application: Boot's auto-configuration (with or without the starter's) and one controller;
     * no component scan.
     */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(SubjectController.class)
    public static class App {

        /** Created by Spring. */
        public App() {
        }
    }

    /** The endpoint: the authenticated name, which both decoders' converters take from {@code sub}. */
    @RestController
    public static class SubjectController {

        /** Created by Spring. */
        public SubjectController() {
        }

        /**
         * @param authentication Spring Security's view of the verified token
         * @return its name
         */
        @GetMapping(PATH)
        public String subject(Authentication authentication) {
            return authentication.getName();
        }
    }
}

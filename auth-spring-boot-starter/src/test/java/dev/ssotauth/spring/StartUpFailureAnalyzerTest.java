package dev.ssotauth.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.spring.security.SecuredApp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** A start-up the configuration refused, as Boot's failure report shows it: what is wrong and what to do. */
@ExtendWith(OutputCaptureExtension.class)
final class StartUpFailureAnalyzerTest {

    private static final String SECRET = "ssot.auth.secret-key=analyzer-secret-0123456789-abcdefghij-KLM";

    private final FailureAnalyzer analyzer = new StartUpFailureAnalyzer();

    private static Exception failedStart(String... properties) {
        return assertThrows(Exception.class, () -> new SpringApplicationBuilder(SecuredApp.class)
                .web(WebApplicationType.NONE).properties(properties).run().close());
    }

    @Test
    void factoriesWhenLoadedThenTheAnalyzerIsRegisteredForBoot() {
        assertTrue(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, (type, name, failure) -> { /* Boot's own need a bean factory */ }).stream().anyMatch(StartUpFailureAnalyzer.class::isInstance));
    }

    @Test
    void startWhenTheConfigurationIsRefusedThenBootsReportShowsTheAnalysisAndNoSecret(CapturedOutput output) {
        String secret = "short-secret-value";
        failedStart("ssot.auth.secret-key=" + secret, "ssot.auth.issuer=i", "ssot.auth.audience=a");
        String report = output.getAll();
        assertTrue(report.contains("APPLICATION FAILED TO START"), report);
        assertTrue(report.contains("The JwtAuthority could not be built from the configuration: ssot.auth.secret-key "
                + "(Spring property) is too short"), report);
        assertTrue(report.contains("docs/configuration.md"), report);
        assertFalse(report.contains(secret), "the report quotes the secret");
    }

    @Test
    void analyzeWhenASettingIsOutOfRangeThenTheRefusalAndWhereTheSettingsAreDescribed() {
        FailureAnalysis analysis = analyzer.analyze(failedStart(SECRET, "ssot.auth.issuer=i", "ssot.auth.audience=a",
                "ssot.auth.clock-skew=1h"));
        assertNotNull(analysis);
        assertEquals("The JwtAuthority could not be built from the configuration: ssot.auth.clock-skew (Spring "
                + "property) must be between 0s and 10m; got 1h", analysis.getDescription());
        assertTrue(analysis.getAction().contains("docs/configuration.md"), analysis.getAction());
    }

    @Test
    void analyzeWhenTheSecretIsTooShortThenTheSecretIsInNeitherTheDescriptionNorTheAction() {
        String secret = "short-secret-value";
        FailureAnalysis analysis = analyzer.analyze(failedStart("ssot.auth.secret-key=" + secret,
                "ssot.auth.issuer=i", "ssot.auth.audience=a"));
        assertNotNull(analysis);
        assertTrue(analysis.getDescription().contains("ssot.auth.secret-key"), analysis.getDescription());
        assertFalse(analysis.getDescription().contains(secret));
        assertFalse(analysis.getAction().contains(secret));
    }

    @Test
    void analyzeWhenSpringsOwnJwtValidationIsConfiguredThenTheTwoPathsAndWhatToRemove() {
        FailureAnalysis analysis = analyzer.analyze(failedStart(SECRET, "ssot.auth.issuer=i", "ssot.auth.audience=a",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://idp.example/keys"));
        assertNotNull(analysis);
        assertTrue(analysis.getDescription().contains("there would be two validation paths"), analysis.getDescription());
        assertEquals("Remove every spring.security.oauth2.resourceserver.jwt.* property: the starter's JwtDecoder "
                + "already validates through the one JwtAuthority.", analysis.getAction());
    }

    @Test
    void analyzeWhenAnotherFailureThenLeftToTheOtherAnalyzers() {
        assertNull(analyzer.analyze(new IllegalStateException("something else", new RuntimeException("deeper"))));
    }
}

package dev.ssotauth.core.internal;

import java.util.stream.Collectors;

/**
 * Writes the configuration reference, {@code docs/configuration.md}, from {@link Settings}: every
 * setting with its variable, builder method, default, range and meaning. A test compares the
 * committed file with this output, so the reference cannot drift from the code. Stateless.
 */
public final class ConfigurationReference {

    private ConfigurationReference() {
    }

    /**
     * The reference as Markdown.
     *
     * @return the whole file
     */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("""
                # Configuration reference

                <!-- Generated from core's settings table (dev.ssotauth.core.internal.Settings); do not edit.
                     Regenerate: mvn -B -pl auth-core test -Dtest=ConfigurationReferenceTest -Dreference.write=true -->

                Back to the [README](../README.md).

                Every setting of a `JwtAuthority`, each with one meaning however it is given:

                - **environment**: `JwtAuthority.fromEnvironment()` reads the variable from the process
                  environment and from the system properties of the same name;
                - **builder**: `JwtAuthority.builder()`, or `JwtAuthority.builderFromEnvironment()` to add what the
                  environment does not carry (a clock, a shared revocation store).

                A refused value gets `AuthConfigurationException` (an `IllegalArgumentException`) both ways, with
                the same rule text, naming the variable and where it was read (`JWT_CLOCK_SKEW (environment
                variable) must be between 0s and 10m; got 1h`) or the builder method (`clockSkew must be between
                0s and 10m; got 1h`). A setting given twice to a builder is an `IllegalStateException`. Messages
                never contain a secret: secrets are named by a fingerprint, the one `JwtAuthority.fingerprint()`
                and `ConfigurationReport` show.

                Durations are ISO-8601 (`PT15M`) or a whole number with a unit: `500ms`, `30s`, `15m`, `1h`, `1d`.
                Lists are comma separated. A secret is raw UTF-8 text, or `base64:` / `base64url:` followed by the
                encoded bytes.

                | variable | builder method | value | default | accepted | meaning |
                |---|---|---|---|---|---|
                """);
        for (Setting<?> s : Settings.ALL) {
            String variable = s.hasVariable() ? "`" + s.variable() + "`" : "(builder only)";
            if (!s.aliases().isEmpty()) {
                variable += "<br>aliases: " + s.aliases().stream().map(a -> "`" + a + "`")
                        .collect(Collectors.joining(", "));
            }
            String meaning = s.meaning();
            if (s.requires() != null) {
                meaning += " Only with " + s.requires().anyOf().stream().map(r -> "`" + r.name(true) + "`")
                        .collect(Collectors.joining(" or ")) + " (refused without).";
            }
            out.append("| ").append(variable).append(" | `").append(s.method()).append("` | ").append(s.kind())
                    .append(" | ").append(s.defaultText()).append(" | ").append(s.rule().describe()).append(" | ")
                    .append(meaning.replace("|", "\\|")).append(" |\n");
        }
        out.append("""

                ## Rules across settings

                Checked once, when the authority is built, whichever way the values came in:

                - Exactly one source of keys: `JWT_SECRET_KEY`, `JWT_SIGNING_KEYS_FILE`, `JWT_JWKS_FILE`,
                  `JWT_JWKS_URI` or `JWT_ISSUER_URI`. Two are refused as two roots of trust; none, or no issuer
                  or audience, is refused naming what to set.
                - With `JWT_ISSUER_URI` the issuers are its URLs: `JWT_ISSUER` may be left out, or repeat the
                  one URL given; any other value is refused naming both.
                - A setting that only applies beside another (the `JWT_JWKS_*` tuning without `JWT_JWKS_URI` or
                  `JWT_ISSUER_URI`, a key id without a secret, the cache's byte bound without the cache) is
                  refused, not ignored.
                - Every algorithm must fit the kind of key (HMAC with a secret, the others with key sets), and a
                  secret must be at least as long as the strongest allowed algorithm's hash and not a published
                  one; its length is named, never its content.
                - `JWT_ACCESS_TOKEN_TTL` must not exceed `JWT_MAX_TOKEN_LIFETIME`.

                And when the environment is read:

                - The same variable given in two places (environment and system property, or the secret under an
                  alias) with different values is refused, naming every place and a fingerprint of each value; the
                  same value in two places starts, with a warning naming the one to remove; a secret only under an
                  alias starts, with a warning to rename it.
                - A variable that looks like a JWT secret but is not read (`CHAT_JWT_SECRET`, say) is warned
                  about: some component may validate tokens on its own with it.
                """);
        return out.toString();
    }
}

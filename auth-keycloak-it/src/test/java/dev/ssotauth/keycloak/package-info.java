/**
 * Tests of core against a real Keycloak. Entry point: {@link dev.ssotauth.keycloak.KeycloakExtension},
 * which gives a test class the run's one {@link dev.ssotauth.keycloak.Keycloak} (started once,
 * stopped at the end; {@code stop()} / {@code start()} for outage tests), whose
 * {@link dev.ssotauth.keycloak.Keycloak#createRealm createRealm} returns a
 * {@link dev.ssotauth.keycloak.Realm}: users, roles, mappers, token kinds and key rotation, each one
 * call. {@link dev.ssotauth.keycloak.Jws} reads and tampers with tokens.
 * {@link dev.ssotauth.keycloak.KeycloakAccessTokenIT} lists the issue-13 checks still to add.
 */
package dev.ssotauth.keycloak;

package dev.ssotauth.keycloak;

import static dev.ssotauth.keycloak.AdminClient.object;

import java.net.URI;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One realm of a {@link Keycloak}, provisioned through the admin REST API, with one public client
 * {@value #CLIENT_ID} that allows the password grant ("direct access grants") and whose access
 * tokens carry {@code aud} = {@link #audience()} (an audience mapper). A new realm has the keys
 * Keycloak gives every realm, an RS256 signing key and an RSA-OAEP encryption key (both published in
 * its JWK Set), an HS512 key (refresh tokens) and an AES key, all at priority 100; the two RSA keys
 * are made by the test and imported (providers {@code rsa} and {@code rsa-enc}), which is many times
 * faster than letting Keycloak generate them. The RS256 key signs every token until
 * {@link #rotateKeys()}.
 *
 * <p>What the issue-13 tests need, each one call:
 * <ul>
 * <li>where to point a verifier: {@link #issuer()}, {@link #jwksUri()}, {@link #discoveryUri()},
 *     {@link #audience()}, {@link #clientId()};</li>
 * <li>users and roles: {@link #createUser(String, String...)} (realm roles, made when missing),
 *     {@link #assignClientRoles(User, String...)} (in the token under
 *     {@code resource_access.<clientId>.roles}), {@link #removeDefaultRoles(User)};</li>
 * <li>claims: {@link #mapRealmRoles(String, boolean)}, {@link #mapClientRoles(String, boolean)} (roles
 *     in a claim of your choice, an array or, single-valued, one string), {@link #hardcodedClaim};</li>
 * <li>token kinds: {@link #tokens(User)} (access, ID and refresh token from one password grant),
 *     {@link #accessToken(User)}, {@link #idToken(User)}, {@link #refreshToken(User)},
 *     {@link #useRfc9068AccessTokens(boolean)} (header {@code typ: at+jwt});</li>
 * <li>keys: {@link #activeKeyId()}, {@link #rotateKeys()}, {@link #deactivateKey(String)} (still
 *     published), {@link #disableKey(String)} and {@link #removeKey(String)} (withdrawn).</li>
 * </ul>
 * Every change is live for the next token or key-set fetch. Not thread-safe.
 */
final class Realm {

    /** The client every realm gets; an ID token's {@code aud} is this. */
    static final String CLIENT_ID = "ssot-auth-it";

    /** Keycloak's client attribute for RFC 9068 access tokens (header {@code typ: at+jwt}). */
    static final String RFC9068_ATTRIBUTE = "access.token.header.type.rfc9068";

    private static final String KEY_PROVIDER_TYPE = "org.keycloak.keys.KeyProvider";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Keycloak keycloak;
    private final AdminClient admin;
    private final String name;
    private final String audience;
    private final String realmId;
    private final String clientUuid;
    private int rotations;

    /**
     * A user of the realm, with the password the password grant takes.
     *
     * @param id       Keycloak's id for the user, which is the tokens' {@code sub}
     * @param username the user name
     * @param password the password (random)
     */
    record User(String id, String username, String password) {
        @Override
        public String toString() {
            return "User[" + username + " " + id + "]";
        }
    }

    /**
     * What one password grant with {@code scope=openid} returns.
     *
     * @param accessToken  the access token ({@code typ} {@code Bearer} in the payload)
     * @param idToken      the ID token ({@code typ} {@code ID}, {@code aud} = the client id)
     * @param refreshToken the refresh token ({@code typ} {@code Refresh}, signed with the realm's
     *                     HMAC key, {@code HS512})
     */
    record Tokens(String accessToken, String idToken, String refreshToken) {
        @Override
        public String toString() {
            return "Tokens[three tokens, not shown]";
        }
    }

    private Realm(Keycloak keycloak, AdminClient admin, String name, String audience, String realmId,
            String clientUuid) {
        this.keycloak = keycloak;
        this.admin = admin;
        this.name = name;
        this.audience = audience;
        this.realmId = realmId;
        this.clientUuid = clientUuid;
    }

    static Realm create(Keycloak keycloak, AdminClient admin, String name, String audience) {
        if (admin.find("/" + name) != null) {
            throw new IllegalArgumentException("realm " + name + " exists already in " + keycloak);
        }
        // The realm's keys are Keycloak's defaults (an RS256 signing key, an RSA-OAEP encryption key,
        // HS512 for refresh tokens, AES), except that the two RSA keys are made here and imported:
        // Keycloak generating them costs 2-7 s a realm on two busy cores (it runs with C1 only, for a
        // fast start), importing them 0.3-0.5 s. rotateKeys() still lets Keycloak generate its key.
        admin.post("", object("realm", name, "enabled", true, "components", object(
                KEY_PROVIDER_TYPE, List.of(
                        keyProvider("rsa", "rsa", object("privateKey", List.of(newRsaPrivateKeyPem()),
                                "algorithm", List.of("RS256"), "priority", List.of("100"))),
                        keyProvider("rsa-enc", "rsa-enc", object("privateKey", List.of(newRsaPrivateKeyPem()),
                                "algorithm", List.of("RSA-OAEP"), "priority", List.of("100"))),
                        keyProvider("hmac-generated-hs512", "hmac-generated", object(
                                "algorithm", List.of("HS512"), "priority", List.of("100"))),
                        keyProvider("aes-generated", "aes-generated", object("priority", List.of("100")))))));
        String realmId = admin.get("/" + name).path("id").asText();
        Map<String, Object> audienceMapper = mapper("audience " + audience, "oidc-audience-mapper",
                object("included.custom.audience", audience, "access.token.claim", "true",
                        "id.token.claim", "false", "introspection.token.claim", "true"));
        String clientUuid = admin.post("/" + name + "/clients", object(
                "clientId", CLIENT_ID,
                "protocol", "openid-connect",
                "publicClient", true,
                "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false,
                "protocolMappers", List.of(audienceMapper)));
        return new Realm(keycloak, admin, name, audience, realmId, clientUuid);
    }

    /** The realm's name. */
    String name() {
        return name;
    }

    /** The exact {@code iss} of its tokens: {@code http://127.0.0.1:<port>/realms/<name>}. */
    String issuer() {
        return keycloak.baseUri() + "/realms/" + name;
    }

    /** Its JWK Set: {@code <issuer>/protocol/openid-connect/certs}. */
    URI jwksUri() {
        return URI.create(issuer() + "/protocol/openid-connect/certs");
    }

    /** Its OpenID Connect discovery document: {@code <issuer>/.well-known/openid-configuration}. */
    URI discoveryUri() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    /** The audience its access tokens carry (besides {@code account}, when the user has account roles). */
    String audience() {
        return audience;
    }

    /** The client id, {@value #CLIENT_ID}: the {@code aud} and {@code azp} of its ID tokens. */
    String clientId() {
        return CLIENT_ID;
    }

    /**
     * Makes an enabled user with a random password, a complete profile (so the password grant is not
     * refused as "account not fully set up") and the realm's default roles plus {@code realmRoles}
     * (each made when missing); in the access token they are under {@code realm_access.roles}.
     *
     * @param username   the user name, new in the realm
     * @param realmRoles realm roles to assign
     * @return the user
     */
    User createUser(String username, String... realmRoles) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        String id = admin.post("/" + name + "/users", object(
                "username", username,
                "enabled", true,
                "email", username + "@example.test",
                "emailVerified", true,
                "firstName", username,
                "lastName", "Tester",
                "credentials", List.of(object("type", "password", "value", password, "temporary", false))));
        User user = new User(id, username, password);
        if (realmRoles.length > 0) {
            List<JsonNode> roles = new ArrayList<>();
            for (String role : realmRoles) {
                roles.add(realmRole(role));
            }
            admin.post("/" + name + "/users/" + id + "/role-mappings/realm", roles);
        }
        return user;
    }

    /**
     * Takes the realm's default roles ({@code default-roles-<realm>}: {@code offline_access},
     * {@code uma_authorization} and the {@code account} client's roles) from {@code user}, so that
     * its tokens carry only the roles a test gave it, and no {@code account} audience.
     *
     * @param user the user
     */
    void removeDefaultRoles(User user) {
        JsonNode defaults = admin.get("/" + name + "/roles/default-roles-" + name);
        admin.delete("/" + name + "/users/" + user.id() + "/role-mappings/realm", List.of(defaults));
    }

    /**
     * Assigns roles of the client {@value #CLIENT_ID} (each made when missing); in the access token
     * they are under {@code resource_access.ssot-auth-it.roles}.
     *
     * @param user  the user
     * @param roles client role names
     */
    void assignClientRoles(User user, String... roles) {
        List<JsonNode> representations = new ArrayList<>();
        for (String role : roles) {
            representations.add(clientRole(role));
        }
        admin.post("/" + name + "/users/" + user.id() + "/role-mappings/clients/" + clientUuid, representations);
    }

    /**
     * Adds a mapper that writes the user's realm roles into access tokens under {@code claim}: a
     * JSON array when {@code multivalued}, else one string, the first role Keycloak lists (give the
     * user exactly one role, see {@link #removeDefaultRoles(User)}, to know which). A dot in
     * {@code claim} nests the claim ({@code a.b} is {@code {"a":{"b":...}}}); {@code \\.} is a dot.
     *
     * @param claim       the claim
     * @param multivalued an array, or one string
     */
    void mapRealmRoles(String claim, boolean multivalued) {
        addMapper("realm roles to " + claim, "oidc-usermodel-realm-role-mapper",
                roleMapperConfig(claim, multivalued));
    }

    /**
     * Like {@link #mapRealmRoles(String, boolean)} for the roles of the client {@value #CLIENT_ID}.
     *
     * @param claim       the claim
     * @param multivalued an array, or one string
     */
    void mapClientRoles(String claim, boolean multivalued) {
        Map<String, Object> config = roleMapperConfig(claim, multivalued);
        config.put("usermodel.clientRoleMapping.clientId", CLIENT_ID);
        addMapper("client roles to " + claim, "oidc-usermodel-client-role-mapper", config);
    }

    /**
     * Adds a mapper that writes a fixed string claim into access tokens, e.g. {@code roles} =
     * {@code "chat admin"} (roles as one space-separated string).
     *
     * @param claim the claim (a dot nests it, as in {@link #mapRealmRoles(String, boolean)})
     * @param value its string value
     */
    void hardcodedClaim(String claim, String value) {
        addMapper("hardcoded " + claim, "oidc-hardcoded-claim-mapper", object(
                "claim.name", claim, "claim.value", value, "jsonType.label", "String",
                "access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false",
                "introspection.token.claim", "true"));
    }

    /**
     * Switches the client's RFC 9068 access tokens on or off (client attribute
     * {@value #RFC9068_ATTRIBUTE}): when on, access tokens have the header {@code typ: at+jwt}
     * instead of {@code JWT}; ID and refresh tokens are unchanged.
     *
     * @param on whether to use them
     */
    void useRfc9068AccessTokens(boolean on) {
        ObjectNode client = (ObjectNode) admin.get("/" + name + "/clients/" + clientUuid);
        JsonNode attributes = client.path("attributes");
        ObjectNode updated = attributes.isObject() ? (ObjectNode) attributes : client.putObject("attributes");
        updated.put(RFC9068_ATTRIBUTE, Boolean.toString(on));
        client.set("attributes", updated);
        admin.put("/" + name + "/clients/" + clientUuid, client);
    }

    /**
     * The access, ID and refresh token of one password grant ({@code scope=openid}).
     *
     * @param user the user
     * @return the tokens
     * @throws AssertionError when Keycloak refuses the grant (its error, never the password)
     */
    Tokens tokens(User user) {
        HttpResponse<String> response = admin.postForm(URI.create(issuer() + "/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", CLIENT_ID, "username", user.username(),
                        "password", user.password(), "scope", "openid"));
        if (response.statusCode() != 200) {
            throw new AssertionError("Keycloak refused the password grant for " + user.username() + " in realm "
                    + name + ": HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode answer = AdminClient.parse(response.body());
        return new Tokens(answer.path("access_token").asText(), answer.path("id_token").asText(),
                answer.path("refresh_token").asText());
    }

    /** A new access token of {@code user} ({@link #tokens(User)}). */
    String accessToken(User user) {
        return tokens(user).accessToken();
    }

    /** A new ID token of {@code user} ({@link #tokens(User)}). */
    String idToken(User user) {
        return tokens(user).idToken();
    }

    /** A new refresh token of {@code user} ({@link #tokens(User)}). */
    String refreshToken(User user) {
        return tokens(user).refreshToken();
    }

    /** The {@code kid} of the key that signs RS256 tokens now. */
    String activeKeyId() {
        return admin.get("/" + name + "/keys").path("active").path("RS256").asText();
    }

    /**
     * Publishes a new RS256 key and makes it the signing key: a new {@code rsa-generated} key
     * provider with a priority above every existing RS256 key. The previous keys stay published
     * (and still verify) until {@link #disableKey} or {@link #removeKey}.
     *
     * @return the new key's {@code kid}
     */
    String rotateKeys() {
        int highest = 0;
        for (JsonNode key : admin.get("/" + name + "/keys").path("keys")) {
            if ("RS256".equals(key.path("algorithm").asText())) {
                highest = Math.max(highest, key.path("providerPriority").asInt());
            }
        }
        rotations++;
        String providerId = admin.post("/" + name + "/components", object(
                "name", "rsa-rotated-" + rotations,
                "providerId", "rsa-generated",
                "providerType", KEY_PROVIDER_TYPE,
                "parentId", realmId,
                "config", object(
                        "priority", List.of(Integer.toString(highest + 100)),
                        "enabled", List.of("true"),
                        "active", List.of("true"),
                        "algorithm", List.of("RS256"),
                        "keySize", List.of("2048"))));
        String kid = keyOfProvider(providerId).path("kid").asText();
        String active = activeKeyId();
        if (!kid.equals(active)) {
            throw new AssertionError("the new key " + kid + " does not sign; the active RS256 key is " + active);
        }
        return kid;
    }

    /**
     * Makes the key passive: it no longer signs, and Keycloak still publishes it.
     *
     * @param kid the key's {@code kid}
     */
    void deactivateKey(String kid) {
        setKeyProvider(kid, "active", "false");
    }

    /**
     * Disables the key's provider: the key neither signs nor is published, and can be enabled again
     * in Keycloak's console.
     *
     * @param kid the key's {@code kid}
     */
    void disableKey(String kid) {
        setKeyProvider(kid, "enabled", "false");
    }

    /**
     * Deletes the key's provider: Keycloak no longer publishes the key, so tokens it signed stop
     * verifying once a verifier fetches the key set again.
     *
     * @param kid the key's {@code kid}
     */
    void removeKey(String kid) {
        admin.delete("/" + name + "/components/" + providerOfKey(kid), null);
    }

    @Override
    public String toString() {
        return "realm " + name + " at " + issuer();
    }

    private void setKeyProvider(String kid, String setting, String value) {
        String providerId = providerOfKey(kid);
        ObjectNode component = (ObjectNode) admin.get("/" + name + "/components/" + providerId);
        ((ObjectNode) component.path("config")).set(setting, AdminClient.JSON.valueToTree(List.of(value)));
        admin.put("/" + name + "/components/" + providerId, component);
    }

    private JsonNode keyOfProvider(String providerId) {
        for (JsonNode key : admin.get("/" + name + "/keys").path("keys")) {
            if (providerId.equals(key.path("providerId").asText())) {
                return key;
            }
        }
        throw new AssertionError("no key of provider " + providerId + " in " + this);
    }

    private String providerOfKey(String kid) {
        for (JsonNode key : admin.get("/" + name + "/keys").path("keys")) {
            if (kid.equals(key.path("kid").asText())) {
                return key.path("providerId").asText();
            }
        }
        throw new AssertionError("no key " + kid + " in " + this);
    }

    private JsonNode realmRole(String role) {
        String path = "/" + name + "/roles/" + role;
        JsonNode found = admin.find(path);
        if (found == null) {
            admin.post("/" + name + "/roles", object("name", role));
            found = admin.get(path);
        }
        return found;
    }

    private JsonNode clientRole(String role) {
        String path = "/" + name + "/clients/" + clientUuid + "/roles/" + role;
        JsonNode found = admin.find(path);
        if (found == null) {
            admin.post("/" + name + "/clients/" + clientUuid + "/roles", object("name", role));
            found = admin.get(path);
        }
        return found;
    }

    private void addMapper(String mapperName, String mapperType, Map<String, Object> config) {
        admin.post("/" + name + "/clients/" + clientUuid + "/protocol-mappers/models",
                mapper(mapperName, mapperType, config));
    }

    private static Map<String, Object> mapper(String mapperName, String mapperType, Map<String, Object> config) {
        return object("name", mapperName, "protocol", "openid-connect", "protocolMapper", mapperType,
                "config", config);
    }

    private static Map<String, Object> keyProvider(String providerName, String providerId, Map<String, Object> config) {
        return object("name", providerName, "providerId", providerId, "subComponents", Map.of(), "config", config);
    }

    /** A new RSA 2048 private key, PKCS#8 in PEM, as Keycloak's imported-key providers take it. */
    private static String newRsaPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> roleMapperConfig(String claim, boolean multivalued) {
        return object("claim.name", claim, "multivalued", Boolean.toString(multivalued),
                "jsonType.label", "String", "access.token.claim", "true", "id.token.claim", "false",
                "userinfo.token.claim", "false", "introspection.token.claim", "true");
    }
}

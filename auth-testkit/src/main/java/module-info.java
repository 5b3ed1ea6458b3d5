/** Test fixtures and fragmentation assertions over {@code JwtAuthority}. */
module dev.ssotauth.testkit {
    requires transitive dev.ssotauth.core;
}

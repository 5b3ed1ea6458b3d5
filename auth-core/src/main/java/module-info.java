/**
 * ssot-auth core: {@link dev.ssotauth.core.JwtAuthority}, the one authority that resolves
 * configuration, issues tokens and validates them.
 */
module dev.ssotauth.core {
    requires org.slf4j;
    requires java.net.http;
    exports dev.ssotauth.core;
    exports dev.ssotauth.core.spi;
}

/**
 * ssot-auth core: {@link dev.ssotauth.core.JwtAuthority}, the one authority that resolves
 * configuration, issues tokens and validates them.
 */
// "module": the testkit, to which one package is exported, is built after core
@SuppressWarnings("module")
module dev.ssotauth.core {
    requires org.slf4j;
    requires java.net.http;
    exports dev.ssotauth.core;
    exports dev.ssotauth.core.spi;
    // the testkit names secrets in its messages by the same fingerprint as core's log lines
    exports dev.ssotauth.core.internal to dev.ssotauth.testkit;
}

package dev.ssotauth.example.spring;

/** What the sample's tests share. */
final class SampleTests {

    /** The secret the tests run with; issuer and audience come from the sample's application.properties. */
    static final String SECRET = "ssot.auth.secret-key=spring-sample-test-secret-0123456789-abcdefghij";

    /** Embedded Tomcat's working directory under target/, not a directory of its own in the temporary folder. */
    static final String TOMCAT_DIR = "server.tomcat.basedir=target/tomcat";

    private SampleTests() {
    }
}

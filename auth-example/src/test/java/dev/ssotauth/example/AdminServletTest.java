package dev.ssotauth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class AdminServletTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, true",
        "127.1.2.3, true",
        "::1, true",
        "0:0:0:0:0:0:0:1, true",
        "10.0.0.1, false",
        "192.168.1.20, false",
        "128.0.0.1, false",
        "::ffff:127.0.0.1, false",
        "fe80::1, false",
        "localhost, false",
        "'', false"})
    void isLoopbackWhenRemoteAddressThenOnlyLoopbackLiteralsPass(String address, boolean loopback) {
        // when
        boolean answer = AdminServlet.isLoopback(address);

        // then
        assertEquals(loopback, answer, address);
    }
}

package dev.ssotauth.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

final class PrometheusTextTest {

    @Test
    void parseWhenSamplesWithLabelsCommentsAndTimestampsThenEachSampleByItsNameAndLabels() {
        // given
        String text = """
                # HELP ssot_auth_websocket_sessions Open WebSocket sessions
                # TYPE ssot_auth_websocket_sessions gauge
                ssot_auth_websocket_sessions 3.0

                ssot_auth_websocket_closes_total{reason="expired"} 12.0
                ssot_auth_authentications_total{outcome="accepted",reason="none"} 1.5E3 1700000000000
                odd_label{text="a } b"} +Inf
                """;

        // when
        Map<String, Double> samples = PrometheusText.parse(text);

        // then
        assertEquals(Map.of("ssot_auth_websocket_sessions", 3.0,
                "ssot_auth_websocket_closes_total{reason=\"expired\"}", 12.0,
                "ssot_auth_authentications_total{outcome=\"accepted\",reason=\"none\"}", 1500.0,
                "odd_label{text=\"a } b\"}", Double.POSITIVE_INFINITY), samples);
    }

    @Test
    void parseWhenAValueIsNotANumberThenRefusedNamingTheLine() {
        // when
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PrometheusText.parse("# TYPE a gauge\na 1\nb one\n"));

        // then
        assertEquals("line 3 of /metrics has a value that is not a number", refused.getMessage());
    }
}

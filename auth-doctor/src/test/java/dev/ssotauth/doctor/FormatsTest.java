package dev.ssotauth.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

final class FormatsTest {

    private static final Report REPORT = new Report("2 components (login, api), 1 user", List.of(
            new Report.Section("cross-validation", false, List.of("minted by \\ accepted by  api",
                    "login                    rejected (HTTP 401)", "Total cross-validations: 1",
                    "Successful validations: 0", "Success rate: 0.0%"), Map.of("total", 1)),
            new Report.Section("attacks", true, List.of("api: 0/7 attacks accepted <&>"), Map.of())));

    @Test
    void textWhenOneCheckFailsThenPassFailMarksAndVerdict() {
        assertEquals(""
                + "ssot-auth doctor: 2 components (login, api), 1 user\n"
                + "\n"
                + "[FAIL] cross-validation\n"
                + "  minted by \\ accepted by  api\n"
                + "  login                    rejected (HTTP 401)\n"
                + "  Total cross-validations: 1\n"
                + "  Successful validations: 0\n"
                + "  Success rate: 0.0%\n"
                + "\n"
                + "[PASS] attacks\n"
                + "  api: 0/7 attacks accepted <&>\n"
                + "\n"
                + "Result: 1 of 2 checks fail: authentication is fragmented\n", Formats.text(REPORT));
    }

    @Test
    void junitWhenOneCheckFailsThenOneFailureWithTheFiguresAsMessage() {
        String xml = Formats.junit(REPORT);
        assertEquals(""
                + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"auth-doctor\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
                + "  <testcase classname=\"auth-doctor\" name=\"cross-validation\"><failure message=\"Total "
                + "cross-validations: 1; Successful validations: 0; Success rate: 0.0%\" type=\"fragmentation\">"
                + "minted by \\ accepted by  api\n"
                + "login                    rejected (HTTP 401)\n"
                + "Total cross-validations: 1\n"
                + "Successful validations: 0\n"
                + "Success rate: 0.0%</failure></testcase>\n"
                + "  <testcase classname=\"auth-doctor\" name=\"attacks\"></testcase>\n"
                + "  <system-out><![CDATA[", xml.substring(0, xml.indexOf("<![CDATA[") + 9));
    }

    @Test
    void jsonWhenReportThenHoldsFiguresAndVerdict() {
        String json = Formats.json(REPORT);
        assertEquals(true, json.contains("\"holds\" : false"));
        assertEquals(true, json.contains("\"total\" : 1"));
        assertEquals(true, json.contains("\"verdict\" : \"Result: 1 of 2 checks fail: authentication is fragmented\""));
    }
}

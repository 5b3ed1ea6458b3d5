package dev.ssotauth.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The report as text for a terminal, as JSON, and as JUnit XML for a CI system. Stateless. */
final class Formats {

    private Formats() {
    }

    /** The report for a person: a heading, each check with PASS or FAIL and its lines, the verdict. */
    static String text(Report report) {
        StringBuilder out = new StringBuilder("ssot-auth doctor: ").append(report.system()).append('\n');
        for (Report.Section section : report.sections()) {
            out.append('\n').append(section.holds() ? "[PASS] " : "[FAIL] ").append(section.name()).append('\n');
            section.lines().forEach(line -> out.append("  ").append(line).append('\n'));
        }
        out.append('\n').append(verdict(report)).append('\n');
        return out.toString();
    }

    /** The last line: every check holds, or how many do not. */
    static String verdict(Report report) {
        int checks = report.sections().size();
        return report.holds() ? "Result: all " + checks + " checks hold"
                : "Result: " + report.failures() + " of " + checks + " checks fail: authentication is fragmented";
    }

    /** The report as one JSON object: {@code holds}, {@code system}, and each check's figures and lines. */
    static String json(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("holds", report.holds());
        root.put("system", report.system());
        root.put("checks", report.sections().stream().map(section -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", section.name());
            check.put("holds", section.holds());
            check.put("figures", section.figures());
            check.put("lines", section.lines());
            return check;
        }).toList());
        root.put("verdict", verdict(report));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
    }

    /**
     * The report as a JUnit XML test suite named {@code auth-doctor}: one test case per check, a
     * failure with the check's lines when it does not hold, and the whole text report as the suite's
     * output.
     */
    static String junit(Report report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "auth-doctor");
            xml.writeAttribute("tests", String.valueOf(report.sections().size()));
            xml.writeAttribute("failures", String.valueOf(report.failures()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            for (Report.Section section : report.sections()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "auth-doctor");
                xml.writeAttribute("name", section.name());
                if (!section.holds()) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", summary(section.lines()));
                    xml.writeAttribute("type", "fragmentation");
                    xml.writeCharacters(String.join("\n", section.lines()));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n  ");
            xml.writeStartElement("system-out");
            xml.writeCData(text(report).replace("]]>", "]]]]><![CDATA[>"));
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the report cannot be written as JUnit XML", e);
        }
        return text + "\n";
    }

    /** The figure lines of a check (those with a colon and no indent), for a failure's one-line message. */
    private static String summary(List<String> lines) {
        List<String> figures = lines.stream().filter(l -> !l.startsWith(" ") && l.contains(": ") && !l.endsWith(":")
                && !l.startsWith("minted by")).toList();
        return String.join("; ", (figures.isEmpty() ? lines : figures).stream().map(String::strip).toList());
    }
}

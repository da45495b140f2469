package org.tingvakt.classifier.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tingvakt.classifier.Classifier;

/**
 * {@code eval} reports, for rows marked {@code "kind": "public_contact"}, the share flagged PERSONAL_DATA, and for rows
 * marked {@code "kind": "criticism"}, the share flagged INSULT, HATE or THREAT, over all languages and per language. The
 * file holds a public office's contacts (not personal data), a private CPR number marked as a public contact (flagged),
 * a criticism of a decision (not flagged) and a personal attack marked as criticism (flagged).
 */
class EvaluationKindsTest {

    @Test
    void reportsTheFlagRatesOfMarkedRows() throws IOException, URISyntaxException {
        String report = eval("/eval/kinds.jsonl");
        String contact = section(report, "== rows marked \"kind\": \"public_contact\" flagged PERSONAL_DATA");
        assertTrue(contact.contains("all       1 of    3 flagged (0.333)"), report);
        assertTrue(contact.contains("da        1 of    2 flagged (0.500)"), report);
        assertTrue(contact.contains("sv        0 of    1 flagged (0.000)"), report);
        String criticism = section(report, "== rows marked \"kind\": \"criticism\" flagged INSULT, HATE or THREAT");
        assertTrue(criticism.contains("all       1 of    2 flagged (0.500)"), report);
        assertTrue(criticism.contains("da        1 of    2 flagged (0.500)"), report);
        assertFalse(criticism.contains("sv "), "the unmarked Swedish insult is not criticism\n" + report);
    }

    @Test
    void saysNothingAboutKindsWhenNoRowIsMarked() throws IOException, URISyntaxException {
        String report = eval("/eval/no-kinds.jsonl");
        assertFalse(report.contains("\"kind\""), report);
        assertTrue(report.contains("== lawful criticism"), report);
    }

    private String eval(String resource) throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource(resource).toURI());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Evaluation.labelledFile(Classifier.load(), file, new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        return buf.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    /** The lines from the heading up to the next blank line. */
    private static String section(String report, String heading) {
        int at = report.indexOf(heading);
        assertTrue(at >= 0, () -> "no section \"" + heading + "\" in\n" + report);
        int end = report.indexOf("\n\n", at);
        return report.substring(at, end < 0 ? report.length() : end);
    }
}

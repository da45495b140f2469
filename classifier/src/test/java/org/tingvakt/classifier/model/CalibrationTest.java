package org.tingvakt.classifier.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.eval.Reliability;

class CalibrationTest {

    /**
     * Scores that are over-confident in one language and under-confident in another: after the per-language fit, the
     * share of positives among comments scored about p is about p in both, and the ECE drops.
     */
    @Test
    void plattPerLanguageFixesOverAndUnderConfidence() {
        Random rnd = new Random(7);
        List<Calibration.Point> fit = new ArrayList<>();
        List<Calibration.Point> test = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            double truth = rnd.nextDouble();
            boolean gold = rnd.nextDouble() < truth;
            // sv scores are pushed to the extremes (over-confident), nb scores pulled to the middle (under-confident)
            double z = Math.log(truth / (1 - truth) + 1e-9);
            double sv = 1 / (1 + Math.exp(-3 * z));
            double nb = 1 / (1 + Math.exp(-0.4 * z));
            (i % 2 == 0 ? fit : test).add(new Calibration.Point("THREAT", "sv", sv, gold));
            (i % 2 == 0 ? fit : test).add(new Calibration.Point("THREAT", "nb", nb, gold));
        }
        Calibration cal = Calibration.fit(fit);
        Reliability before = new Reliability();
        Reliability after = new Reliability();
        for (Calibration.Point p : test) {
            before.add(p.score(), p.gold());
            after.add(cal.apply(p.name(), Language.fromCode(p.lang()), p.score()), p.gold());
        }
        assertTrue(before.ece() > 0.05, "the synthetic scores are miscalibrated: " + before.ece());
        assertTrue(after.ece() < 0.03, "after Platt: " + after.ece());
        assertEquals(2, cal.groups() - 1, "sv and nb fitted, plus the label over all languages");
    }

    @Test
    void tooFewExamplesFallBackToTheLabelThenToIdentity() {
        List<Calibration.Point> pts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pts.add(new Calibration.Point("HATE", i < 20 ? "da" : "sv", i % 2 == 0 ? 0.9 : 0.2, i % 2 == 0));
        }
        pts.add(new Calibration.Point("HATE", "nn", 0.9, true));
        Calibration cal = Calibration.fit(pts);
        assertEquals(cal.apply("HATE", Language.DA, 0.9) > 0.5, true);
        // nn has one example: the label's fit over all languages applies
        assertEquals(cal.apply("HATE", Language.NN, 0.7), cal.apply("HATE", Language.FI, 0.7), 1e-12);
        // a label never seen passes unchanged
        assertEquals(0.37, cal.apply("SECRET", Language.DA, 0.37), 1e-12);
    }

    @Test
    void writesAndReadsTheSameParameters() throws IOException {
        List<Calibration.Point> pts = new ArrayList<>();
        Random rnd = new Random(1);
        for (int i = 0; i < 200; i++) {
            double s = rnd.nextDouble();
            pts.add(new Calibration.Point("QUESTION", "da", s, rnd.nextDouble() < s * s));
        }
        Calibration cal = Calibration.fit(pts);
        StringWriter w = new StringWriter();
        cal.write(w);
        Calibration back =
                Calibration.read(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)));
        for (double s = 0.05; s < 1; s += 0.1) {
            assertEquals(cal.apply("QUESTION", Language.DA, s), back.apply("QUESTION", Language.DA, s), 1e-5);
        }
    }
}

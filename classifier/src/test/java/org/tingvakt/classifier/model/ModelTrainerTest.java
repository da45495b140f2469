package org.tingvakt.classifier.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.train.LabelledText;
import org.tingvakt.classifier.train.ModelTrainer;

class ModelTrainerTest {

    @Test
    void tribuoTrainedHeadSeparatesItsTrainingTextsAndSurvivesTheFileFormat() throws IOException {
        List<LabelledText> data = new ArrayList<>();
        String[] ads = {
            "buy cheap watches now",
            "cheap pills buy now online",
            "win a free phone click now",
            "free money click the link now",
            "buy followers cheap now",
            "cheap loans online now"
        };
        String[] plain = {
            "the library opens at nine",
            "thanks for clearing the snow",
            "when does the pool open",
            "the road by the school is closed",
            "nice concert in the park",
            "my daughter loves the new playground"
        };
        for (int r = 0; r < 3; r++) {
            for (String a : ads) {
                data.add(new LabelledText(
                        "a", a, Optional.empty(), Set.of("ADVERTISING"), Set.of("ADVERTISING"), "t", 1));
            }
            for (String p : plain) {
                data.add(new LabelledText("p", p, Optional.empty(), Set.of(), Set.of("ADVERTISING"), "t", 1));
            }
        }
        ModelTrainer trainer = new ModelTrainer(Classifier.rulesOnly());
        LinearModel m = trainer.train(trainer.featurise(data), List.of("ADVERTISING"), false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.write(bytes);
        LinearModel back = LinearModel.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(List.of("ADVERTISING"), back.heads());
        Classifier c = Classifier.rulesOnly();
        float ad = back.predict(c.analyse("buy cheap now", Optional.empty()).features())[0];
        float plainP = back.predict(
                        c.analyse("the library is closed", Optional.empty()).features())[0];
        assertTrue(ad > 0.5 && plainP < 0.5, "ad " + ad + ", plain " + plainP);
        assertEquals(
                m.predict(c.analyse("buy cheap now", Optional.empty()).features())[0],
                ad,
                0.01,
                "16-bit weights lose little");
    }
}

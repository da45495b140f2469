package org.tingvakt.classifier.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tingvakt.classifier.Language;

class LanguageDetectorTest {

    private static final LanguageDetector D = LanguageDetector.load();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DA|Hvornår åbner svømmehallen igen efter renoveringen?",
                "DA|Det er en skandale at kommunen ikke har ryddet sneen endnu",
                "SV|Varför har ni inte svarat på mitt mejl om bygglovet?",
                "NB|Når åpner biblioteket igjen? Jeg har ventet lenge.",
                "NN|Kva tid opnar biblioteket att? Eg har venta lenge.",
                "EN|Check out my channel for free stuff",
                "FI|Milloin kirjasto aukeaa taas?",
                "OTHER|Когда откроется библиотека?",
                "OTHER|ok",
            })
    void detects(Language expected, String text) {
        assertEquals(expected, D.detect(text));
    }
}

package org.tingvakt.classifier.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretDetectorTest {

    private final SecretDetector d = new SecretDetector();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nøglen er AKIAIOSFODNN7EXAMPLE",
                "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXk",
                "Min adgangskode er Sommer2024!",
                "Lösenord: Hemligt123",
                "passordet er Fjord#8812",
                "token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "db: postgres://admin:hunter22@db.example.dk/prod",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
            })
    void findsCredentials(String text) {
        assertTrue(!d.detect(text).isEmpty(), text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Jeg har glemt min adgangskode til borger.dk",
                "Lösenordet måste ha minst åtta tecken",
                "adgangskoden er forkert",
                "Husk at skifte password jævnligt",
                "Der er en nøgle til skuret ved indgangen"
            })
    void ordinaryTalkAboutPasswordsIsNotASecret(String text) {
        assertEquals(0, d.detect(text).size(), text);
    }
}

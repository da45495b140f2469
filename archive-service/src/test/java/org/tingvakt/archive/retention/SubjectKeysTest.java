package org.tingvakt.archive.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The keyed hashes of national ID numbers: canonical forms, detection with the classifier's checks, no plain numbers. */
class SubjectKeysTest {
    private final SubjectKeys keys = new SubjectKeys(null, "a-test-key-of-enough-length");

    @Test
    void oneNumberWrittenInDifferentWaysHasOneCanonicalForm() {
        assertThat(SubjectKeys.canonical("010190-1239")).contains("0101901239");
        assertThat(SubjectKeys.canonical(" 0101901239 ")).contains("0101901239");
        assertThat(SubjectKeys.canonical("19900101-1239")).contains("9001011239");
        assertThat(SubjectKeys.canonical("900101-1239")).contains("9001011239");
        assertThat(SubjectKeys.canonical("131052-308t")).contains("131052-308T");
        assertThat(SubjectKeys.canonical("12")).isEqualTo(Optional.empty());
    }

    @Test
    void theKeyIsAnHmacThatDependsOnTheSecret() {
        String k = keys.keyOf("0101901239");
        assertThat(k).matches("[0-9a-f]{64}").doesNotContain("0101901239");
        assertThat(new SubjectKeys(null, "another-key-of-enough-length").keyOf("0101901239"))
                .isNotEqualTo(k);
        assertThat(keys.keyOf("0101901239")).isEqualTo(k);
        assertThatThrownBy(() -> new SubjectKeys(null, "short")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyNumbersThatPassTheDetectorsChecksAreKeyed() {
        // 070761-4285 is a valid CPR (modulus 11); 811218-9876 is a valid Swedish personnummer (Luhn).
        assertThat(keys.keysIn(List.of("Mit CPR er 070761-4285, ring"), "da"))
                .containsExactly(keys.keyOf("0707614285"));
        assertThat(keys.keysIn(List.of("Hans personnummer är 19811218-9876."), "sv"))
                .containsExactly(keys.keyOf("8112189876"));
        // A phone number, an order number and a date-shaped number with a wrong checksum are not national IDs.
        assertThat(keys.keysIn(
                        List.of("Ring 20 12 34 56 eller +45 2012 3456", "Ordre 1234567890", "070761-4286"), "da"))
                .isEmpty();
        // The thread counts too, and each number once.
        assertThat(keys.keysIn(List.of("Hej", "CPR 070761-4285 og igen 0707614285"), "da"))
                .hasSize(1);
    }
}

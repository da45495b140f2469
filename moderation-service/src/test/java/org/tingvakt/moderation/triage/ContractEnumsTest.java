package org.tingvakt.moderation.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Intent;
import org.tingvakt.contracts.Label;

/**
 * Moderation writes the classifier's label and intent names into events: they must be exactly the contracts' names, or
 * consumers would read them as unknown and ignore them.
 */
class ContractEnumsTest {

    @Test
    void theClassifiersLabelsAreTheContractsLabels() {
        assertThat(names(org.tingvakt.classifier.Label.values())).isEqualTo(names(Label.values()));
    }

    @Test
    void theClassifiersIntentsAreTheContractsIntents() {
        assertThat(names(org.tingvakt.classifier.Intent.values())).isEqualTo(names(Intent.values()));
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}

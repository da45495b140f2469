package org.tingvakt.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.PersonalDataRegister;

/** Every table and column this service's Flyway migrations create is listed in docs/personal-data.md, and no other. */
class PersonalDataRegisterTest {
    @Test
    void everyColumnOfEveryMigrationIsInTheRegister() {
        assertThat(PersonalDataRegister.check(Path.of(""), "moderation"))
                .as("update the register in docs/personal-data.md")
                .isEmpty();
    }
}

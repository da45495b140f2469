package org.tingvakt.archive.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistrationNumberPatternTest {

    @Test
    void formatsYearAccountAndZeroPaddedNumber() {
        assertThat(new RegistrationNumberPattern("KS-{year}-{number:5}").format("104", 2026, 42))
                .isEqualTo("KS-2026-00042");
        assertThat(new RegistrationNumberPattern("{account}/{year}/{number}").format("lund", 2027, 7))
                .isEqualTo("lund/2027/7");
        assertThat(new RegistrationNumberPattern("Dnr {number:3}-{year}").format("a", 2026, 12345))
                .isEqualTo("Dnr 12345-2026");
    }

    @Test
    void formatsTheNordicRegisterStyles() {
        assertThat(new RegistrationNumberPattern("KS {year}/{number}").format("a", 2026, 42))
                .isEqualTo("KS 2026/42");
        assertThat(new RegistrationNumberPattern("{year}-{number:6}").format("a", 2026, 42))
                .isEqualTo("2026-000042");
        assertThat(new RegistrationNumberPattern("{yy}/{number:5}").format("a", 2026, 42))
                .isEqualTo("26/00042");
        assertThat(new RegistrationNumberPattern("{yy}/{number:5}").format("a", 2105, 1))
                .isEqualTo("05/00001");
    }

    @Test
    void refusesPatternsWithoutANumberOrWithUnknownPlaceholders() {
        assertThatThrownBy(() -> new RegistrationNumberPattern("KS-{year}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistrationNumberPattern("KS-{yr}-{number}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistrationNumberPattern("KS-{number:0}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistrationNumberPattern("")).isInstanceOf(IllegalArgumentException.class);
    }
}

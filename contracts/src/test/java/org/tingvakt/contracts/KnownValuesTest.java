package org.tingvakt.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownValuesTest {

    @Test
    void aNameFromAnEventReadsAsItsConstantAndAnUnknownOneAsNothing() {
        assertThat(Label.parse("THREAT")).contains(Label.THREAT);
        assertThat(Label.parse(" personal_data ")).contains(Label.PERSONAL_DATA);
        assertThat(Label.parse("DOXXING")).as("a label of a newer producer").isEmpty();
        assertThat(Label.parse(null)).isEmpty();
        assertThat(ModerationAction.parse("REPLIED")).contains(ModerationAction.REPLIED);
        assertThat(ModerationAction.parse("PINNED")).isEmpty();
        assertThat(PolicyAction.parse("HIDE_AND_ARCHIVE")).contains(PolicyAction.HIDE_AND_ARCHIVE);
    }

    @Test
    void aListWithNamesThisVersionDoesNotKnowKeepsTheKnownOnesInOrder() {
        assertThat(Intent.parseAll(Arrays.asList("PRAISE", "COMPLAINT", null, "QUESTION")))
                .containsExactly(Intent.COMPLAINT, Intent.QUESTION);
        assertThat(Intent.parseAll(null)).isEmpty();
        assertThat(Intent.COMPLAINT.in(List.of("PRAISE", "COMPLAINT"))).isTrue();
        assertThat(Intent.QUESTION.in(List.of("PRAISE", "COMPLAINT"))).isFalse();
        assertThat(Label.THREAT.in(null)).isFalse();
    }

    @Test
    void producersWriteTheConstantsNames() {
        assertThat(KnownValues.Names.names(List.of(Label.HATE, Label.SECRET))).containsExactly("HATE", "SECRET");
    }

    @Test
    void theEventsNameTheirEnumsForEveryStringFieldWithFixedValues() throws Exception {
        assertThat(known(CommentClassified.class, "labels")).isEqualTo(Label.class);
        assertThat(known(CommentClassified.class, "intents")).isEqualTo(Intent.class);
        assertThat(known(CommentClassified.class, "action")).isEqualTo(PolicyAction.class);
        assertThat(known(ModerationActionTaken.class, "action")).isEqualTo(ModerationAction.class);
        assertThat(known(ArchiveRequested.class, "labels")).isEqualTo(Label.class);
        assertThat(known(ArchiveRequested.class, "intents")).isEqualTo(Intent.class);
    }

    private static Class<?> known(Class<?> record, String component) throws Exception {
        return record.getDeclaredField(component)
                .getAnnotation(KnownValues.class)
                .value();
    }
}

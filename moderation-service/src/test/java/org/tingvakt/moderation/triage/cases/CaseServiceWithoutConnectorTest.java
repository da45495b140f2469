package org.tingvakt.moderation.triage.cases;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.Iterator;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tingvakt.problem.ProblemException;

/** Without a platform connector, HIDE, UNHIDE and REPLY answer 503 before reading or changing anything. */
class CaseServiceWithoutConnectorTest {

    @ParameterizedTest
    @EnumSource(
            value = CaseService.Decision.class,
            names = {"HIDE", "UNHIDE", "REPLY"})
    void platformDecisionsAreUnavailable(CaseService.Decision decision) {
        // No outbox, saga, audit, database or reply texts: any use of them would fail with another exception than the
        // 503.
        CaseService service = new CaseService(null, null, new NoConnector(), null, null, null, null);
        assertThatThrownBy(() -> service.decide(
                        UUID.randomUUID(),
                        new CaseService.DecisionCommand(decision, "R", null, "text", 0L, "moderator@tingvakt.local")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        p -> org.assertj.core.api.Assertions.assertThat(p.status())
                                .isEqualTo(503));
    }

    /** An unsatisfied {@code Instance}: what CDI injects when no bean implements the interface. */
    static final class NoConnector implements Instance<PlatformActions> {
        @Override
        public Instance<PlatformActions> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends PlatformActions> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends PlatformActions> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isUnsatisfied() {
            return true;
        }

        @Override
        public boolean isAmbiguous() {
            return false;
        }

        @Override
        public void destroy(PlatformActions instance) {}

        @Override
        public Handle<PlatformActions> getHandle() {
            throw new jakarta.enterprise.inject.UnsatisfiedResolutionException();
        }

        @Override
        public Iterable<? extends Handle<PlatformActions>> handles() {
            return Collections.emptyList();
        }

        @Override
        public PlatformActions get() {
            throw new jakarta.enterprise.inject.UnsatisfiedResolutionException();
        }

        @Override
        public Iterator<PlatformActions> iterator() {
            return Collections.emptyIterator();
        }
    }
}

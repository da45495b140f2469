package org.tingvakt.moderation.triage.cases;

/**
 * What a moderator's decision asks of the platform (Facebook, Instagram). The case service calls these inside the
 * decision's transaction, after the case's state, {@code decidedBy} and {@code decisionReason} are set; an
 * implementation should record a durable step (and make the call after commit), so a crash loses nothing. A failure
 * that must undo the decision is thrown as a {@link org.tingvakt.problem.ProblemException}.
 *
 * <p>The implementation lives with the platform connectors; while none is deployed, the case API answers 503 for HIDE,
 * UNHIDE and REPLY and changes nothing.
 */
public interface PlatformActions {

    /** Hide the case's comment on the platform (reversible). */
    void hide(ModerationCase c);

    /** Show the case's hidden comment again. */
    void unhide(ModerationCase c);

    /** Post {@code text} (already signed) as the page's reply to the case's comment. */
    void reply(ModerationCase c, String text);
}

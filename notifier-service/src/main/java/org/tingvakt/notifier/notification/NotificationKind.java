package org.tingvakt.notifier.notification;

/** What a scheduled notification is for, and which recipients of the account get it by e-mail. */
public enum NotificationKind {
    /** Before the deadline, to the account's moderators. */
    REMINDER("reminder", RecipientRole.MODERATOR),
    /** At the deadline, to the account's editors. */
    ESCALATION_EDITORS("escalation.editors", RecipientRole.EDITOR),
    /** Later (the account's owner-escalation delay), to its owner. */
    ESCALATION_OWNER("escalation.owner", RecipientRole.OWNER),
    /** A connected account's token or webhook subscription needs an admin (not scheduled: sent when it is found). */
    ACCOUNT_HEALTH("account.health", RecipientRole.OWNER);

    private final String textKey;
    private final RecipientRole audience;

    NotificationKind(String textKey, RecipientRole audience) {
        this.textKey = textKey;
        this.audience = audience;
    }

    String textKey() {
        return textKey;
    }

    public RecipientRole audience() {
        return audience;
    }
}

package org.tingvakt.notifier.notification;

/** The part a person plays for an account's reply promise. */
public enum RecipientRole {
    MODERATOR,
    EDITOR,
    OWNER
}

package org.tingvakt.moderation.account;

/**
 * A new account was registered: fired synchronously inside the creating transaction, so what observers store for the
 * new account (its starter canned replies) commits or rolls back with it.
 */
public record AccountCreated(Account account, String actor) {}

package org.tingvakt.notifier.notification;

import java.util.List;

/** What one channel is asked to send: one item, or several in a digest, for one account. */
public record Delivery(AccountNotifications account, List<DueItem> items, boolean digest) {}

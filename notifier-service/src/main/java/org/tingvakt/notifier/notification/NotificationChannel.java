package org.tingvakt.notifier.notification;

/**
 * A way of telling people: e-mail, a Teams or Slack webhook, the dashboards' event stream. {@link #send} returns
 * normally when the channel took the delivery or has nothing to do for this account (no recipients, no URL), and throws
 * when it should be tried again later.
 */
public interface NotificationChannel {
    /** A short stable name, stored in {@code notification.delivered} so that a retry skips channels that succeeded. */
    String name();

    void send(Delivery delivery) throws Exception;
}

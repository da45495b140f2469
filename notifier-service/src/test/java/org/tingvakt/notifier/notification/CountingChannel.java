package org.tingvakt.notifier.notification;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel that only counts what it is given, per notification (for duplicates). */
class CountingChannel implements NotificationChannel {
    final Map<UUID, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final String name;

    CountingChannel(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Delivery delivery) throws Exception {
        for (DueItem i : delivery.items()) {
            counts.computeIfAbsent(i.notificationId(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    long duplicates() {
        return counts.values().stream().filter(c -> c.get() > 1).count();
    }
}

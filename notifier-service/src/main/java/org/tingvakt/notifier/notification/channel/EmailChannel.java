package org.tingvakt.notifier.notification.channel;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.tingvakt.notifier.notification.Delivery;
import org.tingvakt.notifier.notification.DueItem;
import org.tingvakt.notifier.notification.NotificationChannel;
import org.tingvakt.notifier.notification.NotificationTexts;
import org.tingvakt.notifier.notification.RecipientRole;

/**
 * E-mail through Quarkus Mailer: reminders to the account's moderators, escalations to its editors, late escalations
 * to its owner. One e-mail per person (recipients do not see each other's addresses); a digest is one e-mail per
 * person with every item meant for their role.
 */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {
    public static final String NAME = "email";
    private final Mailer mailer;

    public EmailChannel(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Delivery delivery) {
        String lang = delivery.account().language();
        List<Mail> mails = new ArrayList<>();
        for (RecipientRole role : RecipientRole.values()) {
            List<DueItem> items = delivery.items().stream()
                    .filter(i -> i.kind().audience() == role)
                    .toList();
            if (items.isEmpty()) {
                continue;
            }
            for (String to : delivery.account().emailsFor(role)) {
                if (delivery.digest()) {
                    mails.add(Mail.withText(
                            to,
                            NotificationTexts.digestSubject(
                                    lang, delivery.account().accountId(), items.size()),
                            NotificationTexts.digestBody(
                                    lang, delivery.account().accountId(), items)));
                } else {
                    for (DueItem item : items) {
                        mails.add(Mail.withText(
                                to, NotificationTexts.subject(lang, item), NotificationTexts.body(lang, item)));
                    }
                }
            }
        }
        if (!mails.isEmpty()) {
            mailer.send(mails.toArray(Mail[]::new));
        }
    }
}

package org.tingvakt.moderation.outreach;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.SecureChannel;
import org.tingvakt.moderation.account.SecureChannelType;
import org.tingvakt.moderation.actions.PlatformAction;
import org.tingvakt.moderation.intake.DirectMessageReceived;
import org.tingvakt.moderation.kernel.NoticeLanguage;

/**
 * The standard reply to a direct message, persisted: at most once per sender per local day of the account (an upsert that
 * only wins when the last reply is from before today's midnight, so two messages arriving together give one reply). The
 * reply itself is a {@code DM_REPLY} platform action, sent by the runner.
 */
@ApplicationScoped
public class DirectMessageReplies {
    private final EntityManager em;
    private final MeterRegistry metrics;
    private final DirectMessageReplyComposer composer = new DirectMessageReplyComposer(NoticeTexts.load());
    private final Optional<List<SecureChannel>> channels;
    private final Map<String, List<SecureChannel>> byCountry;

    public DirectMessageReplies(
            EntityManager em,
            MeterRegistry metrics,
            @ConfigProperty(name = "tingvakt.dm-reply.channels") Optional<List<String>> channels,
            @ConfigProperty(name = "tingvakt.dm-reply.country.DK", defaultValue = "DIGITAL_POST") List<String> dk,
            @ConfigProperty(name = "tingvakt.dm-reply.country.SE", defaultValue = "E_SERVICES,CONTACT_CENTRE")
                    List<String> se,
            @ConfigProperty(name = "tingvakt.dm-reply.country.NO", defaultValue = "E_SERVICES,CONTACT_CENTRE")
                    List<String> no,
            @ConfigProperty(name = "tingvakt.dm-reply.country.FI", defaultValue = "E_SERVICES,CONTACT_CENTRE")
                    List<String> fi) {
        this.em = em;
        this.metrics = metrics;
        this.channels = channels.filter(c -> !c.isEmpty()).map(DirectMessageReplies::parse);
        this.byCountry = Map.of("DK", parse(dk), "SE", parse(se), "NO", parse(no), "FI", parse(fi));
    }

    /**
     * Where citizens of a country can write to a public body securely, when the account names no channels. Denmark:
     * Digital Post, which citizens can write through. Sweden and Norway: the public digital mailboxes (Mina
     * meddelanden, Kivra, Digipost, e-Boks) are mostly receive-only for citizens, so the organisation's e-services and
     * contact centre; Finland likewise.
     */
    static final List<SecureChannel> OWN_SERVICES =
            List.of(SecureChannel.of(SecureChannelType.E_SERVICES), SecureChannel.of(SecureChannelType.CONTACT_CENTRE));

    /** {@code TYPE} or {@code TYPE=address}, e.g. {@code DIGITAL_POST,PHONE=+45 33 66 33 66}. */
    static List<SecureChannel> parse(List<String> specs) {
        List<SecureChannel> out = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.strip().split("=", 2);
            out.add(SecureChannel.of(
                    SecureChannelType.valueOf(parts[0].strip()), parts.length > 1 ? parts[1].strip() : null));
        }
        return List.copyOf(out);
    }

    /**
     * The account's own channels for the reply's language; else the service-wide ones, if set ({@code
     * TINGVAKT_DM_CHANNELS}); else its country's defaults ({@code tingvakt.dm-reply.country.<CC>}).
     */
    List<SecureChannel> channelsFor(Account account, NoticeLanguage language) {
        return account.dmChannelsFor(language.code())
                .or(() -> channels)
                .orElseGet(() -> byCountry.getOrDefault(account.country, OWN_SERVICES));
    }

    /**
     * The standard reply as the account sends it in {@code language}: the channels it lists, whether they are the
     * account's own ({@code own}) or the service-wide or country defaults, and the text.
     */
    public record Preview(String language, boolean own, List<SecureChannel> channels, String text) {}

    /** What the account's standard reply says in {@code language} (da, sv, nb, nn, en); 404 without the account. */
    @Transactional
    public Preview preview(java.util.UUID accountId, String language) {
        NoticeLanguage lang = NoticeLanguage.fromCode(language == null ? "" : language)
                .filter(l -> l.code().equals(language))
                .orElseThrow(() ->
                        org.tingvakt.problem.ProblemException.badRequest("language must be one of da, sv, nb, nn, en"));
        Account account = Account.<Account>findByIdOptional(accountId)
                .orElseThrow(() -> org.tingvakt.problem.ProblemException.notFound("no account " + accountId));
        List<SecureChannel> chosen = channelsFor(account, lang);
        return new Preview(
                lang.code(), account.dmChannelsFor(lang.code()).isPresent(), chosen, composer.compose(lang, chosen));
    }

    /** A direct message was stored: its standard reply, if due, is queued in the message's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onDirectMessage(@Observes DirectMessageReceived message) {
        if (replyIfDue(message.account(), message.platform(), message.senderId())) {
            metrics.counter("tingvakt.dm.replies", "outcome", "queued").increment();
        }
    }

    /** Queues the standard reply unless the sender had one today; joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean replyIfDue(Account account, Platform platform, String senderId) {
        ZoneId zone = ZoneId.of(account.timeZone);
        Instant midnight = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        String key = DirectMessageThrottle.senderKey(platform, account.externalId, senderId);
        int won = em.createNativeQuery("INSERT INTO dm_reply_state (sender_key, last_reply_at) VALUES (?1, now()) "
                        + "ON CONFLICT (sender_key) DO UPDATE SET last_reply_at = excluded.last_reply_at "
                        + "WHERE dm_reply_state.last_reply_at < ?2")
                .setParameter(1, key)
                .setParameter(2, Timestamp.from(midnight))
                .executeUpdate();
        if (won == 0) {
            return false;
        }
        NoticeLanguage language = NoticeLanguage.fromCode(account.language).orElse(NoticeLanguage.EN);
        PlatformAction.pending(
                        null,
                        PlatformAction.Operation.DM_REPLY,
                        platform,
                        account.externalId,
                        senderId,
                        composer.compose(language, channelsFor(account, language)),
                        "policy",
                        "DIRECT_MESSAGE")
                .persist();
        return true;
    }
}

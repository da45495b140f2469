package org.tingvakt.moderation.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.account.SecureChannel;
import org.tingvakt.moderation.account.SecureChannelType;
import org.tingvakt.moderation.kernel.NoticeLanguage;

class DirectMessageTest {

    private static final NoticeTexts TEXTS = NoticeTexts.load();
    private static final DirectMessageReplyComposer COMPOSER = new DirectMessageReplyComposer(TEXTS);
    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    @Test
    void danishReplyListsTheAccountsChannels() {
        String reply = COMPOSER.compose(
                NoticeLanguage.DA,
                List.of(
                        SecureChannel.of(SecureChannelType.DIGITAL_POST, "https://www.borger.dk/aarhus"),
                        SecureChannel.of(SecureChannelType.E_BOKS),
                        SecureChannel.of(SecureChannelType.EMAIL, "kommunikation@aarhus.example"),
                        SecureChannel.of(SecureChannelType.PHONE, "+45 89 40 20 00")));

        assertEquals("""
                Tak for din besked. Beskeder her er ikke en sikker kanal, så vi kan ikke behandle personlige sager eller oplysninger her.
                Kontakt os i stedet via en af disse kanaler:
                • Digital Post: https://www.borger.dk/aarhus
                • e-Boks
                • E-mail: kommunikation@aarhus.example
                • Telefon: +45 89 40 20 00
                Dette er et automatisk svar.""", reply);
    }

    @Test
    void swedishReplyWithOneChannel() {
        assertEquals("""
                Tack för ditt meddelande. Meddelanden här är inte en säker kanal, så vi kan inte hantera personliga ärenden eller uppgifter här.
                Kontakta oss i stället här:
                • Kivra
                Det här är ett automatiskt svar.""", COMPOSER.compose(NoticeLanguage.SV, List.of(SecureChannel.of(SecureChannelType.KIVRA))));
    }

    @ParameterizedTest
    @EnumSource(NoticeLanguage.class)
    void everyLanguageNamesEveryChannel(NoticeLanguage language) {
        List<SecureChannel> all = List.of(
                SecureChannel.of(SecureChannelType.DIGITAL_POST),
                SecureChannel.of(SecureChannelType.E_BOKS),
                SecureChannel.of(SecureChannelType.MINA_MEDDELANDEN),
                SecureChannel.of(SecureChannelType.KIVRA),
                SecureChannel.of(SecureChannelType.DIGIPOST),
                SecureChannel.of(SecureChannelType.EMAIL, "post@x.example"),
                SecureChannel.of(SecureChannelType.PHONE, "+47 22 00 00 00"),
                SecureChannel.of(SecureChannelType.WEB_FORM, "https://x.example/kontakt"));
        String reply = COMPOSER.compose(language, all);
        assertEquals(all.size() + 3, reply.lines().count());
        assertEquals(
                TEXTS.text(language, "dm.reply.intro"),
                reply.lines().findFirst().orElseThrow());
        assertTrue(reply.contains("• Digipost\n"));
        assertTrue(reply.contains("post@x.example"));
    }

    @Test
    void channelsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> COMPOSER.compose(NoticeLanguage.EN, List.of()));
        assertThrows(IllegalArgumentException.class, () -> SecureChannel.of(SecureChannelType.EMAIL, " "));
        assertThrows(IllegalArgumentException.class, () -> SecureChannel.of(SecureChannelType.PHONE, "1\n2"));
        assertEquals(
                Optional.empty(), SecureChannel.of(SecureChannelType.KIVRA, "").address());
    }

    @Test
    void oncePerSenderPerCalendarDayInTheAccountsZone() {
        // 23:30 in Copenhagen (CET, UTC+1) on 2 March
        Instant lastReply = Instant.parse("2026-03-02T22:30:00Z");
        MutableClock clock = new MutableClock(lastReply);
        DirectMessageThrottle throttle = new DirectMessageThrottle(clock);

        assertTrue(throttle.mayReply(Optional.empty(), COPENHAGEN), "never replied");
        assertFalse(throttle.mayReply(Optional.of(lastReply), COPENHAGEN), "same minute");
        clock.set(Instant.parse("2026-03-02T22:59:59Z"));
        assertFalse(throttle.mayReply(Optional.of(lastReply), COPENHAGEN), "23:59:59 the same day");
        clock.set(Instant.parse("2026-03-02T23:00:00Z"));
        assertTrue(throttle.mayReply(Optional.of(lastReply), COPENHAGEN), "midnight in Copenhagen");
        assertEquals(Instant.parse("2026-03-02T23:00:00Z"), DirectMessageThrottle.nextAllowedAt(lastReply, COPENHAGEN));
    }

    @Test
    void theDayIsTheAccountsNotUtc() {
        // 00:30 on 3 March in Stockholm is still 2 March in UTC
        Instant lastReply = Instant.parse("2026-03-02T23:30:00Z");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-03T20:00:00Z"));
        DirectMessageThrottle throttle = new DirectMessageThrottle(clock);
        assertFalse(throttle.mayReply(Optional.of(lastReply), STOCKHOLM), "both on 3 March in Stockholm");
        assertTrue(throttle.mayReply(Optional.of(lastReply), ZoneId.of("UTC")), "2 and 3 March in UTC");
    }

    @Test
    void daylightSavingDayIsOneDay() {
        // 29 March 2026: clocks go forward in Oslo; the day has 23 hours
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        Instant lastReply = Instant.parse("2026-03-28T23:10:00Z"); // 00:10 CET on 29 March
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), DirectMessageThrottle.nextAllowedAt(lastReply, oslo));
        MutableClock clock = new MutableClock(Instant.parse("2026-03-29T21:59:00Z")); // 23:59 CEST
        assertFalse(new DirectMessageThrottle(clock).mayReply(Optional.of(lastReply), oslo));
    }

    @Test
    void repliedStateAndSenderKey() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
        String key = DirectMessageThrottle.senderKey(Platform.FACEBOOK, "aarhus", "6000001");

        assertEquals(
                new DirectMessageReplyState(key, Instant.parse("2026-03-02T08:00:00Z")),
                new DirectMessageThrottle(clock).replied(key));
        assertEquals(64, key.length());
        assertFalse(key.contains("6000001"));
        assertEquals(key, DirectMessageThrottle.senderKey(Platform.FACEBOOK, "aarhus", "6000001"));
        assertNotEquals(key, DirectMessageThrottle.senderKey(Platform.INSTAGRAM, "aarhus", "6000001"));
        assertNotEquals(key, DirectMessageThrottle.senderKey(Platform.FACEBOOK, "odense", "6000001"));
    }
}

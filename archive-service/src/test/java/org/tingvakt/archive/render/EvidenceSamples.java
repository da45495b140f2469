package org.tingvakt.archive.render;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.tingvakt.archive.render.EvidenceView.Account;
import org.tingvakt.archive.render.EvidenceView.Attachment;
import org.tingvakt.archive.render.EvidenceView.Comment;
import org.tingvakt.archive.render.EvidenceView.RecordLanguage;
import org.tingvakt.archive.render.EvidenceView.Sender;
import org.tingvakt.archive.render.EvidenceView.ThreadItem;
import org.tingvakt.archive.render.EvidenceView.ThreadRole;
import org.tingvakt.contracts.Platform;

/** Realistic evidence views for tests and the benchmark. All people and pages are invented. */
public final class EvidenceSamples {
    private EvidenceSamples() {}

    public static EvidenceView danish(String recordId) {
        return danish(
                recordId,
                "Du er en idiot, Søren Ærø. Jeg ved hvor du bor på Østergade 12, og jeg kommer forbi i aften.");
    }

    public static EvidenceView danish(String recordId, String text) {
        Instant posted = Instant.parse("2026-03-14T09:21:40Z");
        return new EvidenceView(
                recordId,
                Optional.of("2026-004127"),
                new Account("104889123456789", "Aarhus Kommune – Borgerservice", Platform.FACEBOOK),
                new Comment(
                        "104889123456789_998877665544",
                        2,
                        text,
                        new Sender(
                                "Jørgen Ølstrup-Læsø",
                                "10229384756",
                                Optional.of("https://www.facebook.com/profile.php?id=10229384756")),
                        posted,
                        Optional.of("https://www.facebook.com/104889123456789/posts/555?comment_id=998877665544")),
                List.of(
                        new ThreadItem(
                                ThreadRole.POST,
                                "Aarhus Kommune – Borgerservice",
                                "Husk: Borgerservice på Rådhuset holder lukket fredag 5. juni (Grundlovsdag). Selvbetjening på aarhus.dk er åben.",
                                Optional.of(Instant.parse("2026-03-13T07:00:00Z"))),
                        new ThreadItem(
                                ThreadRole.NEIGHBOUR,
                                "Åse Møller",
                                "Tak for info! Gælder det også biblioteket i Åby?",
                                Optional.of(Instant.parse("2026-03-14T08:02:11Z"))),
                        new ThreadItem(
                                ThreadRole.NEIGHBOUR,
                                "Aarhus Kommune – Borgerservice",
                                "Hej Åse, ja, også Åby Bibliotek. Venlig hilsen Søren",
                                Optional.of(Instant.parse("2026-03-14T08:15:03Z"))),
                        new ThreadItem(
                                ThreadRole.NEIGHBOUR,
                                "Björn Åkesson",
                                "Helt urimeligt med de åbningstider …",
                                Optional.of(Instant.parse("2026-03-14T09:30:59Z")))),
                List.of("threat", "personal_attack", "personal_data"),
                "Trussel mod navngiven medarbejder og gengivelse af privat adresse. Skjult automatisk, slettet efter vurdering.",
                List.of(new Attachment("billede.jpg", "https://scontent.xx.fbcdn.net/v/t1.0-9/abc123_n.jpg")),
                "3f1c2a9be0d4c6f1a7b2e8d9c0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3",
                Instant.parse("2026-03-14T09:24:02Z"),
                RecordLanguage.DA,
                ZoneId.of("Europe/Copenhagen"));
    }

    public static EvidenceView inLanguage(EvidenceView v, RecordLanguage language) {
        return new EvidenceView(
                v.recordId(),
                v.registrationNumber(),
                v.account(),
                v.comment(),
                v.thread(),
                v.labels(),
                v.moderatorReason(),
                v.attachments(),
                v.contentSha256(),
                v.capturedAt(),
                language,
                v.zone());
    }
}

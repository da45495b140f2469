package org.tingvakt.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSignatureTest {
    private static final KeyPair ARCHIVE = pair();
    private static final KeyPair OTHER = pair();

    private static RecordArchived record(String digest) {
        return new RecordArchived(
                "rec-1",
                "req-1",
                "case-1",
                "p_c",
                2,
                Platform.FACEBOOK,
                "acc",
                "facebook:p",
                digest,
                "ab".repeat(32),
                true,
                Instant.parse("2026-12-07T10:00:00Z"));
    }

    @Test
    void aRecordSignedWithTheKeyVerifiesUnderItsPublicKeyAndNoOther() {
        RecordArchived signed = record("cd".repeat(32)).signedWith(ARCHIVE.getPrivate());
        assertThat(EventSignature.verify(
                        EventSignature.signedContent(signed), signed.signature(), List.of(ARCHIVE.getPublic())))
                .isTrue();
        assertThat(EventSignature.verify(
                        EventSignature.signedContent(signed), signed.signature(), List.of(OTHER.getPublic())))
                .isFalse();
        // While rotating, either of two keys is accepted.
        assertThat(EventSignature.verify(
                        EventSignature.signedContent(signed),
                        signed.signature(),
                        List.of(OTHER.getPublic(), ARCHIVE.getPublic())))
                .isTrue();
    }

    @Test
    void changingASignedFieldOrTheSignatureBreaksIt() {
        RecordArchived signed = record("cd".repeat(32)).signedWith(ARCHIVE.getPrivate());
        RecordArchived otherDigest = new RecordArchived(
                signed.recordId(),
                signed.requestId(),
                signed.caseId(),
                signed.commentId(),
                signed.version(),
                signed.platform(),
                signed.accountId(),
                signed.threadKey(),
                "00".repeat(32),
                signed.recordSha256(),
                true,
                signed.archivedAt(),
                signed.purpose(),
                signed.registrationNumber(),
                signed.signature());
        RecordArchived otherVersion = new RecordArchived(
                signed.recordId(),
                signed.requestId(),
                signed.caseId(),
                signed.commentId(),
                3,
                signed.platform(),
                signed.accountId(),
                signed.threadKey(),
                signed.contentSha256(),
                signed.recordSha256(),
                true,
                signed.archivedAt(),
                signed.purpose(),
                signed.registrationNumber(),
                signed.signature());
        // A registration number or purpose written in by someone else is not the archive's word either.
        RecordArchived otherNumber = new RecordArchived(
                signed.recordId(),
                signed.requestId(),
                signed.caseId(),
                signed.commentId(),
                signed.version(),
                signed.platform(),
                signed.accountId(),
                signed.threadKey(),
                signed.contentSha256(),
                signed.recordSha256(),
                true,
                signed.archivedAt(),
                ArchivePurpose.REGISTRATION,
                "KS 2026/1",
                signed.signature());
        List<PublicKey> keys = List.of(ARCHIVE.getPublic());
        assertThat(EventSignature.verify(EventSignature.signedContent(otherNumber), signed.signature(), keys))
                .isFalse();
        assertThat(EventSignature.verify(EventSignature.signedContent(otherDigest), signed.signature(), keys))
                .isFalse();
        assertThat(EventSignature.verify(EventSignature.signedContent(otherVersion), signed.signature(), keys))
                .isFalse();
        assertThat(EventSignature.verify(EventSignature.signedContent(signed), null, keys))
                .isFalse();
        assertThat(EventSignature.verify(EventSignature.signedContent(signed), "not base64!", keys))
                .isFalse();
        assertThat(EventSignature.verify(EventSignature.signedContent(signed), "AAAA", keys))
                .isFalse();
    }

    @Test
    void aRequestsPurposeIntentsAndRegistrationReasonAreSigned() {
        ArchiveRequested plain = new ArchiveRequested(
                "req-1",
                "case-1",
                "p_c",
                1,
                Platform.FACEBOOK,
                "acc",
                "Kommunen",
                "p",
                "facebook:p",
                new Sender("s", "Sender", null),
                "text",
                null,
                List.of(),
                Instant.parse("2026-12-07T09:00:00Z"),
                List.of(),
                "",
                "system",
                List.of(),
                "ab".repeat(32),
                Instant.parse("2026-12-07T10:00:00Z"));
        ArchiveRequested signed = plain.with(List.of("QUESTION"), ArchivePurpose.REMOVAL_EVIDENCE, null)
                .signedWith(ARCHIVE.getPrivate());
        List<PublicKey> keys = List.of(ARCHIVE.getPublic());
        assertThat(EventSignature.verify(EventSignature.signedContent(signed), signed.signature(), keys))
                .isTrue();
        // Turning a question into a complaint to be registered, by rewriting the event, breaks the signature.
        ArchiveRequested forged =
                plain.with(List.of("COMPLAINT"), ArchivePurpose.REGISTRATION, RegistrationReason.COMPLAINT);
        assertThat(EventSignature.verify(EventSignature.signedContent(forged), signed.signature(), keys))
                .isFalse();
        ArchiveRequested otherPurpose = plain.with(List.of("QUESTION"), ArchivePurpose.REGISTRATION, null);
        assertThat(EventSignature.verify(EventSignature.signedContent(otherPurpose), signed.signature(), keys))
                .isFalse();
    }

    @Test
    void keysReadFromTheirBase64EncodingsAndBadOnesAreRefused() {
        String priv = java.util.Base64.getEncoder()
                .encodeToString(ARCHIVE.getPrivate().getEncoded());
        String pub =
                java.util.Base64.getEncoder().encodeToString(ARCHIVE.getPublic().getEncoded());
        RecordArchived signed = record("cd".repeat(32)).signedWith(EventSignature.privateKey(priv));
        assertThat(EventSignature.verify(
                        EventSignature.signedContent(signed),
                        signed.signature(),
                        EventSignature.publicKeys(" " + pub + " ,")))
                .isTrue();
        assertThatThrownBy(() -> EventSignature.publicKeys("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSignature.privateKey("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

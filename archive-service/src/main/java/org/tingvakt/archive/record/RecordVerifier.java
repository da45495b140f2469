package org.tingvakt.archive.record;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.archive.storage.ArtefactIntegrityException;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.problem.ProblemException;

/**
 * Recomputes a stored record's hashes from its stored bytes (read back from the artefact store) and checks them against
 * what was recorded: the native JSON (record hash), the comment's digest, the PDF and PNG (against both the record's
 * columns and the hashes the JSON holds), and the record's chain link.
 */
@ApplicationScoped
public class RecordVerifier {
    private final ArtefactStore store;

    public RecordVerifier(ArtefactStore store) {
        this.store = store;
    }

    /**
     * The outcome: each check, and the hashes as recomputed now. After retention or erasure removed the artefacts,
     * {@code personalDataRemovedAt} is set, the content checks are false, and only the chain link (over the recorded
     * hashes) can still be checked.
     */
    public record Verification(
            UUID recordId,
            boolean recordHashMatches,
            boolean contentDigestMatches,
            boolean pdfHashMatches,
            boolean pngHashMatches,
            boolean chainLinkMatches,
            String recordSha256,
            String contentSha256,
            Instant personalDataRemovedAt) {
        public boolean intact() {
            return recordHashMatches && contentDigestMatches && pdfHashMatches && pngHashMatches && chainLinkMatches;
        }
    }

    /** The digest of the comment a request carries, as moderation computed it ({@link EvidenceDigest}). */
    public static String contentDigest(ArchiveRequested r) {
        return EvidenceDigest.of(
                r.commentId(),
                r.version(),
                r.sender() == null ? null : r.sender().platformId(),
                r.text());
    }

    @Transactional
    public Verification verify(UUID id) {
        ArchiveRecord r = ArchiveRecord.<ArchiveRecord>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no record " + id));
        ArchiveRecord.getEntityManager().refresh(r);
        Optional<byte[]> json;
        String recordSha;
        try {
            json = store.read(id, ArtefactKind.JSON);
            recordSha = json.map(HashChain::sha256).orElse("removed");
        } catch (ArtefactIntegrityException e) {
            json = Optional.empty(); // a store that checks on read (S3) refused changed bytes: the check fails
            recordSha = "changed";
        }
        String content = "removed";
        String jsonPdf = null;
        String jsonPng = null;
        if (json.isPresent()) {
            try {
                RecordDocument.Parsed doc = RecordDocument.read(json.get());
                content = contentDigest(doc.request());
                jsonPdf = doc.pdfSha256();
                jsonPng = doc.pngSha256();
            } catch (RuntimeException e) {
                content = "unreadable";
            }
        }
        boolean pdf = matches(id, ArtefactKind.PDF, r.pdfSha256, jsonPdf);
        boolean png = matches(id, ArtefactKind.PNG, r.pngSha256, jsonPng);
        boolean chain = HashChain.chainHash(r.previousChainHash, r.recordSha256, r.id.toString())
                .equals(r.chainHash);
        return new Verification(
                r.id,
                recordSha.equals(r.recordSha256),
                content.equals(r.contentSha256),
                pdf,
                png,
                chain,
                recordSha,
                content,
                r.personalDataRemovedAt);
    }

    private boolean matches(UUID id, ArtefactKind kind, String recorded, String inJson) {
        Optional<byte[]> bytes;
        try {
            bytes = store.read(id, kind);
        } catch (ArtefactIntegrityException e) {
            return false; // a store that checks on read (S3) refused bytes that no longer match
        }
        if (bytes.isEmpty() || recorded == null) {
            return false;
        }
        String actual = HashChain.sha256(bytes.get());
        // The JSON's own copy of the hash is compared when the JSON is readable; an unreadable JSON fails its own
        // check.
        return actual.equals(recorded)
                && (inJson == null || actual.equals(inJson))
                && store.recordedSha256(id, kind).map(actual::equals).orElse(false);
    }
}

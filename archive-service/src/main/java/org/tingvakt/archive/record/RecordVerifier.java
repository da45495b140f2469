package org.tingvakt.archive.record;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.problem.ProblemException;

/** Recomputes a stored record's hashes from its stored bytes and checks them against what was recorded. */
@ApplicationScoped
public class RecordVerifier {

    /** The outcome: each check, and the hashes as recomputed now. */
    public record Verification(UUID recordId, boolean recordHashMatches, boolean contentDigestMatches,
                               boolean chainLinkMatches, String recordSha256, String contentSha256) {
        public boolean intact() {
            return recordHashMatches && contentDigestMatches && chainLinkMatches;
        }
    }

    static String contentDigest(ArchiveRequested r) {
        return EvidenceDigest.of(r.commentId(), r.version(), r.sender() == null ? null : r.sender().platformId(),
                r.text());
    }

    @Transactional
    public Verification verify(UUID id) {
        ArchiveRecord r = ArchiveRecord.<ArchiveRecord>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no record " + id));
        ArchiveRecord.getEntityManager().refresh(r); // the bytes as the database holds them, not as this process wrote them
        String recordSha = HashChain.sha256(r.nativeJson);
        String content;
        try {
            content = contentDigest(EventJson.read(r.nativeJson, ArchiveRequested.class));
        } catch (RuntimeException e) {
            content = "unreadable";
        }
        boolean chain = HashChain.chainHash(r.previousChainHash, recordSha, r.id.toString()).equals(r.chainHash);
        return new Verification(r.id, recordSha.equals(r.recordSha256), content.equals(r.contentSha256), chain,
                recordSha, content);
    }
}

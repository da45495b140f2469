package org.tingvakt.moderation.kernel.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The append-only, hash-chained audit log of moderator and admin actions (invariant 6). {@link #record} joins the
 * action's transaction, so an action and its audit line commit or fail together. Each line's hash covers the previous
 * line's hash and its own fields; a changed, inserted or removed line breaks the chain at that point.
 */
@ApplicationScoped
public class AuditLog {
    static final String GENESIS = "0".repeat(64);
    /** Any constant: serialises writers so that seq has no gaps and each line sees its predecessor. */
    private static final long LOCK_KEY = 0x7469_6e67_6175_6469L;

    private static final int VERIFY_BATCH = 1000;

    private final EntityManager em;
    private final ObjectMapper json =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public AuditLog(EntityManager em) {
        this.em = em;
    }

    /** Appends one line in the caller's transaction. {@code detail} holds no comment text or sender data. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry record(String actor, String action, String targetType, String targetId, Map<String, ?> detail) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                .setParameter(1, LOCK_KEY)
                .getSingleResult();
        AuditEntry last = AuditEntry.<AuditEntry>findAll(Sort.descending("seq")).firstResult();
        AuditEntry e = new AuditEntry();
        e.seq = last == null ? 1 : last.seq + 1;
        e.at = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps, so the hash reads back the same
        e.actor = actor == null ? "anonymous" : actor;
        e.action = action;
        e.targetType = targetType;
        e.targetId = targetId;
        e.detail = canonical(detail);
        e.prevHash = last == null ? GENESIS : last.hash;
        e.hash = hashOf(e);
        e.persist();
        return e;
    }

    /** Lines matching the filters, newest first. */
    public List<AuditEntry> query(
            Optional<String> actor,
            Optional<String> action,
            Optional<String> targetType,
            Optional<String> targetId,
            Optional<Instant> from,
            Optional<Instant> to,
            int page,
            int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new TreeMap<>();
        actor.ifPresent(v -> {
            q.append(" and actor = :actor");
            p.put("actor", v);
        });
        action.ifPresent(v -> {
            q.append(" and action = :action");
            p.put("action", v);
        });
        targetType.ifPresent(v -> {
            q.append(" and targetType = :tt");
            p.put("tt", v);
        });
        targetId.ifPresent(v -> {
            q.append(" and targetId = :tid");
            p.put("tid", v);
        });
        from.ifPresent(v -> {
            q.append(" and at >= :from");
            p.put("from", v);
        });
        to.ifPresent(v -> {
            q.append(" and at < :to");
            p.put("to", v);
        });
        return AuditEntry.<AuditEntry>find(q.toString(), Sort.descending("seq"), p)
                .page(io.quarkus.panache.common.Page.of(page, size))
                .list();
    }

    /** The result of checking the whole chain: the number of lines checked and the first broken one, if any. */
    public record Verification(boolean intact, long entries, Optional<Long> firstBrokenSeq, Optional<String> problem) {}

    /** Recomputes every hash from the start, in batches. */
    @Transactional
    public Verification verify() {
        String prev = GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<AuditEntry> batch = AuditEntry.<AuditEntry>find("seq >= ?1", Sort.ascending("seq"), expectedSeq)
                    .page(0, VERIFY_BATCH)
                    .list();
            if (batch.isEmpty()) {
                return new Verification(true, checked, Optional.empty(), Optional.empty());
            }
            for (AuditEntry e : batch) {
                if (e.seq != expectedSeq) {
                    return broken(checked, expectedSeq, "line " + expectedSeq + " is missing");
                }
                if (!e.prevHash.equals(prev)) {
                    return broken(checked, e.seq, "line " + e.seq + " does not follow the line before it");
                }
                if (!hashOf(e).equals(e.hash)) {
                    return broken(checked, e.seq, "line " + e.seq + " was changed after it was written");
                }
                prev = e.hash;
                expectedSeq++;
                checked++;
            }
            batch.forEach(em::detach);
        }
    }

    private static Verification broken(long checked, long seq, String problem) {
        return new Verification(false, checked, Optional.of(seq), Optional.of(problem));
    }

    static String hashOf(AuditEntry e) {
        String material = String.join(
                "\n",
                e.prevHash,
                Long.toString(e.seq),
                e.at.toString(),
                e.actor,
                e.action,
                e.targetType,
                e.targetId,
                e.detail);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private String canonical(Map<String, ?> detail) {
        try {
            return json.writeValueAsString(detail == null ? Map.of() : new TreeMap<>(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serialisable", e);
        }
    }
}

package org.tingvakt.archive.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.pii.PersonalDataDetector;
import org.tingvakt.classifier.rules.RuleHit;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.signatures.Hmac;

/**
 * The index of national ID numbers behind erasure requests: keyed hashes (HMAC-SHA256 with
 * {@code tingvakt.archive.subject-key}, a secret from the environment) of the numbers found in a record, never the
 * numbers. Numbers are found with the classifier's {@link PersonalDataDetector}, whose date and checksum rules
 * ({@code NationalIds}) keep phone and account numbers out; a number is keyed in a canonical form (digits only; a
 * Swedish 12-digit personnummer as its 10 digits; a Finnish HETU with a letter upper-case as written), so "010190-1234",
 * "0101901234" and "19900101-1234" written in a comment are found by a request in any of those forms.
 *
 * <p>The key can be changed: every record names the key its index rows were made with ({@link #fingerprint()}, stored in
 * {@code archive_record.subject_keys_key}); a record indexed under another key is not trusted to the index (erasure scans
 * its JSON) until {@link SubjectKeyBackfill} has re-indexed it under the running key.
 */
@ApplicationScoped
public class SubjectKeys {
    /** The detector rules that name a national ID number (Danish CPR, Swedish, Norwegian, Finnish). */
    private static final List<String> ID_RULES = List.of("pii.dk-cpr", "pii.se-", "pii.no-", "pii.fi-hetu");

    private final DataSource dataSource;
    private final byte[] key;
    private final String fingerprint;
    private final PersonalDataDetector detector = new PersonalDataDetector();

    @Inject
    public SubjectKeys(DataSource dataSource, ArchiveConfig config) {
        this(dataSource, config.subjectKey());
    }

    public SubjectKeys(DataSource dataSource, String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalStateException(
                    "tingvakt.archive.subject-key (TINGVAKT_ARCHIVE_SUBJECT_KEY) must be at " + "least 16 characters");
        }
        this.dataSource = dataSource;
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.fingerprint = keyOf("tingvakt subject key fingerprint").substring(0, 32);
    }

    /**
     * Names the running key without revealing it (128 bits of an HMAC of a fixed label under the key): what a record's
     * {@code subject_keys_key} holds once it is indexed under this key.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** The canonical form of a national ID number as written by anyone, or empty if it cannot be one. */
    static java.util.Optional<String> canonical(String written) {
        String s = written.trim().toUpperCase(Locale.ROOT);
        // A Finnish HETU with a letter (century sign A-F/U-Y or check character) keeps its form; one that is all digits
        // around "-" or "+" has the shape of a CPR or personnummer too and is keyed by its digits, on both sides alike.
        if (s.matches("\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y]") && s.matches(".*[A-Y].*")) {
            return java.util.Optional.of(s);
        }
        String digits = s.replaceAll("[^0-9]", "");
        if (digits.length() < 10 || digits.length() > 12) {
            return java.util.Optional.empty();
        }
        if (digits.length() == 12 && (digits.startsWith("19") || digits.startsWith("20"))) {
            digits = digits.substring(2); // Swedish YYYYMMDDNNNC: keyed as YYMMDDNNNC, the form most people write
        }
        return java.util.Optional.of(digits);
    }

    /** HMAC-SHA256 (hex) of a canonical number. */
    String keyOf(String canonical) {
        return HexFormat.of().formatHex(Hmac.sha256(key, canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** The texts of a request in which national ID numbers are looked for: the comment and every item of its thread. */
    public static List<String> textsOf(ArchiveRequested request) {
        List<String> texts = new ArrayList<>();
        texts.add(request.text());
        if (request.thread() != null) {
            request.thread().stream().filter(java.util.Objects::nonNull).forEach(t -> texts.add(t.text()));
        }
        return texts;
    }

    /** The keys of every national ID number the detectors find in these texts (comment, thread). */
    public Set<String> keysIn(List<String> texts, String languageTag) {
        Language language = language(languageTag);
        Set<String> keys = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || text.isEmpty()) {
                continue;
            }
            for (RuleHit hit : detector.detect(text, language, List.of())) {
                if (ID_RULES.stream().anyMatch(r -> hit.rule().startsWith(r))) {
                    canonical(text.substring(hit.start(), hit.end()))
                            .map(this::keyOf)
                            .ifPresent(keys::add);
                }
            }
        }
        return keys;
    }

    private static Language language(String tag) {
        String code = tag == null ? "" : tag.toLowerCase(Locale.ROOT);
        for (Language l : Language.values()) {
            if (code.startsWith(l.name().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        return Language.OTHER;
    }

    /**
     * Stores a record's keys under the running key, in the caller's transaction, replacing any it had (under another key),
     * and marks the record as indexed under this key.
     */
    public void index(UUID recordId, Set<String> keys) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM record_subject_key WHERE record_id = ?")) {
                ps.setObject(1, recordId);
                ps.executeUpdate();
            }
            if (!keys.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO record_subject_key (key_hmac, record_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    for (String k : keys) {
                        ps.setString(1, k);
                        ps.setObject(2, recordId);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE archive_record SET subject_keys_key = ? WHERE id = ?")) {
                ps.setString(1, fingerprint);
                ps.setObject(2, recordId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not index the record's national ID numbers", e);
        }
    }

    /** The keys stored for a record (whatever key they were made with). */
    public Set<String> storedKeys(UUID recordId) {
        Set<String> keys = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT key_hmac FROM record_subject_key WHERE record_id = ?")) {
            ps.setObject(1, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the record's national ID keys", e);
        }
        return keys;
    }

    /**
     * The records whose keys include this number's (an index lookup; no record is read). Only records indexed under the
     * running key can match; the others are left to the JSON scan.
     */
    public List<UUID> recordsOf(String canonicalNumber) {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT record_id FROM record_subject_key WHERE key_hmac = ?")) {
            ps.setString(1, keyOf(canonicalNumber));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up the national ID index", e);
        }
        return ids;
    }

    /** Forgets a record's keys once its personal data is removed (the keys link it to a person). */
    public void forget(UUID recordId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM record_subject_key WHERE record_id = ?")) {
            ps.setObject(1, recordId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove the record's national ID keys", e);
        }
    }
}

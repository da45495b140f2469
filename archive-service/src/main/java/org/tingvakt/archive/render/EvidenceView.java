package org.tingvakt.archive.render;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.tingvakt.contracts.Platform;

/**
 * Everything an evidence record shows, and nothing it has to fetch: the renderer turns exactly this into a PDF/A and a PNG.
 *
 * <p>All strings are untrusted (comment text, names and links come from the platform and from citizens); the renderer escapes
 * them. Optional values are {@link Optional}; lists are copied and never null.
 *
 * @param recordId the archive's id of this record (shown in header and footer)
 * @param registrationNumber the registration (journal/diary) number, once the record has one
 * @param account the public body's page the comment was posted on
 * @param comment the comment exactly as it appeared, with its sender
 * @param thread the post, the parent comment and neighbouring comments, in any order (shown sorted by time)
 * @param labels classifier or moderator categories, in the order to show them
 * @param moderatorReason the reason given for the removal
 * @param attachments attachments of the comment, listed by name and URL only: never fetched
 * @param contentSha256 SHA-256 (hex) of the comment's canonical content ({@code EvidenceDigest}), printed in the footer
 * @param capturedAt when the archive captured the comment
 * @param language the language of the headings (the comment itself is shown as written)
 * @param zone the time zone in which times are shown (the account's zone)
 */
public record EvidenceView(
        String recordId,
        Optional<String> registrationNumber,
        Account account,
        Comment comment,
        List<ThreadItem> thread,
        List<String> labels,
        String moderatorReason,
        List<Attachment> attachments,
        String contentSha256,
        Instant capturedAt,
        RecordLanguage language,
        ZoneId zone) {

    public EvidenceView {
        Objects.requireNonNull(recordId, "recordId");
        registrationNumber = registrationNumber == null ? Optional.empty() : registrationNumber;
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(comment, "comment");
        thread = thread == null ? List.of() : List.copyOf(thread);
        labels = labels == null ? List.of() : List.copyOf(labels);
        moderatorReason = moderatorReason == null ? "" : moderatorReason;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        contentSha256 = contentSha256 == null ? "" : contentSha256;
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(zone, "zone");
    }

    /** The public body's page: its name and platform id, and the platform. */
    public record Account(String id, String name, Platform platform) {
        public Account {
            Objects.requireNonNull(id, "id");
            name = name == null ? "" : name;
            Objects.requireNonNull(platform, "platform");
        }
    }

    /** Who wrote the comment, as the platform told us (personal data: never logged). */
    public record Sender(String name, String platformId, Optional<String> profileUrl) {
        public Sender {
            name = name == null ? "" : name;
            platformId = platformId == null ? "" : platformId;
            profileUrl = profileUrl == null ? Optional.empty() : profileUrl;
        }
    }

    /** The comment as it appeared on the platform, in the version that is being archived. */
    public record Comment(
            String commentId, int version, String text, Sender sender, Instant postedAt, Optional<String> permalink) {
        public Comment {
            Objects.requireNonNull(commentId, "commentId");
            text = text == null ? "" : text;
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(postedAt, "postedAt");
            permalink = permalink == null ? Optional.empty() : permalink;
        }
    }

    /** One item of the thread around the comment. {@code postedAt} may be unknown. */
    public record ThreadItem(ThreadRole role, String authorName, String text, Optional<Instant> postedAt) {
        public ThreadItem {
            Objects.requireNonNull(role, "role");
            authorName = authorName == null ? "" : authorName;
            text = text == null ? "" : text;
            postedAt = postedAt == null ? Optional.empty() : postedAt;
        }
    }

    /** Where a thread item stands relative to the archived comment. */
    public enum ThreadRole {
        POST,
        PARENT,
        NEIGHBOUR;

        /** Reads the free-text role of {@code ArchiveRequested.ThreadItem}; anything unknown is a neighbour. */
        public static ThreadRole parse(String role) {
            if (role == null) {
                return NEIGHBOUR;
            }
            return switch (role.trim().toLowerCase(Locale.ROOT)) {
                case "post", "root", "status" -> POST;
                case "parent", "parent_comment", "parent-comment" -> PARENT;
                default -> NEIGHBOUR;
            };
        }
    }

    /** An attachment of the comment, listed by name and URL. The renderer never fetches it. */
    public record Attachment(String name, String url) {
        public Attachment {
            name = name == null ? "" : name;
            url = url == null ? "" : url;
        }
    }

    /** The languages of the headings: Danish, Swedish, Norwegian Bokmål and Nynorsk, English. */
    public enum RecordLanguage {
        DA("da"),
        SV("sv"),
        NB("nb"),
        NN("nn"),
        EN("en");

        private final String tag;

        RecordLanguage(String tag) {
            this.tag = tag;
        }

        public Locale locale() {
            return Locale.forLanguageTag(tag);
        }

        public String tag() {
            return tag;
        }

        /** By BCP 47 tag ("da", "sv-SE", "no" and "nb-NO" → Bokmål); English when the language is not one of ours. */
        public static RecordLanguage ofTag(String languageTag) {
            if (languageTag == null) {
                return EN;
            }
            String language =
                    Locale.forLanguageTag(languageTag.replace('_', '-')).getLanguage();
            return switch (language) {
                case "da" -> DA;
                case "sv" -> SV;
                case "nb", "no" -> NB;
                case "nn" -> NN;
                default -> EN;
            };
        }
    }
}

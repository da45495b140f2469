package org.tingvakt.archive.retention;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tingvakt.archive.render.AccessPackageRenderer;
import org.tingvakt.archive.render.AccessPackageView;
import org.tingvakt.archive.render.AccessPackageView.Field;
import org.tingvakt.archive.render.AccessPackageView.Item;
import org.tingvakt.archive.render.AccessPackageView.Section;
import org.tingvakt.archive.render.EvidenceRenderer;
import org.tingvakt.archive.render.EvidenceView;
import org.tingvakt.eventing.EventJson;

/**
 * The one package of an access request (GDPR Art. 15) across the services: the archive's records of the person (with
 * registration numbers and history), what moderation-service holds (comments, direct messages, cases and their
 * decisions, what was sent) and the notifier's reply deadlines, as JSON and as a PDF for the data protection officer.
 * The other services are asked with the requester's token ({@link ServicePersonalData}); the archive's own part is
 * read (and audited) in its own transaction, before them.
 */
@ApplicationScoped
public class AccessPackages {
    private final AccessRequests archive;
    private final ServicePersonalData services;
    private final AccessPackageRenderer renderer = new AccessPackageRenderer(new EvidenceRenderer());

    public AccessPackages(AccessRequests archive, ServicePersonalData services) {
        this.archive = archive;
        this.services = services;
    }

    /** The package: the archive's part at the top (records, quotedIn), the other services' answers beside it. */
    public record Package(
            String subjectKind,
            String subject,
            Instant generatedAt,
            List<String> services,

            @Schema(description = "Services that hold personal data but were not asked (not configured here)")
            List<String> notIncluded,

            List<AccessRequests.RecordData> records,
            List<UUID> quotedIn,

            @Schema(description = "moderation-service's answer: messages, cases (with decisions) and actions")
            Map<String, Object> moderation,

            @Schema(description = "notifier-service's answer: reply deadlines and the notifications about them")
            Map<String, Object> notifier) {}

    public Package export(String platformId, String actor, String authorization) {
        AccessRequests.Export own = archive.export(platformId, actor);
        String id = platformId.trim();
        List<String> asked = new ArrayList<>(List.of(ErasureRequests.ARCHIVE));
        List<String> notIncluded = new ArrayList<>();
        Optional<Map<String, Object>> moderation = services.moderation(id, authorization);
        Set<String> commentIds = new LinkedHashSet<>();
        own.records().forEach(r -> commentIds.add(r.commentId()));
        moderation.ifPresentOrElse(
                m -> {
                    asked.add(ServicePersonalData.MODERATION);
                    JsonNode messages = EventJson.mapper().valueToTree(m).path("messages");
                    messages.forEach(msg -> {
                        if (msg.hasNonNull("commentId")) {
                            commentIds.add(msg.get("commentId").asText());
                        }
                    });
                },
                () -> notIncluded.add(ServicePersonalData.MODERATION));
        commentIds.remove(null);
        Optional<Map<String, Object>> notifier = services.notifier(id, List.copyOf(commentIds), authorization);
        notifier.ifPresentOrElse(
                n -> asked.add(ServicePersonalData.NOTIFIER), () -> notIncluded.add(ServicePersonalData.NOTIFIER));
        return new Package(
                own.subjectKind(),
                id,
                own.generatedAt(),
                asked,
                notIncluded,
                own.records(),
                own.quotedIn(),
                moderation.orElse(null),
                notifier.orElse(null));
    }

    /**
     * The package for a national ID number. The number never leaves the archive: the other services are asked for the
     * comments whose records hold it, and the package names the number only by its last two digits.
     */
    public Package exportByNationalId(String nationalId, String actor, String authorization) {
        AccessRequests.Export own = archive.exportByNationalId(nationalId, actor);
        List<String> asked = new ArrayList<>(List.of(ErasureRequests.ARCHIVE));
        List<String> notIncluded = new ArrayList<>();
        List<String> commentIds = own.records().stream()
                .map(AccessRequests.RecordData::commentId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        Optional<Map<String, Object>> moderation = Optional.empty();
        Optional<Map<String, Object>> notifier = Optional.empty();
        if (commentIds.isEmpty()) {
            // Nothing in the archive holds the number, so there is nothing to ask the others about.
            notIncluded.addAll(List.of(ServicePersonalData.MODERATION, ServicePersonalData.NOTIFIER));
        } else {
            moderation = services.moderationByComments(commentIds, authorization);
            moderation.ifPresentOrElse(
                    m -> asked.add(ServicePersonalData.MODERATION),
                    () -> notIncluded.add(ServicePersonalData.MODERATION));
            notifier = services.notifier(null, commentIds, authorization);
            notifier.ifPresentOrElse(
                    n -> asked.add(ServicePersonalData.NOTIFIER), () -> notIncluded.add(ServicePersonalData.NOTIFIER));
        }
        return new Package(
                own.subjectKind(),
                masked(nationalId),
                own.generatedAt(),
                asked,
                notIncluded,
                own.records(),
                own.quotedIn(),
                moderation.orElse(null),
                notifier.orElse(null));
    }

    /** A national ID number as the package shows it: its last two digits only. */
    static String masked(String nationalId) {
        String digits = nationalId.replaceAll("[^0-9]", "");
        return digits.length() <= 2 ? "**" : "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
    }

    /** The package as a PDF/A with embedded fonts, its headings in {@code language} (da, sv, nb, nn or en). */
    public byte[] pdf(Package p, String language) {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section(
                "section.records",
                p.records().stream().map(AccessPackages::record).toList()));
        sections.add(new Section(
                "section.quotedIn",
                p.quotedIn().stream()
                        .map(q -> new Item(List.of(new Field("recordId", q.toString()))))
                        .toList()));
        JsonNode moderation = EventJson.mapper().valueToTree(p.moderation());
        if (p.moderation() != null) {
            sections.add(section(
                    moderation.path("messages"),
                    "section.messages",
                    m -> List.of(
                            f("kind", m, "kind"),
                            f("platform", m, "platform"),
                            f("account", m, "accountId"),
                            f("commentId", m, "commentId"),
                            f("receivedAt", m, "receivedAt"),
                            f("senderName", m, "senderName"),
                            f("text", m, "text"),
                            f("permalink", m, "permalink"),
                            f("removedAt", m, "personalDataRemovedAt"))));
            sections.add(section(
                    moderation.path("cases"),
                    "section.cases",
                    c -> List.of(
                            f("caseId", c, "id"),
                            f("commentId", c, "commentId"),
                            f("state", c, "state"),
                            f("labels", c, "labels"),
                            f("intents", c, "intents"),
                            f("decision", c, "policyAction"),
                            f("decisionReason", c, "decisionReason"),
                            f("decisionNote", c, "decisionNote"),
                            f("decidedAt", c, "decidedAt"))));
            sections.add(section(
                    moderation.path("actions"),
                    "section.actions",
                    a -> List.of(
                            f("operation", a, "operation"),
                            f("state", a, "state"),
                            f("reason", a, "reason"),
                            f("text", a, "text"),
                            f("receivedAt", a, "createdAt"))));
        }
        if (p.notifier() != null) {
            JsonNode notifier = EventJson.mapper().valueToTree(p.notifier());
            sections.add(section(
                    notifier.path("deadlines"),
                    "section.deadlines",
                    d -> List.of(
                            f("caseId", d, "caseId"),
                            f("commentId", d, "commentId"),
                            f("intent", d, "intent"),
                            f("receivedAt", d, "receivedAt"),
                            f("dueAt", d, "dueAt"),
                            f("state", d, "state"),
                            f("closedAt", d, "closedAt"),
                            new Field("notifications", d.path("notifications").size() + ""))));
        }
        return renderer.render(new AccessPackageView(
                EvidenceView.RecordLanguage.ofTag(language), p.generatedAt(), p.subject(), p.services(), sections));
    }

    private static Item record(AccessRequests.RecordData r) {
        Object text = r.content() == null ? null : r.content().get("text");
        return new Item(List.of(
                new Field("recordId", r.recordId().toString()),
                new Field("commentId", r.commentId()),
                new Field("account", r.accountId()),
                new Field("postedAt", AccessPackageRenderer.time(r.postedAt())),
                new Field("capturedAt", AccessPackageRenderer.time(r.capturedAt())),
                new Field("text", text == null ? null : text.toString()),
                new Field("labels", String.join(", ", r.labels() == null ? List.of() : r.labels())),
                new Field("reason", r.reason()),
                new Field("registrationState", r.registrationState()),
                new Field("registrationNumber", r.registrationNumber()),
                new Field("legalHold", Boolean.toString(r.legalHold())),
                new Field("removedAt", AccessPackageRenderer.time(r.personalDataRemovedAt())),
                new Field(
                        "history",
                        r.history() == null
                                ? null
                                : String.join(
                                        "\n",
                                        r.history().stream()
                                                .map(h -> AccessPackageRenderer.time(h.at()) + "  " + h.action())
                                                .toList()))));
    }

    private static Section section(JsonNode array, String heading, Function<JsonNode, List<Field>> fields) {
        List<Item> items = new ArrayList<>();
        array.forEach(n -> items.add(new Item(fields.apply(n))));
        return new Section(heading, items);
    }

    private static Field f(String label, JsonNode node, String name) {
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return new Field(label, null);
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.asText()));
            return new Field(label, String.join(", ", parts));
        }
        return new Field(label, v.asText());
    }
}

package org.tingvakt.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules every service's OpenAPI document keeps (docs/api.md), and the changes that would break a client generated
 * from the released document. The services' {@code OpenApiContractTest}s apply both to the document they serve.
 */
public final class OpenApiContract {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private OpenApiContract() {}

    /** What the document breaks of the house rules; empty when it keeps them all. */
    public static List<String> violations(JsonNode doc) {
        List<String> found = new ArrayList<>();
        if (doc.path("info").path("version").asText("").isBlank()) {
            found.add("info.version is missing");
        }
        if (!doc.path("servers").isArray() || doc.path("servers").isEmpty()) {
            found.add("no servers entry");
        }
        Map<String, String> ids = new HashMap<>();
        Set<String> describedTags = new HashSet<>();
        doc.path("tags").forEach(t -> {
            if (!t.path("description").asText("").isBlank()) {
                describedTags.add(t.path("name").asText());
            }
        });
        forEachOperation(doc, (where, op) -> {
            String id = op.path("operationId").asText("");
            if (id.isBlank()) {
                found.add(where + ": no operationId");
            } else if (ids.putIfAbsent(id, where) != null) {
                found.add(where + ": operationId " + id + " is also used by " + ids.get(id));
            }
            if (!op.has("security") || !op.get("security").isArray()) {
                found.add(where + ": no security declared (bearer with roles, or security: [] when public)");
            } else if (!op.get("security").isEmpty()) {
                if (!op.path("description").asText("").contains("Roles:")) {
                    found.add(where + ": bearer security without the roles named in the description");
                }
                // every service limits failed authentication per client address (FailedAuthenticationLimits)
                if (!op.path("responses").path("429").path("headers").has("Retry-After")) {
                    found.add(where + ": bearer security without the 429 of failed authentication and its Retry-After");
                }
            }
            if (op.path("tags").isEmpty()) {
                found.add(where + ": no tag");
            }
            op.path("tags").forEach(t -> {
                if (!describedTags.contains(t.asText())) {
                    found.add(where + ": tag " + t.asText() + " has no description");
                }
            });
            boolean any4xx = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    any4xx |= r.getKey().startsWith("4");
                    String ref = r.getValue()
                            .path("content")
                            .path("application/problem+json")
                            .path("schema")
                            .path("$ref")
                            .asText("");
                    if (!PROBLEM_REF.equals(ref)) {
                        found.add(where + ": response " + r.getKey() + " is not an RFC 9457 problem body");
                    }
                }
            }
            if (!any4xx) {
                found.add(where + ": documents no 4xx response");
            }
        });
        return found;
    }

    /**
     * What a client generated from {@code released} would trip over in {@code current}: an operation removed or renamed
     * (its id gone, or moved to another path or method), a parameter that is now required, a property removed from a schema,
     * or a property's type changed.
     */
    public static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> found = new ArrayList<>();
        Map<String, String> currentOps = new HashMap<>();
        Map<String, JsonNode> currentOpNodes = new HashMap<>();
        forEachOperation(current, (where, op) -> {
            currentOps.put(op.path("operationId").asText(), where);
            currentOpNodes.put(op.path("operationId").asText(), op);
        });
        forEachOperation(released, (where, op) -> {
            String id = op.path("operationId").asText();
            String now = currentOps.get(id);
            if (now == null) {
                found.add("operation " + id + " (" + where + ") was removed or renamed");
                return;
            }
            if (!now.equals(where)) {
                found.add("operation " + id + " moved from " + where + " to " + now);
            }
            Set<String> requiredBefore = new HashSet<>();
            op.path("parameters").forEach(p -> {
                if (p.path("required").asBoolean(false)) {
                    requiredBefore.add(
                            p.path("in").asText() + ":" + p.path("name").asText());
                }
            });
            currentOpNodes.get(id).path("parameters").forEach(p -> {
                String key = p.path("in").asText() + ":" + p.path("name").asText();
                if (p.path("required").asBoolean(false) && !requiredBefore.contains(key)) {
                    found.add("operation " + id + " now requires the parameter " + key);
                }
            });
        });
        JsonNode releasedSchemas = released.path("components").path("schemas");
        JsonNode currentSchemas = current.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> it = releasedSchemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            JsonNode now = currentSchemas.path(schema.getKey());
            if (now.isMissingNode()) {
                found.add("schema " + schema.getKey() + " was removed");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> p =
                            schema.getValue().path("properties").fields();
                    p.hasNext(); ) {
                Map.Entry<String, JsonNode> property = p.next();
                JsonNode nowProperty = now.path("properties").path(property.getKey());
                if (nowProperty.isMissingNode()) {
                    found.add("property " + schema.getKey() + "." + property.getKey() + " was removed");
                } else if (!property.getValue().path("type").equals(nowProperty.path("type"))) {
                    found.add("property " + schema.getKey() + "." + property.getKey() + " changed its type from "
                            + property.getValue().path("type") + " to " + nowProperty.path("type"));
                }
            }
        }
        return found;
    }

    /** Every operation as "METHOD /path". */
    public static List<String> operations(JsonNode doc) {
        List<String> all = new ArrayList<>();
        forEachOperation(doc, (where, op) -> all.add(where));
        return all;
    }

    /** The major version of info.version ("1.2.0" → 1): a breaking change is allowed only with a new major. */
    public static int majorVersion(JsonNode doc) {
        String version = doc.path("info").path("version").asText("0");
        return Integer.parseInt(version.split("\\.")[0]);
    }

    private interface OperationVisitor {
        void visit(String where, JsonNode operation);
    }

    private static void forEachOperation(JsonNode doc, OperationVisitor visitor) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    visitor.visit(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
                }
            }
        }
    }
}

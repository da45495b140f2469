package org.tingvakt.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.tags.Tag;
import org.tingvakt.problem.Problem;
import org.tingvakt.problem.RateLimitHeaders;

/**
 * Makes each service's OpenAPI document state the conventions every Tingvakt API keeps, so that generated clients and
 * linters see them: every error is an RFC 9457 problem body; every operation declares its security (bearer with the
 * roles named, or {@code security: []} for the public ones: webhooks, the transparency figures, the console's
 * settings); bearer operations document 401, 403 and the 429 of {@link org.tingvakt.security.FailedAuthenticationLimits}
 * (with {@code Retry-After}); every tag is described (from {@code META-INF/openapi-tags.properties}
 * of the service); operation ids come from {@code META-INF/openapi-operations.properties} ("METHOD /path" = id), where
 * the service has listed them. A service names this filter in {@code mp.openapi.filter}.
 *
 * <p>Hand-written because SmallRye OpenAPI has no setting for a shared error schema or for declaring public operations;
 * it is the extension point the MicroProfile OpenAPI specification provides for exactly this.
 */
public class ApiContractFilter implements OASFilter {
    static final String PROBLEM = "Problem";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    static final String TAGS_RESOURCE = "META-INF/openapi-tags.properties";
    static final String OPERATIONS_RESOURCE = "META-INF/openapi-operations.properties";
    static final String EXAMPLES_RESOURCE = "META-INF/openapi-examples.json";
    /**
     * Path prefixes whose operations a service limits per client (one per line, {@code /webhooks/ = limited}): their
     * operations document the 429 answer and the rate-limit headers. The limit is applied by a request filter, not by
     * an annotation on each method, so the document learns of it here.
     */
    static final String RATE_LIMITS_RESOURCE = "META-INF/openapi-rate-limits.properties";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() != null ? api.getComponents() : OASFactory.createComponents();
        api.setComponents(components);
        components.addSchema(PROBLEM, problemSchema());
        declareHeaders(components);
        addExamples(components);
        TreeSet<String> usedTags = new TreeSet<>();
        Properties operationIds = load(OPERATIONS_RESOURCE);
        Properties limitedPrefixes = load(RATE_LIMITS_RESOURCE);
        boolean rateLimited = false;
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (Map.Entry<String, PathItem> path :
                    api.getPaths().getPathItems().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                        path.getValue().getOperations().entrySet()) {
                    Operation op = entry.getValue();
                    // The id a generated client names the call by: kept in one reviewed file per service, so that
                    // renaming a Java method never renames a client's method.
                    String id = operationIds.getProperty(entry.getKey().name() + " " + path.getKey());
                    if (id != null) {
                        op.setOperationId(id);
                    }
                    String route = path.getKey();
                    boolean limited =
                            limitedPrefixes.stringPropertyNames().stream().anyMatch(route::startsWith);
                    declare(op, limited);
                    rateLimited |= op.getResponses().getAPIResponse("429") != null;
                    if (path.getKey().startsWith("/api/")) {
                        declareVersionHeader(op, limited);
                    }
                    if (op.getTags() != null) {
                        usedTags.addAll(op.getTags());
                    }
                }
            }
        }
        describeTags(api, usedTags);
        if (!rateLimited) {
            // Declared once an operation is limited; an unused component would only puzzle a reader (and a linter).
            List.of(
                            RateLimitHeaders.RATE_LIMIT_LIMIT,
                            RateLimitHeaders.RATE_LIMIT_REMAINING,
                            RateLimitHeaders.RATE_LIMIT_RESET,
                            RateLimitHeaders.RETRY_AFTER)
                    .forEach(components::removeHeader);
        }
    }

    private static void declare(Operation op, boolean limited) {
        List<SecurityRequirement> security = op.getSecurity();
        boolean bearer = security != null && !security.isEmpty();
        if (security == null) {
            op.setSecurity(new ArrayList<>()); // serialised as security: [] (public on purpose)
        }
        APIResponses responses = op.getResponses() != null ? op.getResponses() : OASFactory.createAPIResponses();
        op.setResponses(responses);
        if (bearer) {
            addIfMissing(responses, "401", "No valid bearer token (missing, expired, another issuer or audience).");
            addIfMissing(responses, "403", "The token's roles may not call this operation.");
            String roles = roles(security);
            if (!roles.isEmpty()
                    && (op.getDescription() == null || !op.getDescription().contains("Roles:"))) {
                String before =
                        op.getDescription() == null ? "" : op.getDescription().strip() + "\n\n";
                op.setDescription(before + "Roles: " + roles + ".");
            }
        }
        boolean takesInput = op.getRequestBody() != null
                || (op.getParameters() != null && !op.getParameters().isEmpty());
        boolean any4xx = responses.getAPIResponses() != null
                && responses.getAPIResponses().keySet().stream().anyMatch(k -> k.startsWith("4"));
        if (takesInput && !any4xx) {
            addIfMissing(responses, "400", "The request is malformed or not valid; the problem body says which field.");
        } else if (!any4xx) {
            addIfMissing(responses, "406", "The Accept header asks for a media type this operation does not produce.");
        }
        if (limited) {
            addIfMissing(
                    responses,
                    "429",
                    "Too many requests from this client in the current window; wait Retry-After seconds.");
        } else if (bearer) {
            // FailedAuthenticationLimits answers before any endpoint: a client address that presented too many failing
            // tokens gets 429 on every secured operation, whatever the operation limits itself.
            addIfMissing(
                    responses,
                    "429",
                    "Too many failed authentications (invalid, expired or foreign tokens) from this client address in"
                            + " the current minute; wait Retry-After seconds. A valid token is never refused this way.");
        }
        addIfMissing(responses, "500", "Internal error; the body says no more than that.");
        Map<String, APIResponse> all = responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses();
        for (Map.Entry<String, APIResponse> e : all.entrySet()) {
            if (e.getKey().startsWith("4") || e.getKey().startsWith("5")) {
                e.getValue().setContent(problemContent());
                if (e.getKey().equals("429")) {
                    e.getValue().addHeader(RateLimitHeaders.RETRY_AFTER, headerRef(RateLimitHeaders.RETRY_AFTER));
                    rateLimitHeaders(e.getValue());
                }
            } else if (e.getKey().startsWith("2")) {
                declareBinary(e.getValue().getContent());
                if (limited) {
                    rateLimitHeaders(e.getValue());
                }
            }
        }
    }

    /**
     * A file answer (a PDF, a PNG, a ZIP package) that declares a media type but no schema is declared as binary, so
     * that a generated client hands over the bytes instead of discarding the body.
     */
    private static void declareBinary(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        content.getMediaTypes().forEach((type, media) -> {
            boolean text = type.contains("json") || type.startsWith("text/") || type.contains("xml");
            if (!text && media.getSchema() == null) {
                media.setSchema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING)
                        .format("binary"));
            }
        });
    }

    /** Every answer of a {@code /api/} operation names the API version it was served under (docs/api.md). */
    private static void declareVersionHeader(Operation op, boolean limited) {
        if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) {
            return;
        }
        op.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeader(ApiVersionHeader.NAME, headerRef(ApiVersionHeader.NAME));
                if (limited) {
                    // a limited operation counts every request, so every answer tells the budget left; the limit on
                    // failed authentication counts only refused tokens and shows only on its 429
                    rateLimitHeaders(response);
                }
            }
        });
    }

    private static void rateLimitHeaders(APIResponse response) {
        for (String name : List.of(
                RateLimitHeaders.RATE_LIMIT_LIMIT,
                RateLimitHeaders.RATE_LIMIT_REMAINING,
                RateLimitHeaders.RATE_LIMIT_RESET)) {
            response.addHeader(name, headerRef(name));
        }
    }

    private static Header headerRef(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }

    private static void declareHeaders(Components components) {
        components.addHeader(
                ApiVersionHeader.NAME,
                header(
                        "The version of the API (info.version) that served this answer; a major version change is a"
                                + " new path prefix (docs/api.md, Versioning).",
                        Schema.SchemaType.STRING));
        components.addHeader(
                RateLimitHeaders.RATE_LIMIT_LIMIT,
                header("Requests the caller may make in the current window.", Schema.SchemaType.INTEGER));
        components.addHeader(
                RateLimitHeaders.RATE_LIMIT_REMAINING,
                header("Requests left in the current window.", Schema.SchemaType.INTEGER));
        components.addHeader(
                RateLimitHeaders.RATE_LIMIT_RESET,
                header("Seconds until the current window resets.", Schema.SchemaType.INTEGER));
        components.addHeader(
                RateLimitHeaders.RETRY_AFTER,
                header(
                        "On 429: seconds to wait before the next request (RFC 9110, 10.2.3).",
                        Schema.SchemaType.INTEGER));
    }

    private static Header header(String description, Schema.SchemaType type) {
        return OASFactory.createHeader()
                .description(description)
                .schema(OASFactory.createSchema().addType(type));
    }

    /**
     * Examples of a service's request and response bodies where texts appear, per schema and property, from its {@code
     * META-INF/openapi-examples.json} ({@code {"DecisionRequest": {"note": ["…", "…"]}}}): kept beside the operation ids
     * so that the texts in Danish, Swedish and Norwegian are reviewed in one place and not in annotations.
     */
    private static void addExamples(Components components) {
        Map<String, Map<String, List<Object>>> examples = loadExamples();
        if (components.getSchemas() == null) {
            return;
        }
        examples.forEach((schemaName, properties) -> {
            Schema schema = components.getSchemas().get(schemaName);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            properties.forEach((property, values) -> {
                Schema p = schema.getProperties().get(property);
                if (p != null) {
                    p.setExamples(new ArrayList<>(values));
                }
            });
        });
    }

    private static Map<String, Map<String, List<Object>>> loadExamples() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(EXAMPLES_RESOURCE)) {
            if (in == null) {
                return Map.of();
            }
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(in, new com.fasterxml.jackson.core.type.TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String roles(List<SecurityRequirement> security) {
        TreeSet<String> roles = new TreeSet<>();
        for (SecurityRequirement requirement : security) {
            if (requirement.getSchemes() != null) {
                requirement.getSchemes().values().forEach(scopes -> {
                    if (scopes != null) {
                        roles.addAll(scopes);
                    }
                });
            }
        }
        return String.join(", ", roles);
    }

    private static void addIfMissing(APIResponses responses, String status, String description) {
        if (responses.getAPIResponse(status) == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        MediaType media =
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    }

    static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                string("A URI reference that identifies the problem type; about:blank for a plain HTTP error."));
        properties.put("title", string("A short summary of the problem type."));
        properties.put(
                "status",
                OASFactory.createSchema()
                        .addType(Schema.SchemaType.INTEGER)
                        .format("int32")
                        .description("The HTTP status code."));
        properties.put("detail", string("What went wrong with this request, in words a person can act on."));
        properties.put(
                "errors",
                OASFactory.createSchema()
                        .addType(Schema.SchemaType.ARRAY)
                        .items(string(null))
                        .description("Field-level messages of a failed validation."));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem body; every 4xx and 5xx answer of the Tingvakt APIs has one.")
                .properties(properties)
                .required(List.of("type", "title", "status"));
    }

    private static Schema string(String description) {
        Schema s = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return description == null ? s : s.description(description);
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static void describeTags(OpenAPI api, TreeSet<String> used) {
        Properties descriptions = load(TAGS_RESOURCE);
        Map<String, Tag> tags = new LinkedHashMap<>();
        if (api.getTags() != null) {
            api.getTags().forEach(t -> tags.put(t.getName(), t));
        }
        for (String name : used) {
            tags.computeIfAbsent(name, n -> OASFactory.createTag().name(n));
        }
        for (Tag tag : tags.values()) {
            String description = descriptions.getProperty(tag.getName());
            if ((tag.getDescription() == null || tag.getDescription().isBlank()) && description != null) {
                tag.setDescription(description);
            }
        }
        api.setTags(new ArrayList<>(tags.values()));
    }
}

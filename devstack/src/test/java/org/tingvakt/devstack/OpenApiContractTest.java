package org.tingvakt.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The checker finds each kind of violation and breaking change on small documents written for the case. */
class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String GOOD = """
            {"openapi":"3.1.0","info":{"title":"t","version":"1.0.0"},"servers":[{"url":"http://localhost"}],
             "tags":[{"name":"Cases","description":"The queue"}],
             "paths":{"/api/cases":{"get":{"operationId":"listCases","tags":["Cases"],
               "description":"Roles: moderator.","security":[{"bearer":["moderator"]}],
               "parameters":[{"name":"after","in":"query","required":false}],
               "responses":{"200":{"description":"ok"},"401":{"description":"no",
                 "content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                 "429":{"description":"too many failed authentications",
                   "headers":{"Retry-After":{"$ref":"#/components/headers/Retry-After"}},
                   "content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
             "components":{"schemas":{"Problem":{"type":"object"},
               "Case":{"type":"object","properties":{"id":{"type":"string"},"state":{"type":"string"}}}}}}
            """;

    private static ObjectNode good() throws Exception {
        return (ObjectNode) JSON.readTree(GOOD);
    }

    private static ObjectNode op(JsonNode doc) {
        return (ObjectNode) doc.path("paths").path("/api/cases").path("get");
    }

    @Test
    void aDocumentThatKeepsTheRulesHasNoViolations() throws Exception {
        assertThat(OpenApiContract.violations(good())).isEmpty();
    }

    @Test
    void eachBrokenRuleIsReported() throws Exception {
        ObjectNode doc = good();
        op(doc).remove("operationId");
        op(doc).remove("security");
        ((ObjectNode) op(doc).path("responses").path("401")).remove("content");
        doc.remove("servers");
        ((ObjectNode) doc.path("tags").get(0)).remove("description");

        assertThat(String.join("\n", OpenApiContract.violations(doc)))
                .contains("no operationId")
                .contains("no security declared")
                .contains("not an RFC 9457 problem body")
                .contains("no servers entry")
                .contains("tag Cases has no description");
    }

    @Test
    void bearerSecurityMustNameItsRolesAndAPublicOperationIsFine() throws Exception {
        ObjectNode doc = good();
        op(doc).remove("description");
        assertThat(OpenApiContract.violations(doc)).anyMatch(v -> v.contains("without the roles named"));

        op(doc).set("security", JSON.createArrayNode());
        assertThat(OpenApiContract.violations(doc)).isEmpty();
    }

    @Test
    void aBearerOperationMustDeclareTheFailedAuthenticationLimitWithRetryAfter() throws Exception {
        ObjectNode doc = good();
        ((ObjectNode) op(doc).path("responses").path("429")).remove("headers");
        assertThat(OpenApiContract.violations(doc))
                .containsExactly("GET /api/cases: bearer security without the 429 of failed authentication and its "
                        + "Retry-After");

        ((ObjectNode) op(doc).path("responses")).remove("429");
        assertThat(OpenApiContract.violations(doc)).hasSize(1);
        op(doc).set("security", JSON.createArrayNode());
        assertThat(OpenApiContract.violations(doc)).isEmpty();
    }

    @Test
    void anAddedResponseBreaksNothing() throws Exception {
        ObjectNode released = good();
        ((ObjectNode) op(released).path("responses")).remove("429");
        assertThat(OpenApiContract.breakingChanges(released, good())).isEmpty();
    }

    @Test
    void aRenamedOperationARemovedPropertyAndANewRequiredParameterBreakClients() throws Exception {
        ObjectNode current = good();
        op(current).put("operationId", "getCases");
        assertThat(OpenApiContract.breakingChanges(good(), current)).anyMatch(c -> c.contains("listCases"));

        current = good();
        ((ObjectNode) current.path("components").path("schemas").path("Case").path("properties")).remove("state");
        assertThat(OpenApiContract.breakingChanges(good(), current)).containsExactly("property Case.state was removed");

        current = good();
        ((ObjectNode) op(current).path("parameters").get(0)).put("required", true);
        ((ArrayNode) op(current).path("parameters"))
                .addObject()
                .put("name", "account")
                .put("in", "query")
                .put("required", true);
        assertThat(OpenApiContract.breakingChanges(good(), current))
                .containsExactlyInAnyOrder(
                        "operation listCases now requires the parameter query:after",
                        "operation listCases now requires the parameter query:account");
    }

    @Test
    void anAddedOperationOrPropertyBreaksNothing() throws Exception {
        ObjectNode current = good();
        ((ObjectNode) current.path("components").path("schemas").path("Case").path("properties"))
                .putObject("labels")
                .put("type", "array");
        assertThat(OpenApiContract.breakingChanges(good(), current)).isEmpty();
        assertThat(OpenApiContract.majorVersion(current)).isEqualTo(1);
    }
}

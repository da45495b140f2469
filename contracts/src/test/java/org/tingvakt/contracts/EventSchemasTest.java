package org.tingvakt.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JSON schema of every event, committed under {@code src/main/resources/schemas/}, must be what the records generate:
 * a changed event fails here until its schema is regenerated ({@code -Dtingvakt.schemas.write=true}) and reviewed.
 */
class EventSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SchemaGenerator GENERATOR;

    static {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
        // Times travel as ISO-8601 strings (EventJson disables timestamps).
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            Class<?> t = javaType.getErasedType();
            String format = t == Instant.class
                    ? "date-time"
                    : t == LocalDate.class ? "date" : t == LocalTime.class ? "time" : null;
            if (format == null) {
                return null;
            }
            return new CustomDefinition(
                    context.getGeneratorConfig()
                            .createObjectNode()
                            .put("type", "string")
                            .put("format", format),
                    true);
        });
        // A string field annotated @KnownValues lists the enum's names: for a list, its items.
        config.forFields().withInstanceAttributeOverride((node, field, context) -> {
            KnownValues known = field.getAnnotationConsideringFieldAndGetter(KnownValues.class);
            if (known == null || (field.isContainerType() && !field.isFakeContainerItemScope())) {
                return; // the list itself: its items get the values
            }
            com.fasterxml.jackson.databind.node.ArrayNode values = node.putArray("enum");
            for (Enum<?> e : known.value().getEnumConstants()) {
                values.add(e.name());
            }
        });
        GENERATOR = new SchemaGenerator(config.build());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theCommittedSchemaIsWhatTheRecordGenerates(EventType type) throws IOException {
        JsonNode generated = GENERATOR.generateSchema(type.recordClass());
        ((com.fasterxml.jackson.databind.node.ObjectNode) generated).put("$id", "urn:tingvakt:schema:" + type.ceType());
        ((com.fasterxml.jackson.databind.node.ObjectNode) generated)
                .put("title", type.recordClass().getSimpleName());
        String name = type.recordClass().getSimpleName() + ".schema.json";
        if (Boolean.getBoolean("tingvakt.schemas.write")) {
            Files.writeString(
                    Path.of("src/main/resources/schemas", name),
                    JSON.writeValueAsString(generated) + "\n",
                    StandardCharsets.UTF_8);
        }
        try (InputStream committed = getClass().getResourceAsStream("/schemas/" + name)) {
            assertThat(committed).as("schemas/" + name + " is committed").isNotNull();
            assertThat(JSON.readTree(committed)).isEqualTo(generated);
        }
        assertThat(generated.path("properties").has("threadKey")).isTrue();
        if (type.recordClass() == CommentClassified.class) {
            assertThat(generated.at("/properties/labels/items/enum").toString()).contains("\"THREAT\"", "\"SECRET\"");
            assertThat(generated.at("/properties/action/enum").toString()).contains("\"HIDE_AND_ARCHIVE\"");
        }
    }
}

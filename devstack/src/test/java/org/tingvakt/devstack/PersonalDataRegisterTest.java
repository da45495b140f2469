package org.tingvakt.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataRegisterTest {
    @TempDir
    Path dir;

    @Test
    void replaysCreateAlterDropAndRenameInFlywayVersionOrder() throws IOException {
        Files.writeString(dir.resolve("V1__a.sql"), """
                -- a comment with a ; in it
                CREATE TABLE person (
                    id   UUID PRIMARY KEY,
                    name TEXT NOT NULL CHECK (name <> ''),  -- trailing comment
                    tags TEXT[] NOT NULL DEFAULT '{}',
                    UNIQUE (id, name)
                );
                CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'x; y'; END $$ LANGUAGE plpgsql;
                CREATE TABLE gone (id INT);
                """);
        Files.writeString(dir.resolve("V10__c.sql"), "ALTER TABLE person RENAME COLUMN nick TO alias;");
        Files.writeString(dir.resolve("V2__b.sql"), """
                ALTER TABLE person ADD COLUMN nick TEXT, ADD COLUMN age INT, DROP COLUMN tags,
                    ADD CONSTRAINT person_age CHECK (age > 0);
                DROP TABLE gone;
                """);
        Map<String, Set<String>> schema = PersonalDataRegister.schema(List.of(dir));
        assertThat(schema).containsOnlyKeys("person");
        assertThat(schema.get("person")).containsExactlyInAnyOrder("id", "name", "age", "alias");
    }

    @Test
    void reportsColumnsAndTablesMissingFromTheRegisterAndListedButGone() throws IOException {
        Path doc = dir.resolve("register.md");
        Files.writeString(doc, """
                text before
                <!-- register:begin -->
                | service | table | personal | other | why | kept | erasure |
                |---|---|---|---|---|---|---|
                | svc | person | name | id, shoe_size | x | y | z |
                | all | shared | | id | x | y | z |
                | other | person | everything | | x | y | z |
                <!-- register:end -->
                """);
        Map<String, Set<String>> schema = new LinkedHashMap<>();
        schema.put("person", Set.of("id", "name", "email"));
        schema.put("shared", Set.of("id"));
        schema.put("secret", Set.of("id"));
        List<String> diff = PersonalDataRegister.differences(schema, PersonalDataRegister.register(doc, "svc"));
        assertThat(diff)
                .containsExactlyInAnyOrder(
                        "column person.email is not in the register",
                        "the register lists person.shoe_size, which the migrations do not create",
                        "table secret is not in the register [id]");
    }
}

package org.tingvakt.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's texts: one flat JSON object per language in {@code META-INF/resources/console/i18n/<lang>.json}, read by
 * the browser at start ({@code core.js: loadTexts}, {@code t('key')}). These tests read the files as the jar holds them
 * (the test class path) and the console's scripts and pages next to them.
 */
class TranslationsTest {

    static final List<String> LANGUAGES = List.of("da", "sv", "nb", "nn", "en");
    static final String ROOT = "META-INF/resources/console/";
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    /** language → key → text, in the files' order. */
    static final Map<String, Map<String, String>> TEXTS = new LinkedHashMap<>();
    /** Every .js and .html file of the console: path relative to the console's root → content. */
    static final Map<String, String> SOURCES = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException, URISyntaxException {
        // Duplicate keys in a file are an error (a later one would silently win in the browser).
        ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (String lang : LANGUAGES) {
            try (InputStream in =
                    TranslationsTest.class.getClassLoader().getResourceAsStream(ROOT + "i18n/" + lang + ".json")) {
                assertThat(in).as("i18n/%s.json on the class path", lang).isNotNull();
                JsonNode root = json.readTree(in);
                assertThat(root.isObject())
                        .as("i18n/%s.json is one JSON object", lang)
                        .isTrue();
                Map<String, String> texts = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    assertThat(e.getValue().isTextual())
                            .as("%s: %s is a string", lang, e.getKey())
                            .isTrue();
                    texts.put(e.getKey(), e.getValue().textValue());
                }
                TEXTS.put(lang, texts);
            }
        }
        URL url = TranslationsTest.class.getClassLoader().getResource(ROOT + "index.html");
        assertThat(url).as("the console on the class path").isNotNull();
        Path console = Path.of(url.toURI()).getParent();
        try (Stream<Path> files = Files.walk(console)) {
            for (Path f : files.filter(
                            p -> p.toString().endsWith(".js") || p.toString().endsWith(".html"))
                    .sorted()
                    .toList()) {
                SOURCES.put(console.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        }
        assertThat(SOURCES).containsKeys("index.html", "transparency.html", "js/core.js", "js/app.js");
    }

    @Test
    void everyLanguageHasTheSameKeysNoEmptyTextAndTheSamePlaceholders() {
        Set<String> all = new TreeSet<>();
        TEXTS.values().forEach(m -> all.addAll(m.keySet()));
        assertThat(all).as("keys").hasSizeGreaterThan(300);

        List<String> problems = new ArrayList<>();
        for (String key : all) {
            Map<String, Set<String>> placeholders = new LinkedHashMap<>();
            for (String lang : LANGUAGES) {
                String text = TEXTS.get(lang).get(key);
                if (text == null) {
                    problems.add(lang + ": missing " + key);
                    continue;
                }
                if (text.isBlank()) {
                    problems.add(lang + ": empty " + key);
                }
                placeholders.put(lang, placeholders(text));
            }
            if (placeholders.values().stream().distinct().count() > 1) {
                problems.add(key + ": placeholders differ " + placeholders);
            }
        }
        assertThat(problems).as("problems in the translations").isEmpty();
    }

    /** t('key') and t("key"), both sides of t(cond ? 'a' : 'b'), data-i18n="key", and navKey: 'key' must exist. */
    @Test
    void everyKeyTheConsoleUsesExists() {
        Map<String, Set<String>> used = literalKeys();
        assertThat(used.values().stream().mapToInt(Set::size).sum())
                .as("keys found in the sources")
                .isGreaterThan(200);
        List<String> missing = new ArrayList<>();
        used.forEach((file, keys) ->
                keys.stream().filter(k -> !TEXTS.get("en").containsKey(k)).forEach(k -> missing.add(file + ": " + k)));
        assertThat(missing).as("keys used in the console but in no i18n file").isEmpty();
    }

    /** t(`label.${x}`): at least one key fits each such pattern, or the call can only ever show its key. */
    @Test
    void everyKeyPatternTheConsoleUsesHasTexts() {
        Map<String, Pattern> patterns = templatePatterns();
        assertThat(patterns).as("t(`…${…}`) calls found").hasSizeGreaterThan(20);
        List<String> empty = patterns.entrySet().stream()
                .filter(e -> TEXTS.get("en").keySet().stream()
                        .noneMatch(k -> e.getValue().matcher(k).matches()))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(empty).as("t(`…`) patterns no key fits").isEmpty();
    }

    /** No dead texts: every key appears in the sources as a string, or fits one of the t(`…${…}`) patterns. */
    @Test
    void everyTextIsUsed() {
        String all = String.join("\n", SOURCES.values());
        Set<String> quoted = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(['\"])([a-z]\\w*(?:\\.[\\w-]+)+)\\1").matcher(all);
        while (m.find()) {
            quoted.add(m.group(2));
        }
        Map<String, Pattern> patterns = templatePatterns();
        List<String> unused = TEXTS.get("en").keySet().stream()
                .filter(k -> !quoted.contains(k)
                        && patterns.values().stream()
                                .noneMatch(p -> p.matcher(k).matches()))
                .toList();
        assertThat(unused).as("texts that no script or page uses").isEmpty();
    }

    /** The checks above can fail: a broken file is reported. */
    @Test
    void theChecksFindAMissingKeyAndADifferentPlaceholder() {
        assertThat(placeholders("Logget ind som {name} ({role})")).containsExactly("name", "role");
        assertThat(placeholders("{name}")).isNotEqualTo(placeholders("{navn}"));
        Map<String, Pattern> patterns = patternsOf("x t(`label.${l}`) y t(`limit.${c.platformLimit}.long`)");
        assertThat(patterns.get("label.${l}").matcher("label.THREAT").matches()).isTrue();
        assertThat(patterns.get("label.${l}").matcher("label.THREAT.long").matches())
                .isFalse();
        assertThat(patterns.get("limit.${c.platformLimit}.long")
                        .matcher("limit.FOREIGN_MEDIA_MENTION.long")
                        .matches())
                .isTrue();
        assertThat(literalKeysOf("t('a.b'); t(x ? 'c.d' : \"e.f\"); <p data-i18n=\"g.h\">; navKey: 'nav.i',"))
                .containsExactlyInAnyOrder("a.b", "c.d", "e.f", "g.h", "nav.i");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Map<String, Set<String>> literalKeys() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        SOURCES.forEach((file, text) -> out.put(file, literalKeysOf(text)));
        return out;
    }

    private static final Pattern T_CALL = Pattern.compile("\\bt\\(\\s*(['\"])([^'\"]+)\\1");
    private static final Pattern T_TERNARY =
            Pattern.compile("\\bt\\(\\s*[^()'\"`,]+\\?\\s*(['\"])([^'\"]+)\\1\\s*:\\s*(['\"])([^'\"]+)\\3");
    private static final Pattern DATA_I18N = Pattern.compile("data-i18n=\"([^\"]+)\"");
    private static final Pattern KEY_PROPERTY = Pattern.compile("\\w+Key:\\s*(['\"])([^'\"]+)\\1");

    static Set<String> literalKeysOf(String text) {
        Set<String> keys = new TreeSet<>();
        for (Matcher m = T_CALL.matcher(text); m.find(); ) {
            keys.add(m.group(2));
        }
        for (Matcher m = T_TERNARY.matcher(text); m.find(); ) {
            keys.add(m.group(2));
            keys.add(m.group(4));
        }
        for (Matcher m = DATA_I18N.matcher(text); m.find(); ) {
            keys.add(m.group(1));
        }
        for (Matcher m = KEY_PROPERTY.matcher(text); m.find(); ) {
            keys.add(m.group(2));
        }
        return keys;
    }

    static Map<String, Pattern> templatePatterns() {
        return patternsOf(String.join("\n", SOURCES.values()));
    }

    /** t(`prefix.${expr}.suffix`) → prefix\.[A-Za-z0-9_]+\.suffix (one key segment per ${…}). */
    static Map<String, Pattern> patternsOf(String text) {
        Map<String, Pattern> out = new LinkedHashMap<>();
        for (Matcher m = Pattern.compile("\\bt\\(`([^`]*)`").matcher(text); m.find(); ) {
            String template = m.group(1);
            String regex = Stream.of(template.split("\\$\\{[^}]*}", -1))
                    .map(Pattern::quote)
                    .collect(Collectors.joining("[A-Za-z0-9_]+"));
            out.put(template, Pattern.compile(regex));
        }
        return out;
    }
}

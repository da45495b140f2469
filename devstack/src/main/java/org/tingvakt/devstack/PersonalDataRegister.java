package org.tingvakt.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The register of personal data (docs/personal-data.md) against a service's Flyway migrations: {@link #schema} replays
 * the migrations (CREATE TABLE, ALTER TABLE ADD/DROP/RENAME COLUMN, DROP TABLE) into tables and their columns,
 * {@link #register} reads the machine-readable table between {@code <!-- register:begin -->} and
 * {@code <!-- register:end -->}, and {@link #differences} lists every table or column that one has and the other not.
 */
public final class PersonalDataRegister {
    private PersonalDataRegister() {}

    /** Tables and their columns after applying every migration in the given directories, in Flyway version order. */
    public static Map<String, Set<String>> schema(List<Path> migrationDirs) {
        List<Path> files = new ArrayList<>();
        for (Path dir : migrationDirs) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().matches("V[0-9_.]+__.*\\.sql"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.sort(Comparator.comparing(PersonalDataRegister::version, PersonalDataRegister::compareVersions));
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                apply(Files.readString(f), tables);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot read migration " + f + ": " + e.getMessage(), e);
            }
        }
        return tables;
    }

    static List<Integer> version(Path f) {
        String v = f.getFileName().toString();
        v = v.substring(1, v.indexOf("__"));
        List<Integer> parts = new ArrayList<>();
        for (String p : v.split("[._]")) {
            parts.add(Integer.parseInt(p));
        }
        return parts;
    }

    static int compareVersions(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = Integer.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static final Pattern CREATE = Pattern.compile(
            "(?is)^CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z0-9_.\"]+)\\s*\\((.*)\\)\\s*$");
    private static final Pattern ALTER =
            Pattern.compile("(?is)^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?([A-Za-z0-9_.\"]+)\\s+(.*)$");
    private static final Pattern DROP = Pattern.compile("(?is)^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(.*)$");
    private static final Pattern RENAME_TABLE = Pattern.compile("(?is)^RENAME\\s+TO\\s+([A-Za-z0-9_\"]+)$");
    private static final Pattern RENAME_COLUMN =
            Pattern.compile("(?is)^RENAME\\s+(?:COLUMN\\s+)?([A-Za-z0-9_\"]+)\\s+TO\\s+([A-Za-z0-9_\"]+)$");
    private static final Pattern ADD =
            Pattern.compile("(?is)^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z0-9_\"]+)\\s.*$");
    private static final Pattern DROP_COLUMN =
            Pattern.compile("(?is)^DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?([A-Za-z0-9_\"]+)(\\s.*)?$");
    private static final Set<String> CONSTRAINTS =
            Set.of("primary", "unique", "check", "constraint", "foreign", "exclude", "like");

    static void apply(String sql, Map<String, Set<String>> tables) {
        for (String statement : statements(sql)) {
            Matcher m;
            if ((m = CREATE.matcher(statement)).matches()) {
                Set<String> columns = new LinkedHashSet<>();
                for (String element : topLevel(m.group(2))) {
                    String first = element.split("\\s+")[0];
                    if (!first.isEmpty() && !CONSTRAINTS.contains(first.toLowerCase(Locale.ROOT))) {
                        columns.add(name(first));
                    }
                }
                tables.put(name(m.group(1)), columns);
            } else if ((m = ALTER.matcher(statement)).matches()) {
                String table = name(m.group(1));
                for (String action : topLevel(m.group(2))) {
                    Matcher a;
                    if ((a = RENAME_TABLE.matcher(action)).matches()) {
                        tables.put(name(a.group(1)), tables.remove(table));
                        continue;
                    }
                    Set<String> columns = tables.get(table);
                    if (columns == null) {
                        throw new IllegalStateException("ALTER TABLE of unknown table " + table);
                    }
                    if ((a = RENAME_COLUMN.matcher(action)).matches()
                            && !action.toLowerCase(Locale.ROOT).startsWith("rename constraint")) {
                        columns.remove(name(a.group(1)));
                        columns.add(name(a.group(2)));
                    } else if (action.toLowerCase(Locale.ROOT)
                            .matches("(?s)add\\s+(constraint|primary|unique|check|foreign|exclude)\\b.*")) {
                        continue;
                    } else if ((a = ADD.matcher(action)).matches()) {
                        columns.add(name(a.group(1)));
                    } else if (action.toLowerCase(Locale.ROOT).matches("(?s)drop\\s+constraint\\b.*")) {
                        continue;
                    } else if ((a = DROP_COLUMN.matcher(action)).matches()) {
                        columns.remove(name(a.group(1)));
                    }
                }
            } else if ((m = DROP.matcher(statement)).matches()) {
                for (String t : m.group(1)
                        .replaceAll("(?i)\\b(CASCADE|RESTRICT)\\b", "")
                        .split(",")) {
                    tables.remove(name(t.trim()));
                }
            }
        }
    }

    /** Statements without comments and without dollar-quoted bodies, split on semicolons. */
    static List<String> statements(String sql) {
        String s = sql.replaceAll("(?s)\\$([A-Za-z_]*)\\$.*?\\$\\1\\$", "''")
                .replaceAll("--[^\\n]*", "")
                .replaceAll("(?s)/\\*.*?\\*/", "");
        List<String> out = new ArrayList<>();
        for (String part : s.split(";")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Splits on commas that are not inside parentheses or quotes. */
    static List<String> topLevel(String body) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (char c : body.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static String name(String raw) {
        String n = raw.trim();
        int dot = n.lastIndexOf('.');
        n = dot >= 0 ? n.substring(dot + 1) : n;
        return n.startsWith("\"") ? n.replace("\"", "") : n.toLowerCase(Locale.ROOT);
    }

    /** One row of the register. */
    public record Entry(
            String service,
            String table,
            Set<String> personal,
            Set<String> other,
            String why,
            String kept,
            String erasure) {
        public Set<String> columns() {
            Set<String> all = new TreeSet<>(personal);
            all.addAll(other);
            return all;
        }
    }

    /** The register's rows for one service (its own rows and those of service "all"). */
    public static Map<String, Entry> register(Path doc, String service) {
        String text;
        try {
            text = Files.readString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int begin = text.indexOf("<!-- register:begin -->");
        int end = text.indexOf("<!-- register:end -->");
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(doc + " has no machine-readable register");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : text.substring(begin, end).split("\n")) {
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| service ")) {
                continue;
            }
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
            if (cells.length != 7) {
                throw new IllegalStateException("register row has " + cells.length + " cells, not 7: " + line);
            }
            String s = cells[0].trim();
            if (!s.equals(service) && !s.equals("all")) {
                continue;
            }
            Entry e = new Entry(
                    s,
                    cells[1].trim(),
                    list(cells[2]),
                    list(cells[3]),
                    cells[4].trim(),
                    cells[5].trim(),
                    cells[6].trim());
            if (entries.put(e.table(), e) != null) {
                throw new IllegalStateException("table " + e.table() + " is listed twice for " + service);
            }
            Set<String> both = new TreeSet<>(e.personal());
            both.retainAll(e.other());
            if (!both.isEmpty()) {
                throw new IllegalStateException(e.table() + " lists " + both + " as both personal and other");
            }
        }
        return entries;
    }

    private static Set<String> list(String cell) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : cell.split(",")) {
            if (!c.isBlank()) {
                out.add(c.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Every disagreement between the schema and the register, empty when they agree. */
    public static List<String> differences(Map<String, Set<String>> schema, Map<String, Entry> register) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> t : schema.entrySet()) {
            Entry e = register.get(t.getKey());
            if (e == null) {
                out.add("table " + t.getKey() + " is not in the register " + t.getValue());
                continue;
            }
            for (String c : t.getValue()) {
                if (!e.columns().contains(c)) {
                    out.add("column " + t.getKey() + "." + c + " is not in the register");
                }
            }
            for (String c : e.columns()) {
                if (!t.getValue().contains(c)) {
                    out.add("the register lists " + t.getKey() + "." + c + ", which the migrations do not create");
                }
            }
        }
        for (String table : register.keySet()) {
            if (!schema.containsKey(table)) {
                out.add("the register lists table " + table + ", which the migrations do not create");
            }
        }
        return out;
    }

    /**
     * Checks a service's register from its module directory: migrations in {@code src/main/resources/db/migration} and
     * the eventing module's, the register in {@code ../docs/personal-data.md}.
     */
    public static List<String> check(Path moduleDir, String service) {
        Path root = moduleDir.toAbsolutePath().getParent();
        Map<String, Set<String>> schema = schema(List.of(
                root.resolve("eventing/src/main/resources/db/eventing"),
                moduleDir.resolve("src/main/resources/db/migration")));
        return differences(schema, register(root.resolve("docs/personal-data.md"), service));
    }
}

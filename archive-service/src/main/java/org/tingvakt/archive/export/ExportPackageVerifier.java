package org.tingvakt.archive.export;

import static org.tingvakt.archive.export.PackageLayout.METS;
import static org.tingvakt.archive.export.PackageLayout.METS_NS;
import static org.tingvakt.archive.export.PackageLayout.XLINK_NS;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.tingvakt.archive.export.ExportVerification.Kind;
import org.tingvakt.archive.export.ExportVerification.Problem;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Re-reads an export package and recomputes the SHA-256 and size of every file against the METS document that lists it
 * (the package METS.xml or the representation's METS.xml); a file no METS lists is reported.
 *
 * <p>Safe on untrusted zips: nothing is written to disk; every entry name is checked for path escapes; inflated bytes are
 * counted as they are produced (declared sizes are not trusted) and reading stops at the first entry over a size or
 * compression-ratio limit; METS documents are parsed with DTDs and external entities disabled. Thread-safe.
 */
public final class ExportPackageVerifier {

    /**
     * Limits for reading a package.
     *
     * @param maxEntries entries in the zip
     * @param maxEntryBytes inflated bytes of one entry
     * @param maxTotalBytes inflated bytes of all entries
     * @param maxMetadataBytes inflated bytes of one METS.xml (they are parsed in memory)
     * @param maxCompressionRatio inflated to compressed bytes, over the whole zip, once past 1 MiB
     */
    public record Limits(
            int maxEntries, long maxEntryBytes, long maxTotalBytes, long maxMetadataBytes, int maxCompressionRatio) {
        public static final Limits DEFAULT = new Limits(200_000, 1L << 31, 1L << 35, 64L << 20, 200);
    }

    private final Limits limits;

    public ExportPackageVerifier() {
        this(Limits.DEFAULT);
    }

    public ExportPackageVerifier(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ExportVerification verify(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip)) {
            return verify(in);
        }
    }

    /** Reads the zip from {@code in} to its end (not closed) and reports every problem found. */
    public ExportVerification verify(InputStream in) throws IOException {
        List<Problem> problems = new ArrayList<>();
        Map<String, Actual> actual = new LinkedHashMap<>(); // path under the package root → sha256 and size
        Map<String, byte[]> metsFiles = new TreeMap<>(); // every METS.xml, root first ("" sorts first by its path)
        String root = null;

        CountingInputStream raw = new CountingInputStream(in);
        long totalInflated = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8)) {
            while (true) {
                ZipEntry entry;
                try {
                    entry = zip.getNextEntry();
                } catch (ZipException | IllegalArgumentException e) {
                    problems.add(new Problem("(zip)", Kind.UNREADABLE, "zip structure: " + e.getMessage()));
                    break;
                }
                if (entry == null) {
                    break;
                }
                if (++entries > limits.maxEntries()) {
                    problems.add(
                            new Problem("(zip)", Kind.LIMIT_EXCEEDED, "more than " + limits.maxEntries() + " entries"));
                    break;
                }
                String name = entry.getName();
                if (!PackageLayout.isSafeRelativePath(name)) {
                    problems.add(new Problem(
                            printable(name), Kind.UNSAFE_PATH, "entry name could escape the extraction folder"));
                }
                if (root == null) {
                    int slash = name.indexOf('/');
                    root = slash > 0 ? name.substring(0, slash) : "";
                }
                boolean directory = entry.isDirectory();
                String path = root.isEmpty() || !name.startsWith(root + "/") ? null : name.substring(root.length() + 1);
                if (path == null) {
                    problems.add(new Problem(printable(name), Kind.UNLISTED, "outside the package root folder"));
                }
                boolean keep = path != null && isMets(path);
                long entryLimit = keep ? limits.maxMetadataBytes() : limits.maxEntryBytes();

                MessageDigest md = sha256();
                ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
                long entryBytes = 0;
                byte[] buffer = new byte[64 * 1024];
                try {
                    for (int n; (n = zip.read(buffer)) != -1; ) {
                        entryBytes += n;
                        totalInflated += n;
                        String over = overLimit(entryBytes, entryLimit, totalInflated, raw.count);
                        if (over != null) {
                            problems.add(new Problem(printable(name), Kind.LIMIT_EXCEEDED, over));
                            return new ExportVerification(root, actual.size(), problems);
                        }
                        md.update(buffer, 0, n);
                        if (kept != null) {
                            kept.write(buffer, 0, n);
                        }
                    }
                } catch (ZipException e) {
                    problems.add(new Problem(path == null ? printable(name) : path, Kind.UNREADABLE, e.getMessage()));
                    continue;
                }
                if (directory || path == null || path.isEmpty()) {
                    continue;
                }
                if (actual.containsKey(path)) {
                    problems.add(new Problem(path, Kind.DUPLICATE_ENTRY, "the zip holds this name twice"));
                    continue;
                }
                actual.put(path, new Actual(HexFormat.of().formatHex(md.digest()), entryBytes));
                if (keep) {
                    metsFiles.put(path, kept.toByteArray());
                }
            }
        } catch (ZipException e) {
            problems.add(new Problem("(zip)", Kind.UNREADABLE, e.getMessage()));
        }

        Map<String, String> listed = new LinkedHashMap<>();
        if (!metsFiles.containsKey(METS)) {
            problems.add(new Problem(METS, Kind.MALFORMED_METADATA, "no " + METS + " in the package root"));
        }
        for (Map.Entry<String, byte[]> mets : metsFiles.entrySet()) {
            checkMets(mets.getKey(), mets.getValue(), actual, listed, problems);
        }
        for (String path : actual.keySet()) {
            if (!path.equals(METS) && !listed.containsKey(path)) {
                problems.add(new Problem(path, Kind.UNLISTED, "not referenced by any METS.xml of the package"));
            }
        }
        return new ExportVerification(root, actual.size(), problems);
    }

    /** The bytes of one file as read from the zip. */
    private record Actual(String sha256, long size) {}

    /** The package METS.xml, or a representation's representations/NAME/METS.xml. */
    private static boolean isMets(String path) {
        return path.equals(METS) || path.matches("representations/[^/]+/" + METS);
    }

    private String overLimit(long entryBytes, long entryLimit, long total, long compressed) {
        if (entryBytes > entryLimit) {
            return "entry inflates to more than " + entryLimit + " bytes";
        }
        if (total > limits.maxTotalBytes()) {
            return "package inflates to more than " + limits.maxTotalBytes() + " bytes";
        }
        if (total > (1L << 20) && total > (long) limits.maxCompressionRatio() * Math.max(1L, compressed)) {
            return "compression ratio above " + limits.maxCompressionRatio() + ":1";
        }
        return null;
    }

    private static void checkMets(
            String metsPath,
            byte[] mets,
            Map<String, Actual> actual,
            Map<String, String> listed,
            List<Problem> problems) {
        String base = metsPath.substring(0, metsPath.length() - METS.length());
        Document doc;
        try {
            doc = secureParser().parse(new ByteArrayInputStream(mets));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            problems.add(new Problem(metsPath, Kind.MALFORMED_METADATA, "cannot be parsed: " + e.getMessage()));
            return;
        }
        NodeList files = doc.getElementsByTagNameNS(METS_NS, "file");
        for (int i = 0; i < files.getLength(); i++) {
            Element file = (Element) files.item(i);
            NodeList locations = file.getElementsByTagNameNS(METS_NS, "FLocat");
            if (locations.getLength() != 1) {
                problems.add(new Problem(
                        metsPath,
                        Kind.MALFORMED_METADATA,
                        "file " + file.getAttribute("ID") + " has no single FLocat"));
                continue;
            }
            String href = ((Element) locations.item(0)).getAttributeNS(XLINK_NS, "href");
            checksumOf(metsPath, base, file, href, actual, listed, problems);
        }
        NodeList mdRefs = doc.getElementsByTagNameNS(METS_NS, "mdRef");
        for (int i = 0; i < mdRefs.getLength(); i++) {
            Element mdRef = (Element) mdRefs.item(i);
            checksumOf(metsPath, base, mdRef, mdRef.getAttributeNS(XLINK_NS, "href"), actual, listed, problems);
        }
    }

    private static void checksumOf(
            String metsPath,
            String base,
            Element element,
            String href,
            Map<String, Actual> actual,
            Map<String, String> listed,
            List<Problem> problems) {
        if (!PackageLayout.isSafeRelativePath(href)) {
            problems.add(new Problem(
                    printable(href), Kind.UNSAFE_PATH, metsPath + " names a path that could escape the package"));
            return;
        }
        String path = base + href;
        String type = element.getAttribute("CHECKSUMTYPE");
        String checksum = element.getAttribute("CHECKSUM");
        listed.put(path, checksum);
        if (!"SHA-256".equals(type) || checksum.length() != 64) {
            problems.add(new Problem(path, Kind.MALFORMED_METADATA, metsPath + " gives no SHA-256 checksum for it"));
            return;
        }
        Actual found = actual.get(path);
        if (found == null) {
            problems.add(new Problem(path, Kind.MISSING, "listed in " + metsPath + " but not in the zip"));
            return;
        }
        if (!found.sha256().equalsIgnoreCase(checksum)) {
            problems.add(new Problem(
                    path,
                    Kind.CHECKSUM_MISMATCH,
                    metsPath + " says " + checksum.toLowerCase(Locale.ROOT) + ", the file has " + found.sha256()));
        }
        String size = element.getAttribute("SIZE");
        if (!size.equals(Long.toString(found.size()))) {
            problems.add(new Problem(
                    path,
                    Kind.SIZE_MISMATCH,
                    metsPath + " says " + (size.isEmpty() ? "no size" : size + " bytes") + ", the file has "
                            + found.size()));
        }
    }

    private static DocumentBuilder secureParser() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder builder = f.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throw, don't print to stderr
        return builder;
    }

    private static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(300).forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Counts the compressed bytes the zip reader pulls, to measure the compression ratio as it really is. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}

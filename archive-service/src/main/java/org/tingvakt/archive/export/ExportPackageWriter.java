package org.tingvakt.archive.export;

import static org.tingvakt.archive.export.PackageLayout.CSIP_NS;
import static org.tingvakt.archive.export.PackageLayout.DATA;
import static org.tingvakt.archive.export.PackageLayout.DC_NS;
import static org.tingvakt.archive.export.PackageLayout.DESCRIPTIVE;
import static org.tingvakt.archive.export.PackageLayout.DUBLIN_CORE;
import static org.tingvakt.archive.export.PackageLayout.INDEX;
import static org.tingvakt.archive.export.PackageLayout.MANIFEST;
import static org.tingvakt.archive.export.PackageLayout.METS;
import static org.tingvakt.archive.export.PackageLayout.METS_NS;
import static org.tingvakt.archive.export.PackageLayout.SIP_NS;
import static org.tingvakt.archive.export.PackageLayout.XLINK_NS;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.tingvakt.archive.proof.HashChain;

/**
 * Writes the export package of one account and date range: a zip laid out as an E-ARK SIP (CSIP) as far as it fits.
 *
 * <pre>
 * &lt;packageId&gt;/METS.xml                               root METS: every file with its SHA-256, size and MIME type
 * &lt;packageId&gt;/manifest-sha256.txt                    BagIt-style "sha256  path" for every other file
 * &lt;packageId&gt;/metadata/descriptive/dc.xml            Dublin Core of the package (account, date range, count)
 * &lt;packageId&gt;/metadata/descriptive/records.csv       one line a record: id, capture time, registration, hashes
 * &lt;packageId&gt;/metadata/descriptive/&lt;record&gt;.json     each record's native JSON metadata
 * &lt;packageId&gt;/representations/rep1/data/&lt;record&gt;.pdf  the PDF/A rendering
 * &lt;packageId&gt;/representations/rep1/data/&lt;record&gt;.png  the PNG rendering
 * </pre>
 *
 * Every artefact's bytes are checked against the hash the archive recorded before anything is written: a package never
 * carries a record that no longer matches its evidence hash. Thread-safe; holds no state but its clock.
 */
public final class ExportPackageWriter {
    private static final String CREATOR = "Tingvakt archive-service";
    private static final String PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";

    private final Clock clock;

    public ExportPackageWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes the package to {@code out} (not closed).
     *
     * @throws IllegalArgumentException if a record's bytes do not match its recorded SHA-256, or two records share an id
     */
    public ExportSummary write(ExportScope scope, List<ExportRecord> records, OutputStream out) throws IOException {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(records, "records");
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Planned> planned = plan(records);

        // path (relative to the package root) → sha256, for the BagIt manifest
        Map<String, String> manifest = new TreeMap<>();
        String root = scope.packageId() + "/";
        try (ZipOutputStream zip = new ZipOutputStream(new NonClosing(out), StandardCharsets.UTF_8)) {
            zip.setComment("E-ARK SIP " + scope.packageId());
            byte[] dc = dublinCore(scope, records.size(), created);
            put(zip, root, DUBLIN_CORE, dc, true, manifest);
            byte[] index = index(planned);
            put(zip, root, INDEX, index, true, manifest);
            for (Planned p : planned) {
                put(zip, root, p.jsonPath, p.record.json(), true, manifest);
                put(zip, root, p.pdfPath, p.record.pdf(), false, manifest);
                put(zip, root, p.pngPath, p.record.png(), false, manifest);
            }
            byte[] mets = mets(scope, planned, created, sha(dc), dc.length, sha(index), index.length);
            put(zip, root, METS, mets, true, manifest);
            StringBuilder lines = new StringBuilder();
            manifest.forEach((path, sha) -> lines.append(sha).append("  ").append(path).append('\n'));
            byte[] manifestBytes = lines.toString().getBytes(StandardCharsets.UTF_8);
            put(zip, root, MANIFEST, manifestBytes, true, new TreeMap<>());
            zip.finish();
            return new ExportSummary(scope.packageId(), planned.size(), manifest.size() + 1, sha(mets), created);
        }
    }

    private record Planned(ExportRecord record, int n, String jsonPath, String pdfPath, String pngPath) {
    }

    private static List<Planned> plan(List<ExportRecord> records) {
        Set<String> stems = new HashSet<>();
        List<Planned> planned = new ArrayList<>(records.size());
        int n = 0;
        for (ExportRecord r : records) {
            check(r, "pdf", r.pdf(), r.pdfSha256());
            check(r, "png", r.png(), r.pngSha256());
            check(r, "json", r.json(), r.jsonSha256());
            String stem = PackageLayout.fileStem(r.recordId());
            if (!stems.add(stem)) {
                throw new IllegalArgumentException("two records would share the file name " + stem);
            }
            n++;
            planned.add(new Planned(r, n, DESCRIPTIVE + stem + ".json", DATA + stem + ".pdf", DATA + stem + ".png"));
        }
        return planned;
    }

    private static void check(ExportRecord r, String what, byte[] bytes, String recorded) {
        if (!sha(bytes).equalsIgnoreCase(recorded)) {
            throw new IllegalArgumentException(
                    "record " + r.recordId() + ": stored " + what + " does not match its recorded SHA-256");
        }
    }

    private static void put(ZipOutputStream zip, String root, String path, byte[] bytes, boolean deflate,
            Map<String, String> manifest) throws IOException {
        ZipEntry entry = new ZipEntry(root + path);
        entry.setTime(0L); // stable bytes: times live in METS, not in the zip
        if (!deflate) {
            // Already-compressed artefacts are stored as they are: faster, and byte-identical inside the zip.
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
        manifest.put(path, sha(bytes));
    }

    private static byte[] index(List<Planned> planned) {
        StringBuilder csv = new StringBuilder(
                "record_id,captured_at,registration_number,pdf,pdf_sha256,png,png_sha256,json,json_sha256\r\n");
        for (Planned p : planned) {
            ExportRecord r = p.record;
            csv.append(csvField(r.recordId())).append(',').append(r.capturedAt()).append(',')
                    .append(csvField(r.registrationNumber().orElse(""))).append(',')
                    .append(p.pdfPath).append(',').append(r.pdfSha256().toLowerCase()).append(',')
                    .append(p.pngPath).append(',').append(r.pngSha256().toLowerCase()).append(',')
                    .append(p.jsonPath).append(',').append(r.jsonSha256().toLowerCase()).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvField(String value) {
        // Also defuses spreadsheet formulas: a leading =, +, - or @ is quoted behind an apostrophe.
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static byte[] dublinCore(ExportScope scope, int count, Instant created) throws IOException {
        return xml(w -> {
            w.setPrefix("dc", DC_NS);
            w.writeStartElement("metadata");
            w.writeNamespace("dc", DC_NS);
            element(w, DC_NS, "title", "Social-media comment evidence records of " + label(scope) + ", "
                    + scope.from() + " – " + scope.to());
            element(w, DC_NS, "identifier", scope.packageId());
            element(w, DC_NS, "creator", CREATOR);
            element(w, DC_NS, "subject", "account " + scope.accountId());
            element(w, DC_NS, "description", count + " evidence records (PDF/A-2b, PNG and native JSON metadata each)");
            element(w, DC_NS, "coverage", scope.from() + "/" + scope.to());
            element(w, DC_NS, "date", created.toString());
            element(w, DC_NS, "type", "Collection");
            element(w, DC_NS, "format", "application/pdf; image/png; application/json");
            w.writeEndElement();
        });
    }

    private static String label(ExportScope scope) {
        return scope.accountName().isEmpty() ? scope.accountId() : scope.accountName() + " (" + scope.accountId() + ")";
    }

    private static byte[] mets(ExportScope scope, List<Planned> planned, Instant created, String dcSha, long dcSize,
            String indexSha, long indexSize) throws IOException {
        String when = created.toString();
        return xml(w -> {
            w.setPrefix("mets", METS_NS);
            w.setPrefix("xlink", XLINK_NS);
            w.setPrefix("csip", CSIP_NS);
            w.setPrefix("sip", SIP_NS);
            w.writeStartElement(METS_NS, "mets");
            w.writeNamespace("mets", METS_NS);
            w.writeNamespace("xlink", XLINK_NS);
            w.writeNamespace("csip", CSIP_NS);
            w.writeNamespace("sip", SIP_NS);
            w.writeAttribute("OBJID", scope.packageId());
            w.writeAttribute("LABEL", "Evidence records of " + label(scope) + ", " + scope.from() + " – " + scope.to());
            w.writeAttribute("TYPE", "OTHER");
            w.writeAttribute(CSIP_NS, "OTHERTYPE", "Social-media comment evidence");
            w.writeAttribute(CSIP_NS, "CONTENTINFORMATIONTYPE", "MIXED");
            w.writeAttribute("PROFILE", PROFILE);

            w.writeStartElement(METS_NS, "metsHdr");
            w.writeAttribute("CREATEDATE", when);
            w.writeAttribute("RECORDSTATUS", "NEW");
            w.writeAttribute(CSIP_NS, "OAISPACKAGETYPE", "SIP");
            w.writeStartElement(METS_NS, "agent");
            w.writeAttribute("ROLE", "CREATOR");
            w.writeAttribute("TYPE", "OTHER");
            w.writeAttribute("OTHERTYPE", "SOFTWARE");
            element(w, METS_NS, "name", CREATOR);
            w.writeEndElement();
            w.writeEndElement();

            mdRef(w, "dmd-package", DUBLIN_CORE, "DC", null, "text/xml", dcSize, dcSha, when);
            mdRef(w, "dmd-index", INDEX, "OTHER", "Tingvakt record index (CSV)", "text/csv", indexSize, indexSha, when);
            for (Planned p : planned) {
                mdRef(w, "dmd-r" + p.n, p.jsonPath, "OTHER", "Tingvakt record (JSON)", "application/json",
                        p.record.json().length, p.record.jsonSha256().toLowerCase(), when);
            }

            w.writeStartElement(METS_NS, "fileSec");
            w.writeAttribute("ID", "filesec");
            w.writeStartElement(METS_NS, "fileGrp");
            w.writeAttribute("ID", "grp-rep1");
            w.writeAttribute("USE", "Representations/rep1");
            for (Planned p : planned) {
                file(w, "f-r" + p.n + "-pdf", "dmd-r" + p.n, p.pdfPath, "application/pdf", p.record.pdf().length,
                        p.record.pdfSha256().toLowerCase(), when);
                file(w, "f-r" + p.n + "-png", "dmd-r" + p.n, p.pngPath, "image/png", p.record.png().length,
                        p.record.pngSha256().toLowerCase(), when);
            }
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement(METS_NS, "structMap");
            w.writeAttribute("ID", "structmap");
            w.writeAttribute("TYPE", "PHYSICAL");
            w.writeAttribute("LABEL", "CSIP");
            w.writeStartElement(METS_NS, "div");
            w.writeAttribute("ID", "div-root");
            w.writeAttribute("LABEL", scope.packageId());
            w.writeEmptyElement(METS_NS, "div");
            w.writeAttribute("ID", "div-metadata");
            w.writeAttribute("LABEL", "Metadata");
            StringBuilder dmdIds = new StringBuilder("dmd-package dmd-index");
            planned.forEach(p -> dmdIds.append(" dmd-r").append(p.n));
            w.writeAttribute("DMDID", dmdIds.toString());
            w.writeStartElement(METS_NS, "div");
            w.writeAttribute("ID", "div-rep1");
            w.writeAttribute("LABEL", "Representations/rep1");
            for (Planned p : planned) {
                w.writeStartElement(METS_NS, "div");
                w.writeAttribute("ID", "div-r" + p.n);
                w.writeAttribute("LABEL", p.record.recordId());
                w.writeAttribute("DMDID", "dmd-r" + p.n);
                w.writeEmptyElement(METS_NS, "fptr");
                w.writeAttribute("FILEID", "f-r" + p.n + "-pdf");
                w.writeEmptyElement(METS_NS, "fptr");
                w.writeAttribute("FILEID", "f-r" + p.n + "-png");
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();

            w.writeEndElement();
        });
    }

    private static void mdRef(XMLStreamWriter w, String id, String href, String mdType, String otherType, String mime,
            long size, String sha, String when) throws XMLStreamException {
        w.writeStartElement(METS_NS, "dmdSec");
        w.writeAttribute("ID", id);
        w.writeAttribute("CREATED", when);
        w.writeEmptyElement(METS_NS, "mdRef");
        w.writeAttribute("LOCTYPE", "URL");
        w.writeAttribute(XLINK_NS, "type", "simple");
        w.writeAttribute(XLINK_NS, "href", href);
        w.writeAttribute("MDTYPE", mdType);
        if (otherType != null) {
            w.writeAttribute("OTHERMDTYPE", otherType);
        }
        w.writeAttribute("MIMETYPE", mime);
        w.writeAttribute("SIZE", Long.toString(size));
        w.writeAttribute("CREATED", when);
        w.writeAttribute("CHECKSUM", sha);
        w.writeAttribute("CHECKSUMTYPE", "SHA-256");
        w.writeEndElement();
    }

    private static void file(XMLStreamWriter w, String id, String dmdId, String href, String mime, long size, String sha,
            String when) throws XMLStreamException {
        w.writeStartElement(METS_NS, "file");
        w.writeAttribute("ID", id);
        w.writeAttribute("MIMETYPE", mime);
        w.writeAttribute("SIZE", Long.toString(size));
        w.writeAttribute("CREATED", when);
        w.writeAttribute("CHECKSUM", sha);
        w.writeAttribute("CHECKSUMTYPE", "SHA-256");
        w.writeAttribute("DMDID", dmdId);
        w.writeEmptyElement(METS_NS, "FLocat");
        w.writeAttribute("LOCTYPE", "URL");
        w.writeAttribute(XLINK_NS, "type", "simple");
        w.writeAttribute(XLINK_NS, "href", href);
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String ns, String name, String text) throws XMLStreamException {
        w.writeStartElement(ns, name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private interface XmlBody {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] xml(XmlBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("could not write package XML", e);
        }
        return out.toByteArray();
    }

    private static String sha(byte[] bytes) {
        return HashChain.sha256(bytes);
    }

    /** Lets the zip finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

package org.tingvakt.archive.export;

import static org.tingvakt.archive.export.PackageLayout.CSIP_NS;
import static org.tingvakt.archive.export.PackageLayout.DATA;
import static org.tingvakt.archive.export.PackageLayout.DC_NS;
import static org.tingvakt.archive.export.PackageLayout.DESCRIPTION;
import static org.tingvakt.archive.export.PackageLayout.DESCRIPTION_NS;
import static org.tingvakt.archive.export.PackageLayout.INDEX;
import static org.tingvakt.archive.export.PackageLayout.METS;
import static org.tingvakt.archive.export.PackageLayout.METS_NS;
import static org.tingvakt.archive.export.PackageLayout.PREMIS;
import static org.tingvakt.archive.export.PackageLayout.PREMIS_NS;
import static org.tingvakt.archive.export.PackageLayout.README;
import static org.tingvakt.archive.export.PackageLayout.REP;
import static org.tingvakt.archive.export.PackageLayout.REP_FOLDER;
import static org.tingvakt.archive.export.PackageLayout.SCHEMAS;
import static org.tingvakt.archive.export.PackageLayout.SIP_NS;
import static org.tingvakt.archive.export.PackageLayout.XLINK_NS;
import static org.tingvakt.archive.export.PackageLayout.XSI_NS;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.tingvakt.archive.proof.HashChain;

/**
 * Writes export packages as E-ARK SIPs (CSIP/SIP 2.2.0, or 2.1.0 for FGS Paketstruktur 2.0), one zip each, streaming:
 * records are added one at a time and their artefacts go straight into the zip; only each file's path, size and
 * checksum stay in memory until the METS and PREMIS documents are written at the end.
 *
 * <pre>
 * &lt;packageId&gt;/METS.xml                                   package METS: metadata, documentation, schemas, the
 *                                                        representation's METS (fileSec + structMap mptr)
 * &lt;packageId&gt;/metadata/descriptive/description.xml      Dublin Core description in the account's language
 * &lt;packageId&gt;/metadata/descriptive/records.csv          one line a record: id, capture time, registration, hashes
 * &lt;packageId&gt;/metadata/preservation/premis.xml          PREMIS 3: the package, its representation, the export event
 * &lt;packageId&gt;/schemas/*.xsd                             METS 1.12, XLink, DILCIS extensions, PREMIS 3, description
 * &lt;packageId&gt;/documentation/README.txt                  what the package holds, in the account's language
 * &lt;packageId&gt;/representations/rep1/METS.xml             representation METS: every data file with SHA-256, size,
 *                                                        MIME type, CREATED, format
 * &lt;packageId&gt;/representations/rep1/data/&lt;record&gt;.pdf|png|json   the PDF/A-2b, the PNG, the record as received
 * &lt;packageId&gt;/representations/rep1/metadata/preservation/premis.xml   PREMIS 3: fixity of each file, each record's
 *                                                        events (capture, registration, legal hold), agents
 * &lt;packageId&gt;/representations/rep1/schemas/*.xsd, documentation/README.txt
 * </pre>
 *
 * Every artefact's bytes are checked against the hash the archive recorded before they are written: a package never
 * carries a record that no longer matches its evidence hash. The writer itself is immutable and thread-safe; a
 * {@link PackageStream} belongs to one thread.
 */
public final class ExportPackageWriter {
    static final String CONTENT_CATEGORY = "Mixed";
    static final String OTHER_CONTENT_INFORMATION_TYPE = "Tingvakt evidence records 1.0";
    private static final HexFormat HEX = HexFormat.of();
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final Clock clock;
    private final ExportSettings settings;

    public ExportPackageWriter(Clock clock) {
        this(clock, ExportSettings.defaults());
    }

    public ExportPackageWriter(Clock clock, ExportSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ExportSettings settings() {
        return settings;
    }

    /**
     * Writes one package holding all {@code records} to {@code out} (not closed).
     *
     * @throws IllegalArgumentException if a record's bytes do not match its recorded SHA-256, or two records share an id
     */
    public ExportSummary write(ExportScope scope, List<ExportRecord> records, OutputStream out) throws IOException {
        Objects.requireNonNull(records, "records");
        try (PackageStream p = open(scope, 0, out)) {
            for (ExportRecord r : records) {
                p.add(r);
            }
            return p.finish();
        }
    }

    /**
     * Starts a package in {@code out} (not closed): add records, then {@link PackageStream#finish()}.
     *
     * @param part 0 for an export in one package, else the package's number (1, 2, ...) in a split export
     */
    public PackageStream open(ExportScope scope, int part, OutputStream out) {
        return new PackageStream(Objects.requireNonNull(scope, "scope"), part, Objects.requireNonNull(out, "out"));
    }

    /** A file written into the package: path under the package root, size, SHA-256 (lower case), type, creation time. */
    record FileInfo(String path, long size, String sha256, String mime, Instant created, Format format) {}

    /** File format, for sip:FILEFORMAT* and PREMIS: name, version, PRONOM key. */
    record Format(String name, String version, String pronom) {
        static final Format PDF_A_2B = new Format("Acrobat PDF/A - Portable Document Format", "2b", "fmt/477");
        static final Format PNG = new Format("Portable Network Graphics", "1.2", "fmt/13");
        static final Format JSON = new Format("JSON Data Interchange Format", "", "fmt/817");
        static final Format XML = new Format("Extensible Markup Language", "1.0", "fmt/101");
        static final Format XSD = new Format("XML Schema Definition", "1.0", "x-fmt/280");
        static final Format TEXT = new Format("Plain Text File", "", "x-fmt/111");
        static final Format CSV = new Format("Comma Separated Values", "", "x-fmt/18");
    }

    private record Written(
            ExportRecord record, String stem, FileInfo pdf, FileInfo png, FileInfo json, List<RecordEvent> events) {
        Written {
            // keep no artefact bytes: only the record's identity and events
            record = new ExportRecord(
                    record.recordId(),
                    record.capturedAt(),
                    record.registrationNumber(),
                    new byte[0],
                    record.pdfSha256(),
                    new byte[0],
                    record.pngSha256(),
                    new byte[0],
                    record.jsonSha256(),
                    List.of());
        }
    }

    /** One package being written. Not thread-safe. */
    public final class PackageStream implements Closeable {
        private final ExportScope scope;
        private final int part;
        private final String root;
        private final ZipOutputStream zip;
        private final Instant created;
        private final String when;
        private final ResourceBundle labels;
        private final Set<String> stems = new HashSet<>();
        private final List<Written> records = new ArrayList<>();
        private long artefactBytes;
        private int files;
        private boolean finished;

        private PackageStream(ExportScope scope, int part, OutputStream out) {
            this.scope = scope;
            this.part = part;
            this.root = scope.packageId() + "/";
            this.zip = new ZipOutputStream(new NonClosing(out), StandardCharsets.UTF_8);
            this.zip.setComment(
                    "E-ARK SIP " + scope.packageId() + " (" + settings.profile().title() + ")");
            this.created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            this.when = created.toString();
            this.labels = ResourceBundle.getBundle(
                    "i18n.export",
                    Locale.forLanguageTag(settings.language()),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            try {
                directory("");
                for (String folder : PackageLayout.FOLDERS) {
                    directory(folder);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public int records() {
            return records.size();
        }

        /** Bytes of the records' artefacts written so far. */
        public long artefactBytes() {
            return artefactBytes;
        }

        /**
         * Writes one record's artefacts into the package.
         *
         * @throws IllegalArgumentException if its bytes do not match its recorded SHA-256, or its file name is taken
         */
        public void add(ExportRecord r) throws IOException {
            if (finished) {
                throw new IllegalStateException("package already finished");
            }
            String pdfSha = check(r, "pdf", r.pdf(), r.pdfSha256());
            String pngSha = check(r, "png", r.png(), r.pngSha256());
            String jsonSha = check(r, "json", r.json(), r.jsonSha256());
            String stem = PackageLayout.fileStem(r.recordId());
            if (!stems.add(stem)) {
                throw new IllegalArgumentException("two records would share the file name " + stem);
            }
            String data = REP_FOLDER + DATA + stem;
            FileInfo pdf =
                    bytes(data + ".pdf", r.pdf(), pdfSha, false, "application/pdf", r.capturedAt(), Format.PDF_A_2B);
            FileInfo png = bytes(data + ".png", r.png(), pngSha, false, "image/png", r.capturedAt(), Format.PNG);
            FileInfo json =
                    bytes(data + ".json", r.json(), jsonSha, true, "application/json", r.capturedAt(), Format.JSON);
            List<RecordEvent> events = new ArrayList<>(r.events());
            if (events.stream().noneMatch(e -> e.type().equals("capture"))) {
                events.add(
                        0,
                        new RecordEvent(
                                "capture",
                                r.capturedAt(),
                                "comment captured and rendered before its removal",
                                ExportSettings.SOFTWARE));
            }
            records.add(new Written(r, stem, pdf, png, json, List.copyOf(events)));
            artefactBytes += r.artefactBytes();
        }

        /** Writes the metadata, schemas, documentation and both METS documents, and ends the zip. */
        public ExportSummary finish() throws IOException {
            if (finished) {
                throw new IllegalStateException("package already finished");
            }
            if (records.isEmpty()) {
                throw new IllegalStateException("a package holds at least one record (CSIP66: no empty file group)");
            }
            finished = true;
            // The representation: PREMIS, schemas, documentation, then its METS, which lists them all.
            FileInfo repPremis = xml(REP_FOLDER + PREMIS, this::representationPremis);
            List<FileInfo> repSchemas = schemas(REP_FOLDER, false);
            FileInfo repReadme =
                    text(REP_FOLDER + README, format("rep.readme.title") + "\n\n" + format("rep.readme.body"));
            FileInfo repMets = xml(REP_FOLDER + METS, w -> representationMets(w, repPremis, repSchemas, repReadme));

            // The package: description, index, PREMIS, schemas, documentation, then the package METS.
            FileInfo description = xml(DESCRIPTION, this::description);
            FileInfo index = bytes(INDEX, index(), true, "text/csv", created, Format.CSV);
            FileInfo premis = xml(PREMIS, w -> packagePremis(w, repMets));
            List<FileInfo> schemas = schemas("", true);
            FileInfo readme = text(README, format("readme.title") + "\n\n" + format("readme.body"));
            FileInfo mets = xml(METS, w -> packageMets(w, description, index, premis, schemas, readme, repMets));
            zip.finish();
            return new ExportSummary(scope.packageId(), records.size(), files, mets.sha256(), created);
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                finished = true;
                zip.finish(); // an unfinished package: a well-formed but incomplete zip the caller discards
            }
        }

        // --- the documents

        private void packageMets(
                XMLStreamWriter w,
                FileInfo description,
                FileInfo index,
                FileInfo premis,
                List<FileInfo> schemas,
                FileInfo readme,
                FileInfo repMets)
                throws XMLStreamException {
            metsStart(w, scope.packageId(), title());
            w.writeStartElement(METS_NS, "dmdSec");
            w.writeAttribute("ID", "dmd-description");
            w.writeAttribute("CREATED", when);
            w.writeAttribute("STATUS", "CURRENT");
            mdRef(w, description, "", "DC", null, null);
            w.writeEndElement();
            w.writeStartElement(METS_NS, "dmdSec");
            w.writeAttribute("ID", "dmd-index");
            w.writeAttribute("CREATED", when);
            w.writeAttribute("STATUS", "CURRENT");
            mdRef(w, index, "", "OTHER", "Tingvakt record index (CSV)", null);
            w.writeEndElement();
            w.writeStartElement(METS_NS, "amdSec");
            w.writeAttribute("ID", "amd");
            w.writeStartElement(METS_NS, "digiprovMD");
            w.writeAttribute("ID", "digiprov-premis");
            w.writeAttribute("CREATED", when);
            w.writeAttribute("STATUS", "CURRENT");
            mdRef(w, premis, "", "PREMIS", null, "3.0");
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement(METS_NS, "fileSec");
            w.writeAttribute("ID", "filesec");
            fileGrp(w, "grp-documentation", "Documentation", List.of(readme), "", "f-doc-", false);
            fileGrp(w, "grp-schemas", "Schemas", schemas, "", "f-schema-", false);
            fileGrp(w, "grp-" + REP, "Representations/" + REP, List.of(repMets), "", "f-rep-", true);
            w.writeEndElement();

            w.writeStartElement(METS_NS, "structMap");
            w.writeAttribute("ID", "structmap");
            w.writeAttribute("TYPE", "PHYSICAL");
            w.writeAttribute("LABEL", "CSIP");
            w.writeStartElement(METS_NS, "div");
            w.writeAttribute("ID", "div-package");
            w.writeAttribute("LABEL", scope.packageId());
            w.writeEmptyElement(METS_NS, "div");
            w.writeAttribute("ID", "div-metadata");
            w.writeAttribute("LABEL", "Metadata");
            w.writeAttribute("ADMID", "digiprov-premis");
            w.writeAttribute("DMDID", "dmd-description dmd-index");
            divWithFptr(w, "div-documentation", "Documentation", "grp-documentation");
            divWithFptr(w, "div-schemas", "Schemas", "grp-schemas");
            w.writeStartElement(METS_NS, "div");
            w.writeAttribute("ID", "div-" + REP);
            w.writeAttribute("LABEL", "Representations/" + REP);
            w.writeEmptyElement(METS_NS, "mptr");
            w.writeAttribute("LOCTYPE", "URL");
            w.writeAttribute(XLINK_NS, "type", "simple");
            w.writeAttribute(XLINK_NS, "href", repMets.path());
            w.writeAttribute(XLINK_NS, "title", "grp-" + REP);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        }

        private void representationMets(XMLStreamWriter w, FileInfo premis, List<FileInfo> schemas, FileInfo readme)
                throws XMLStreamException {
            String p = REP + "-";
            metsStart(w, REP, title());
            w.writeStartElement(METS_NS, "amdSec");
            w.writeAttribute("ID", p + "amd");
            w.writeStartElement(METS_NS, "digiprovMD");
            w.writeAttribute("ID", p + "digiprov-premis");
            w.writeAttribute("CREATED", when);
            w.writeAttribute("STATUS", "CURRENT");
            mdRef(w, premis, REP_FOLDER, "PREMIS", null, "3.0");
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement(METS_NS, "fileSec");
            w.writeAttribute("ID", p + "filesec");
            fileGrp(w, p + "grp-documentation", "Documentation", List.of(readme), REP_FOLDER, p + "f-doc-", false);
            fileGrp(w, p + "grp-schemas", "Schemas", schemas, REP_FOLDER, p + "f-schema-", false);
            w.writeStartElement(METS_NS, "fileGrp");
            w.writeAttribute("ID", p + "grp-data");
            w.writeAttribute("USE", "Representations/" + REP + "/data");
            w.writeAttribute(CSIP_NS, "CONTENTINFORMATIONTYPE", "OTHER");
            w.writeAttribute(CSIP_NS, "OTHERCONTENTINFORMATIONTYPE", OTHER_CONTENT_INFORMATION_TYPE);
            int n = 0;
            for (Written r : records) {
                n++;
                file(w, p + "f-" + n + "-pdf", r.pdf, REP_FOLDER, p + "digiprov-premis");
                file(w, p + "f-" + n + "-png", r.png, REP_FOLDER, p + "digiprov-premis");
                file(w, p + "f-" + n + "-json", r.json, REP_FOLDER, p + "digiprov-premis");
            }
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement(METS_NS, "structMap");
            w.writeAttribute("ID", p + "structmap");
            w.writeAttribute("TYPE", "PHYSICAL");
            w.writeAttribute("LABEL", "CSIP");
            w.writeStartElement(METS_NS, "div");
            w.writeAttribute("ID", p + "div");
            w.writeAttribute("LABEL", REP);
            w.writeEmptyElement(METS_NS, "div");
            w.writeAttribute("ID", p + "div-metadata");
            w.writeAttribute("LABEL", "Metadata");
            w.writeAttribute("ADMID", p + "digiprov-premis");
            divWithFptr(w, p + "div-documentation", "Documentation", p + "grp-documentation");
            divWithFptr(w, p + "div-schemas", "Schemas", p + "grp-schemas");
            divWithFptr(w, p + "div-data", "Representations", p + "grp-data");
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        }

        /** The mets element and metsHdr, shared by both METS documents (CSIP1–16, SIP2–SIP20). */
        private void metsStart(XMLStreamWriter w, String objId, String label) throws XMLStreamException {
            w.setPrefix("mets", METS_NS);
            w.setPrefix("xlink", XLINK_NS);
            w.setPrefix("csip", CSIP_NS);
            w.setPrefix("sip", SIP_NS);
            w.setPrefix("xsi", XSI_NS);
            w.writeStartElement(METS_NS, "mets");
            w.writeNamespace("mets", METS_NS);
            w.writeNamespace("xlink", XLINK_NS);
            w.writeNamespace("csip", CSIP_NS);
            w.writeNamespace("sip", SIP_NS);
            w.writeNamespace("xsi", XSI_NS);
            w.writeAttribute("OBJID", objId);
            w.writeAttribute("LABEL", label);
            w.writeAttribute("TYPE", CONTENT_CATEGORY);
            w.writeAttribute(CSIP_NS, "CONTENTINFORMATIONTYPE", "OTHER");
            w.writeAttribute(CSIP_NS, "OTHERCONTENTINFORMATIONTYPE", OTHER_CONTENT_INFORMATION_TYPE);
            w.writeAttribute("PROFILE", settings.profile().profileUrl());
            w.writeAttribute(
                    XSI_NS,
                    "schemaLocation",
                    METS_NS + " schemas/mets.xsd " + XLINK_NS + " schemas/xlink.xsd " + CSIP_NS
                            + " schemas/DILCISExtensionMETS.xsd " + SIP_NS + " schemas/DILCISExtensionSIPMETS.xsd");

            w.writeStartElement(METS_NS, "metsHdr");
            w.writeAttribute("CREATEDATE", when);
            w.writeAttribute("LASTMODDATE", when); // CSIP8: a new package, last changed when it was made
            w.writeAttribute("RECORDSTATUS", "NEW");
            w.writeAttribute(CSIP_NS, "OAISPACKAGETYPE", "SIP");
            // CSIP10–16: the software that made the package, with its version.
            agent(
                    w,
                    "CREATOR",
                    "OTHER",
                    "SOFTWARE",
                    ExportSettings.SOFTWARE,
                    "SOFTWARE VERSION",
                    settings.softwareVersion());
            // SIP9–14: the archival creator, the public body whose page the comments were removed from.
            agent(w, "ARCHIVIST", "ORGANIZATION", null, accountLabel(), "IDENTIFICATIONCODE", scope.accountId());
            // SIP15–20: the submitting organisation.
            String submitter = settings.submitterName().isEmpty() ? accountLabel() : settings.submitterName();
            agent(
                    w,
                    "CREATOR",
                    "ORGANIZATION",
                    null,
                    submitter,
                    settings.submitterId().isEmpty() ? null : "IDENTIFICATIONCODE",
                    settings.submitterId());
            if (settings.submissionAgreement().isPresent()) {
                w.writeStartElement(METS_NS, "altRecordID");
                w.writeAttribute("TYPE", "SUBMISSIONAGREEMENT");
                w.writeCharacters(settings.submissionAgreement().get());
                w.writeEndElement();
            }
            w.writeEndElement();
        }

        private void agent(
                XMLStreamWriter w,
                String role,
                String type,
                String otherType,
                String name,
                String noteType,
                String note)
                throws XMLStreamException {
            w.writeStartElement(METS_NS, "agent");
            w.writeAttribute("ROLE", role);
            w.writeAttribute("TYPE", type);
            if (otherType != null) {
                w.writeAttribute("OTHERTYPE", otherType);
            }
            element(w, METS_NS, "name", name);
            if (noteType != null) {
                w.writeStartElement(METS_NS, "note");
                w.writeAttribute(CSIP_NS, "NOTETYPE", noteType);
                w.writeCharacters(note);
                w.writeEndElement();
            }
            w.writeEndElement();
        }

        private void mdRef(
                XMLStreamWriter w, FileInfo f, String base, String mdType, String otherMdType, String mdTypeVersion)
                throws XMLStreamException {
            w.writeEmptyElement(METS_NS, "mdRef");
            w.writeAttribute("LOCTYPE", "URL");
            w.writeAttribute(XLINK_NS, "type", "simple");
            w.writeAttribute(XLINK_NS, "href", relative(f, base));
            w.writeAttribute("MDTYPE", mdType);
            if (otherMdType != null) {
                w.writeAttribute("OTHERMDTYPE", otherMdType);
            }
            if (mdTypeVersion != null) {
                w.writeAttribute("MDTYPEVERSION", mdTypeVersion);
            }
            w.writeAttribute("MIMETYPE", f.mime());
            w.writeAttribute("SIZE", Long.toString(f.size()));
            w.writeAttribute("CREATED", f.created().toString());
            w.writeAttribute("CHECKSUM", f.sha256().toUpperCase(Locale.ROOT));
            w.writeAttribute("CHECKSUMTYPE", "SHA-256");
        }

        private void fileGrp(
                XMLStreamWriter w,
                String id,
                String use,
                List<FileInfo> fileList,
                String base,
                String filePrefix,
                boolean representation)
                throws XMLStreamException {
            w.writeStartElement(METS_NS, "fileGrp");
            w.writeAttribute("ID", id);
            w.writeAttribute("USE", use);
            if (representation) {
                w.writeAttribute(CSIP_NS, "CONTENTINFORMATIONTYPE", "OTHER");
                w.writeAttribute(CSIP_NS, "OTHERCONTENTINFORMATIONTYPE", OTHER_CONTENT_INFORMATION_TYPE);
            }
            int n = 0;
            for (FileInfo f : fileList) {
                file(w, filePrefix + (++n), f, base, null);
            }
            w.writeEndElement();
        }

        private void file(XMLStreamWriter w, String id, FileInfo f, String base, String admId)
                throws XMLStreamException {
            w.writeStartElement(METS_NS, "file");
            w.writeAttribute("ID", id);
            w.writeAttribute("MIMETYPE", f.mime());
            w.writeAttribute("SIZE", Long.toString(f.size()));
            w.writeAttribute("CREATED", f.created().toString());
            w.writeAttribute("CHECKSUM", f.sha256().toUpperCase(Locale.ROOT));
            w.writeAttribute("CHECKSUMTYPE", "SHA-256");
            if (admId != null) {
                w.writeAttribute("ADMID", admId);
            }
            if (f.format() != null) {
                w.writeAttribute(SIP_NS, "FILEFORMATNAME", f.format().name());
                if (!f.format().version().isEmpty()) {
                    w.writeAttribute(SIP_NS, "FILEFORMATVERSION", f.format().version());
                }
                w.writeAttribute(SIP_NS, "FORMATREGISTRY", "PRONOM");
                w.writeAttribute(SIP_NS, "FORMATREGISTRYKEY", f.format().pronom());
            }
            w.writeEmptyElement(METS_NS, "FLocat");
            w.writeAttribute("LOCTYPE", "URL");
            w.writeAttribute(XLINK_NS, "type", "simple");
            w.writeAttribute(XLINK_NS, "href", relative(f, base));
            w.writeEndElement();
        }

        private void divWithFptr(XMLStreamWriter w, String id, String label, String fileId) throws XMLStreamException {
            w.writeStartElement(METS_NS, "div");
            w.writeAttribute("ID", id);
            w.writeAttribute("LABEL", label);
            w.writeEmptyElement(METS_NS, "fptr");
            w.writeAttribute("FILEID", fileId);
            w.writeEndElement();
        }

        /** PREMIS 3 of the representation: each data file with its fixity, each record's events, the agents. */
        private void representationPremis(XMLStreamWriter w) throws XMLStreamException {
            premisStart(w);
            w.writeStartElement(PREMIS_NS, "object");
            w.writeAttribute(XSI_NS, "type", "premis:representation");
            identifier(w, "objectIdentifier", "local", REP);
            w.writeEndElement();
            for (Written r : records) {
                for (FileInfo f : List.of(r.pdf, r.png, r.json)) {
                    premisFile(w, f, REP_FOLDER, r);
                }
            }
            for (Written r : records) {
                int i = 0;
                for (RecordEvent e : r.events) {
                    premisEvent(w, eventId(r, i++), e, r);
                }
            }
            premisAgents(w);
            w.writeEndElement();
        }

        /** PREMIS 3 of the package: the representation (by its METS) and the event that made the package. */
        private void packagePremis(XMLStreamWriter w, FileInfo repMets) throws XMLStreamException {
            premisStart(w);
            w.writeStartElement(PREMIS_NS, "object");
            w.writeAttribute(XSI_NS, "type", "premis:representation");
            identifier(w, "objectIdentifier", "local", REP);
            w.writeStartElement(PREMIS_NS, "linkingEventIdentifier");
            element(w, PREMIS_NS, "linkingEventIdentifierType", "local");
            element(w, PREMIS_NS, "linkingEventIdentifierValue", "package-creation");
            w.writeEndElement();
            w.writeEndElement();
            premisFile(w, repMets, "", null);
            w.writeStartElement(PREMIS_NS, "event");
            identifier(w, "eventIdentifier", "local", "package-creation");
            element(w, PREMIS_NS, "eventType", "creation");
            element(w, PREMIS_NS, "eventDateTime", when);
            w.writeStartElement(PREMIS_NS, "eventDetailInformation");
            element(
                    w,
                    PREMIS_NS,
                    "eventDetail",
                    "export of " + records.size() + " evidence records of account "
                            + scope.accountId() + ", captured " + scope.from() + " to " + scope.to() + ", as "
                            + settings.profile().title() + (part > 0 ? ", package " + part : ""));
            w.writeEndElement();
            outcome(w, "success");
            linkingAgent(w, "software", "executing program");
            w.writeStartElement(PREMIS_NS, "linkingObjectIdentifier");
            element(w, PREMIS_NS, "linkingObjectIdentifierType", "local");
            element(w, PREMIS_NS, "linkingObjectIdentifierValue", REP);
            w.writeEndElement();
            w.writeEndElement();
            premisAgents(w);
            w.writeEndElement();
        }

        private void premisStart(XMLStreamWriter w) throws XMLStreamException {
            w.setPrefix("premis", PREMIS_NS);
            w.setPrefix("xsi", XSI_NS);
            w.writeStartElement(PREMIS_NS, "premis");
            w.writeNamespace("premis", PREMIS_NS);
            w.writeNamespace("xsi", XSI_NS);
            w.writeAttribute("version", "3.0");
            w.writeAttribute(XSI_NS, "schemaLocation", PREMIS_NS + " ../../schemas/premis.xsd");
        }

        private void premisFile(XMLStreamWriter w, FileInfo f, String base, Written r) throws XMLStreamException {
            w.writeStartElement(PREMIS_NS, "object");
            w.writeAttribute(XSI_NS, "type", "premis:file");
            identifier(w, "objectIdentifier", "local", relative(f, base));
            w.writeStartElement(PREMIS_NS, "objectCharacteristics");
            element(w, PREMIS_NS, "compositionLevel", "0");
            w.writeStartElement(PREMIS_NS, "fixity");
            element(w, PREMIS_NS, "messageDigestAlgorithm", "SHA-256");
            element(w, PREMIS_NS, "messageDigest", f.sha256());
            element(w, PREMIS_NS, "messageDigestOriginator", ExportSettings.SOFTWARE);
            w.writeEndElement();
            element(w, PREMIS_NS, "size", Long.toString(f.size()));
            w.writeStartElement(PREMIS_NS, "format");
            w.writeStartElement(PREMIS_NS, "formatDesignation");
            element(w, PREMIS_NS, "formatName", f.format().name());
            if (!f.format().version().isEmpty()) {
                element(w, PREMIS_NS, "formatVersion", f.format().version());
            }
            w.writeEndElement();
            w.writeStartElement(PREMIS_NS, "formatRegistry");
            element(w, PREMIS_NS, "formatRegistryName", "PRONOM");
            element(w, PREMIS_NS, "formatRegistryKey", f.format().pronom());
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            if (r != null) {
                for (int i = 0; i < r.events.size(); i++) {
                    w.writeStartElement(PREMIS_NS, "linkingEventIdentifier");
                    element(w, PREMIS_NS, "linkingEventIdentifierType", "local");
                    element(w, PREMIS_NS, "linkingEventIdentifierValue", eventId(r, i));
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
        }

        private void premisEvent(XMLStreamWriter w, String id, RecordEvent e, Written r) throws XMLStreamException {
            w.writeStartElement(PREMIS_NS, "event");
            identifier(w, "eventIdentifier", "local", id);
            element(w, PREMIS_NS, "eventType", e.type());
            element(w, PREMIS_NS, "eventDateTime", e.at().toString());
            w.writeStartElement(PREMIS_NS, "eventDetailInformation");
            element(
                    w,
                    PREMIS_NS,
                    "eventDetail",
                    "record " + r.record.recordId() + (e.detail().isEmpty() ? "" : ": " + e.detail()));
            w.writeEndElement();
            outcome(w, "success");
            boolean bySoftware = e.agent().isEmpty() || e.agent().equals(ExportSettings.SOFTWARE);
            linkingAgent(w, bySoftware ? "software" : "organization", bySoftware ? "executing program" : "authorizer");
            for (FileInfo f : List.of(r.pdf, r.png, r.json)) {
                w.writeStartElement(PREMIS_NS, "linkingObjectIdentifier");
                element(w, PREMIS_NS, "linkingObjectIdentifierType", "local");
                element(w, PREMIS_NS, "linkingObjectIdentifierValue", relative(f, REP_FOLDER));
                w.writeEndElement();
            }
            w.writeEndElement();
        }

        private void outcome(XMLStreamWriter w, String outcome) throws XMLStreamException {
            w.writeStartElement(PREMIS_NS, "eventOutcomeInformation");
            element(w, PREMIS_NS, "eventOutcome", outcome);
            w.writeEndElement();
        }

        private void linkingAgent(XMLStreamWriter w, String agentId, String role) throws XMLStreamException {
            w.writeStartElement(PREMIS_NS, "linkingAgentIdentifier");
            element(w, PREMIS_NS, "linkingAgentIdentifierType", "local");
            element(w, PREMIS_NS, "linkingAgentIdentifierValue", agentId);
            element(w, PREMIS_NS, "linkingAgentRole", role);
            w.writeEndElement();
        }

        private void premisAgents(XMLStreamWriter w) throws XMLStreamException {
            w.writeStartElement(PREMIS_NS, "agent");
            identifier(w, "agentIdentifier", "local", "software");
            element(w, PREMIS_NS, "agentName", ExportSettings.SOFTWARE);
            element(w, PREMIS_NS, "agentType", "software");
            element(w, PREMIS_NS, "agentVersion", settings.softwareVersion());
            w.writeEndElement();
            w.writeStartElement(PREMIS_NS, "agent");
            identifier(w, "agentIdentifier", "local", "organization");
            element(w, PREMIS_NS, "agentName", accountLabel());
            element(w, PREMIS_NS, "agentType", "organization");
            w.writeEndElement();
        }

        private void identifier(XMLStreamWriter w, String element, String type, String value)
                throws XMLStreamException {
            w.writeStartElement(PREMIS_NS, element);
            element(w, PREMIS_NS, element + "Type", type);
            element(w, PREMIS_NS, element + "Value", value);
            w.writeEndElement();
        }

        private String eventId(Written r, int i) {
            return r.stem + "-event-" + (i + 1);
        }

        /** Dublin Core description of the package, in the account's language. */
        private void description(XMLStreamWriter w) throws XMLStreamException {
            w.setPrefix("tpd", DESCRIPTION_NS);
            w.setPrefix("dc", DC_NS);
            w.writeStartElement(DESCRIPTION_NS, "packageDescription");
            w.writeNamespace("tpd", DESCRIPTION_NS);
            w.writeNamespace("dc", DC_NS);
            w.writeAttribute("lang", settings.language());
            element(w, DC_NS, "title", title());
            element(w, DC_NS, "creator", accountLabel());
            element(w, DC_NS, "subject", format("subject"));
            element(w, DC_NS, "description", format("description"));
            element(w, DC_NS, "publisher", format("publisher"));
            element(w, DC_NS, "date", scope.from() + "/" + scope.to());
            element(w, DC_NS, "type", "Collection");
            element(w, DC_NS, "format", "application/pdf");
            element(w, DC_NS, "format", "image/png");
            element(w, DC_NS, "format", "application/json");
            element(w, DC_NS, "identifier", scope.packageId());
            element(w, DC_NS, "language", settings.language());
            element(w, DC_NS, "coverage", scope.from() + "/" + scope.to());
            w.writeEndElement();
        }

        private byte[] index() {
            StringBuilder csv = new StringBuilder(
                    "record_id,captured_at,registration_number,pdf,pdf_sha256,png,png_sha256,json,json_sha256\r\n");
            for (Written r : records) {
                csv.append(csvField(r.record.recordId()))
                        .append(',')
                        .append(r.record.capturedAt())
                        .append(',')
                        .append(csvField(r.record.registrationNumber().orElse("")))
                        .append(',')
                        .append(r.pdf.path())
                        .append(',')
                        .append(r.pdf.sha256())
                        .append(',')
                        .append(r.png.path())
                        .append(',')
                        .append(r.png.sha256())
                        .append(',')
                        .append(r.json.path())
                        .append(',')
                        .append(r.json.sha256())
                        .append("\r\n");
            }
            return csv.toString().getBytes(StandardCharsets.UTF_8);
        }

        private String title() {
            String title = format("title");
            return part > 0 ? MessageFormat.format(labels.getString("titlePart"), title, part) : title;
        }

        private String format(String key) {
            return new MessageFormat(labels.getString(key), Locale.forLanguageTag(settings.language()))
                    .format(new Object[] {
                        accountLabel(),
                        scope.from().toString(),
                        scope.to().toString(),
                        Integer.toString(records.size()),
                        Integer.toString(part),
                        settings.profile().title()
                    });
        }

        private String accountLabel() {
            return scope.accountName().isEmpty()
                    ? scope.accountId()
                    : scope.accountName() + " (" + scope.accountId() + ")";
        }

        // --- writing entries

        private void directory(String folder) throws IOException {
            ZipEntry entry = new ZipEntry(root + folder);
            entry.setTime(0L);
            zip.putNextEntry(entry);
            zip.closeEntry();
        }

        private List<FileInfo> schemas(String base, boolean withDescription) throws IOException {
            String ext = settings.profile().extensionSchemaFolder();
            List<String[]> list = new ArrayList<>(List.of(
                    new String[] {"mets.xsd", "eark/common/mets.xsd"},
                    new String[] {"xlink.xsd", "eark/common/xlink.xsd"},
                    new String[] {"DILCISExtensionMETS.xsd", ext + "DILCISExtensionMETS.xsd"},
                    new String[] {"DILCISExtensionSIPMETS.xsd", ext + "DILCISExtensionSIPMETS.xsd"},
                    new String[] {"premis.xsd", "eark/common/premis.xsd"}));
            if (withDescription) {
                list.add(new String[] {
                    "tingvakt-package-description.xsd", "eark/tingvakt/tingvakt-package-description.xsd"
                });
                list.add(new String[] {"dc-elements.xsd", "eark/tingvakt/dc-elements.xsd"});
            }
            List<FileInfo> written = new ArrayList<>();
            for (String[] s : list) {
                written.add(bytes(base + SCHEMAS + s[0], resource(s[1]), true, "application/xml", created, Format.XSD));
            }
            return written;
        }

        private FileInfo text(String path, String text) throws IOException {
            return bytes(
                    path,
                    text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8),
                    true,
                    "text/plain",
                    created,
                    Format.TEXT);
        }

        private FileInfo bytes(
                String path, byte[] bytes, boolean deflate, String mime, Instant fileCreated, Format format)
                throws IOException {
            return bytes(path, bytes, HashChain.sha256(bytes), deflate, mime, fileCreated, format);
        }

        private FileInfo bytes(
                String path,
                byte[] bytes,
                String sha256,
                boolean deflate,
                String mime,
                Instant fileCreated,
                Format format)
                throws IOException {
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
            files++;
            return new FileInfo(path, bytes.length, sha256, mime, fileCreated, format);
        }

        /** Streams an XML document into its own zip entry, hashing and counting the bytes on the way. */
        private FileInfo xml(String path, XmlBody body) throws IOException {
            ZipEntry entry = new ZipEntry(root + path);
            entry.setTime(0L);
            zip.putNextEntry(entry);
            MessageDigest md = sha256();
            CountingStream counted = new CountingStream(new DigestOutputStream(new NonClosing(zip), md));
            try {
                XMLStreamWriter w = XML.createXMLStreamWriter(counted, "UTF-8");
                w.writeStartDocument("UTF-8", "1.0");
                w.writeCharacters("\n");
                body.write(w);
                w.writeEndDocument();
                w.flush();
                w.close();
            } catch (XMLStreamException e) {
                throw new IOException("could not write " + path, e);
            }
            counted.flush();
            zip.closeEntry();
            files++;
            return new FileInfo(
                    path, counted.count, HEX.formatHex(md.digest()), "application/xml", created, Format.XML);
        }
    }

    private interface XmlBody {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String relative(FileInfo f, String base) {
        if (!f.path().startsWith(base)) {
            throw new IllegalStateException(f.path() + " is not under " + base);
        }
        return f.path().substring(base.length());
    }

    /** The bytes' SHA-256 (lower case), which must be the one the archive recorded. */
    private static String check(ExportRecord r, String what, byte[] bytes, String recorded) {
        String sha = HashChain.sha256(bytes);
        if (!sha.equalsIgnoreCase(recorded)) {
            throw new IllegalArgumentException(
                    "record " + r.recordId() + ": stored " + what + " does not match its recorded SHA-256");
        }
        return sha;
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

    private static void element(XMLStreamWriter w, String ns, String name, String text) throws XMLStreamException {
        w.writeStartElement(ns, name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ExportPackageWriter.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Lets the zip (or an entry) finish without closing the stream beneath. */
    private static final class NonClosing extends FilterOutputStream {
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

package org.tingvakt.archive.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.tingvakt.archive.proof.HashChain;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The E-ARK CSIP and SIP requirements that an XML schema cannot express, checked on an unpacked package, each finding
 * named by its requirement id (CSIPxx, SIPxx, CSIPSTRxx). Values from controlled vocabularies are read from the DILCIS
 * vocabulary files of the package's version (test resources, as published), not from a list written here.
 *
 * <p>Covers every METS of the package (the package METS and each representation's METS) and applies a requirement
 * whenever the element it is about is present (e.g. the rights metadata rules only when there is a rightsMD).
 */
public final class EarkRequirements {
    static final String METS = "http://www.loc.gov/METS/";
    static final String XLINK = "http://www.w3.org/1999/xlink";
    static final String CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";

    /**
     * Requirement ids this class checks. MUSTs not listed here are covered by schema validation (EarkSchemaTest) or do
     * not apply; {@link #SCHEMA_OR_NOT_APPLICABLE} says which and why.
     */
    static final Set<String> CHECKED = new TreeSet<>(List.of(
            "CSIP1",
            "CSIP2",
            "CSIP3",
            "CSIP4",
            "CSIP5",
            "CSIP6",
            "CSIP117",
            "CSIP7",
            "CSIP8",
            "CSIP9",
            "CSIP10",
            "CSIP11",
            "CSIP12",
            "CSIP13",
            "CSIP14",
            "CSIP15",
            "CSIP16",
            "CSIP18",
            "CSIP19",
            "CSIP20",
            "CSIP22",
            "CSIP23",
            "CSIP24",
            "CSIP25",
            "CSIP26",
            "CSIP27",
            "CSIP28",
            "CSIP29",
            "CSIP30",
            "CSIP31",
            "CSIP33",
            "CSIP34",
            "CSIP36",
            "CSIP37",
            "CSIP38",
            "CSIP39",
            "CSIP40",
            "CSIP41",
            "CSIP42",
            "CSIP43",
            "CSIP44",
            "CSIP46",
            "CSIP47",
            "CSIP49",
            "CSIP50",
            "CSIP51",
            "CSIP52",
            "CSIP53",
            "CSIP54",
            "CSIP55",
            "CSIP56",
            "CSIP57",
            "CSIP58",
            "CSIP59",
            "CSIP60",
            "CSIP113",
            "CSIP114",
            "CSIP62",
            "CSIP63",
            "CSIP64",
            "CSIP65",
            "CSIP66",
            "CSIP67",
            "CSIP68",
            "CSIP69",
            "CSIP70",
            "CSIP71",
            "CSIP72",
            "CSIP76",
            "CSIP77",
            "CSIP78",
            "CSIP79",
            "CSIP80",
            "CSIP81",
            "CSIP82",
            "CSIP83",
            "CSIP84",
            "CSIP85",
            "CSIP88",
            "CSIP89",
            "CSIP90",
            "CSIP91",
            "CSIP92",
            "CSIP93",
            "CSIP94",
            "CSIP95",
            "CSIP96",
            "CSIP116",
            "CSIP97",
            "CSIP98",
            "CSIP99",
            "CSIP100",
            "CSIP118",
            "CSIP101",
            "CSIP102",
            "CSIP103",
            "CSIP104",
            "CSIP119",
            "CSIP105",
            "CSIP106",
            "CSIP107",
            "CSIP108",
            "CSIP109",
            "CSIP110",
            "CSIP111",
            "CSIP112",
            "SIP2",
            "SIP3",
            "SIP4",
            "SIP5",
            "SIP6",
            "SIP7",
            "SIP8",
            "SIP10",
            "SIP11",
            "SIP12",
            "SIP14",
            "SIP15",
            "SIP16",
            "SIP17",
            "SIP18",
            "SIP20",
            "SIP22",
            "SIP23",
            "SIP24",
            "SIP27",
            "SIP28",
            "SIP29",
            "SIP31",
            "CSIPSTR1",
            "CSIPSTR2",
            "CSIPSTR4",
            "CSIPSTR5",
            "CSIPSTR6",
            "CSIPSTR7",
            "CSIPSTR9",
            "CSIPSTR10",
            "CSIPSTR11",
            "CSIPSTR12",
            "CSIPSTR13",
            "CSIPSTR15",
            "CSIPSTR16",
            "IDS-UNIQUE",
            "FILES-REFERENCED"));

    /** MUST requirements of the profiles that are not in {@link #CHECKED}, and why. */
    static final Map<String, String> SCHEMA_OR_NOT_APPLICABLE =
            Map.of("CSIP61", "MAY", "CSIP73", "MAY", "CSIP74", "MAY", "CSIP75", "MAY");

    /** One requirement not met. */
    public record Finding(String requirement, String where, String message) {
        @Override
        public String toString() {
            return requirement + " " + where + ": " + message;
        }
    }

    /** A package read from its zip: the root folder's name, its files and its folders (paths under the root). */
    record Unpacked(String root, Set<String> rootFolders, Map<String, byte[]> files, Set<String> folders) {
        static Unpacked of(byte[] zip) throws IOException {
            Set<String> roots = new LinkedHashSet<>();
            Map<String, byte[]> files = new TreeMap<>();
            Set<String> folders = new TreeSet<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    String name = e.getName();
                    int slash = name.indexOf('/');
                    roots.add(slash < 0 ? name : name.substring(0, slash));
                    String path = slash < 0 ? "" : name.substring(slash + 1);
                    if (e.isDirectory()) {
                        if (!path.isEmpty()) {
                            folders.add(path);
                        }
                    } else {
                        files.put(path, in.readAllBytes());
                    }
                }
            }
            // Folders that hold files exist whether or not the zip has entries for them.
            for (String f : files.keySet()) {
                for (int i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) {
                    folders.add(f.substring(0, i + 1));
                }
            }
            return new Unpacked(roots.iterator().next(), roots, files, folders);
        }
    }

    private final EarkProfile profile;
    private final Unpacked pkg;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Set<String>> vocabularies = new HashMap<>();
    /** Every path that some METS references (FLocat, mdRef), under the package root. */
    private final Set<String> referenced = new HashSet<>();

    private final Set<String> packageIds = new HashSet<>();

    private EarkRequirements(EarkProfile profile, Unpacked pkg) {
        this.profile = profile;
        this.pkg = pkg;
    }

    /** Checks the package; returns every finding (empty: all the requirements above are met). */
    public static List<Finding> check(EarkProfile profile, byte[] zip) throws IOException {
        EarkRequirements r = new EarkRequirements(profile, Unpacked.of(zip));
        r.run();
        return r.findings;
    }

    private void run() {
        structure();
        Document root = parse("METS.xml");
        if (root == null) {
            return;
        }
        mets("METS.xml", "", root, true);
        for (String path : pkg.files().keySet()) {
            if (path.matches("representations/[^/]+/METS\\.xml")) {
                Document rep = parse(path);
                if (rep != null) {
                    mets(path, path.substring(0, path.length() - "METS.xml".length()), rep, false);
                }
            }
        }
        for (String path : pkg.files().keySet()) {
            if (!path.equals("METS.xml") && !referenced.contains(path)) {
                fail("FILES-REFERENCED", path, "a file in the package that no METS references (CSIP66, CSIP58)");
            }
        }
    }

    // --- CSIPSTR: the folders

    private void structure() {
        if (pkg.rootFolders().size() != 1) {
            fail("CSIPSTR1", "(zip)", "unpacks to " + pkg.rootFolders().size() + " root folders, not one");
        }
        if (!pkg.files().containsKey("METS.xml")) {
            fail("CSIPSTR4", "(root)", "no METS.xml in the package root folder");
        }
        expectFolder("CSIPSTR5", "metadata/");
        expectFolder("CSIPSTR6", "metadata/preservation/");
        expectFolder("CSIPSTR7", "metadata/descriptive/");
        expectFolder("CSIPSTR9", "representations/");
        expectFolder("CSIPSTR15", "schemas/");
        expectFolder("CSIPSTR16", "documentation/");
        Set<String> reps = new TreeSet<>();
        for (String folder : pkg.folders()) {
            if (folder.matches("representations/[^/]+/")) {
                reps.add(folder);
            }
        }
        if (reps.isEmpty()) {
            fail("CSIPSTR10", "representations/", "no representation folder");
        }
        for (String rep : reps) {
            expectFolder("CSIPSTR11", rep + "data/");
            if (!pkg.files().containsKey(rep + "METS.xml")) {
                fail("CSIPSTR12", rep, "no METS.xml in the representation folder");
            }
            expectFolder("CSIPSTR13", rep + "metadata/");
            expectFolder("CSIPSTR15", rep + "schemas/");
            expectFolder("CSIPSTR16", rep + "documentation/");
        }
    }

    private void expectFolder(String id, String folder) {
        if (!pkg.folders().contains(folder)) {
            fail(id, folder, "folder missing");
        }
    }

    // --- one METS document

    private void mets(String path, String base, Document doc, boolean isRoot) {
        Element mets = doc.getDocumentElement();
        if (!METS.equals(mets.getNamespaceURI()) || !"mets".equals(mets.getLocalName())) {
            fail("CSIPSTR4", path, "the root element is not mets:mets");
            return;
        }
        ids(path, doc);
        // metsRootElement
        String objId = mets.getAttribute("OBJID");
        String expectedId = isRoot ? pkg.root() : base.substring("representations/".length(), base.length() - 1);
        if (objId.isEmpty()) {
            fail("CSIP1", path, "no mets/@OBJID");
        } else if (!objId.equals(expectedId)) {
            fail(isRoot ? "CSIPSTR2" : "CSIP1", path, "OBJID " + objId + " is not the folder name " + expectedId);
        }
        String type = mets.getAttribute("TYPE");
        if (!vocabulary("CSIPVocabularyContentCategory.xml").contains(type)) {
            fail("CSIP2", path, "mets/@TYPE '" + type + "' is not in the content category vocabulary");
        }
        if (type.equalsIgnoreCase("OTHER")
                && mets.getAttributeNS(CSIP, "OTHERTYPE").isEmpty()) {
            fail("CSIP3", path, "TYPE OTHER without csip:OTHERTYPE");
        }
        contentInformationType(path, mets, "CSIP4", "CSIP5", !isRoot);
        if (!profile.profileUrl().equals(mets.getAttribute("PROFILE"))) {
            fail("SIP2", path, "mets/@PROFILE is '" + mets.getAttribute("PROFILE") + "', not " + profile.profileUrl());
            fail("CSIP6", path, "mets/@PROFILE is not the profile's URL");
        }
        header(path, mets);
        Set<String> dmdIds = new LinkedHashSet<>();
        for (Element dmd : children(mets, "dmdSec")) {
            String id = dmd.getAttribute("ID");
            dmdIds.add(id);
            mdSec(path, base, dmd, "CSIP18", "CSIP19", "CSIP20", new String[] {
                "CSIP22", "CSIP23", "CSIP24", "CSIP25", "CSIP26", "CSIP27", "CSIP28", "CSIP29", "CSIP30"
            });
        }
        List<Element> amdSecs = children(mets, "amdSec");
        if (amdSecs.size() > 1) {
            fail("CSIP31", path, amdSecs.size() + " amdSec elements; all administrative metadata is in one");
        }
        Set<String> amdIds = new LinkedHashSet<>();
        for (Element amd : amdSecs) {
            for (Element digiprov : children(amd, "digiprovMD")) {
                amdIds.add(digiprov.getAttribute("ID"));
                mdSec(path, base, digiprov, "CSIP33", null, "CSIP34", new String[] {
                    "CSIP36", "CSIP37", "CSIP38", "CSIP39", "CSIP40", "CSIP41", "CSIP42", "CSIP43", "CSIP44"
                });
            }
            for (Element rights : children(amd, "rightsMD")) {
                amdIds.add(rights.getAttribute("ID"));
                mdSec(path, base, rights, "CSIP46", null, "CSIP47", new String[] {
                    "CSIP49", "CSIP50", "CSIP51", "CSIP52", "CSIP53", "CSIP54", "CSIP55", "CSIP56", "CSIP57"
                });
            }
        }
        Map<String, Element> fileGrps = fileSec(path, base, mets);
        structMap(path, mets, isRoot, fileGrps, dmdIds, amdIds);
        schemasListed(path, base, fileGrps, isRoot);
    }

    private void contentInformationType(String path, Element e, String id, String otherId, boolean mandatory) {
        String cit = e.getAttributeNS(CSIP, "CONTENTINFORMATIONTYPE");
        if (cit.isEmpty()) {
            if (mandatory) {
                fail(id, path, "no csip:CONTENTINFORMATIONTYPE (mandatory here)");
            }
            return;
        }
        if (!vocabulary("CSIPVocabularyContentInformationType.xml").contains(cit)) {
            fail(id, path, "csip:CONTENTINFORMATIONTYPE '" + cit + "' is not in the vocabulary");
        }
        if (cit.equals("OTHER")
                && e.getAttributeNS(CSIP, "OTHERCONTENTINFORMATIONTYPE").isBlank()) {
            fail(otherId, path, "CONTENTINFORMATIONTYPE OTHER without csip:OTHERCONTENTINFORMATIONTYPE");
        }
    }

    private void header(String path, Element mets) {
        List<Element> headers = children(mets, "metsHdr");
        if (headers.size() != 1) {
            fail("CSIP117", path, headers.size() + " metsHdr elements, not 1");
            return;
        }
        Element hdr = headers.get(0);
        if (!isDateTime(hdr.getAttribute("CREATEDATE"))) {
            fail("CSIP7", path, "metsHdr/@CREATEDATE is not a date-time");
        }
        if (hdr.hasAttribute("LASTMODDATE")
                && (!isDateTime(hdr.getAttribute("LASTMODDATE"))
                        || OffsetDateTime.parse(hdr.getAttribute("LASTMODDATE"))
                                .isBefore(OffsetDateTime.parse(hdr.getAttribute("CREATEDATE"))))) {
            fail("CSIP8", path, "metsHdr/@LASTMODDATE is not a date-time at or after CREATEDATE");
        }
        String packageType = hdr.getAttributeNS(CSIP, "OAISPACKAGETYPE");
        if (!vocabulary("CSIPVocabularyOAISPackageType.xml").contains(packageType)) {
            fail("CSIP9", path, "csip:OAISPACKAGETYPE '" + packageType + "' is not in the vocabulary");
        }
        if (!"SIP".equals(packageType)) {
            fail("SIP4", path, "csip:OAISPACKAGETYPE is not SIP");
        }
        if (hdr.hasAttribute("RECORDSTATUS")
                && !vocabulary("SIPVocabularyRecordStatus.xml").contains(hdr.getAttribute("RECORDSTATUS"))) {
            fail("SIP3", path, "RECORDSTATUS '" + hdr.getAttribute("RECORDSTATUS") + "' is not in the vocabulary");
        }
        Map<String, String> altTypes = Map.of(
                "SUBMISSIONAGREEMENT",
                "SIP5",
                "PREVIOUSSUBMISSIONAGREEMENT",
                "SIP6",
                "REFERENCECODE",
                "SIP7",
                "PREVIOUSREFERENCECODE",
                "SIP8");
        for (Element alt : children(hdr, "altRecordID")) {
            String t = alt.getAttribute("TYPE");
            if (!vocabulary("SIPVocabularyRecordIDType.xml").contains(t)) {
                fail(altTypes.getOrDefault(t, "SIP5"), path, "altRecordID/@TYPE '" + t + "' is not in the vocabulary");
            }
            if (alt.getTextContent().isBlank()) {
                fail(altTypes.getOrDefault(t, "SIP5"), path, "empty altRecordID");
            }
        }
        List<Element> agents = children(hdr, "agent");
        // CSIP10–16: exactly one software agent, with a name and a SOFTWARE VERSION note.
        List<Element> software = agents.stream()
                .filter(a -> "CREATOR".equals(a.getAttribute("ROLE"))
                        && "OTHER".equals(a.getAttribute("TYPE"))
                        && "SOFTWARE".equals(a.getAttribute("OTHERTYPE")))
                .toList();
        if (agents.isEmpty()) {
            fail("CSIP10", path, "no metsHdr/agent");
        }
        if (software.size() != 1) {
            fail("CSIP11", path, software.size() + " agents with ROLE CREATOR, TYPE OTHER, OTHERTYPE SOFTWARE, not 1");
            fail("CSIP12", path, "the software agent's TYPE must be OTHER");
            fail("CSIP13", path, "the software agent's OTHERTYPE must be SOFTWARE");
        } else {
            Element a = software.get(0);
            if (!vocabulary("CSIPVocabularyAgentOtherType.xml").contains(a.getAttribute("OTHERTYPE"))) {
                fail("CSIP13", path, "OTHERTYPE not in the vocabulary");
            }
            if (children(a, "name").size() != 1
                    || children(a, "name").get(0).getTextContent().isBlank()) {
                fail("CSIP14", path, "the software agent has no single name");
            }
            List<Element> notes = children(a, "note");
            if (notes.size() != 1 || notes.get(0).getTextContent().isBlank()) {
                fail("CSIP15", path, "the software agent has " + notes.size() + " notes, not one with its version");
            } else if (!"SOFTWARE VERSION".equals(notes.get(0).getAttributeNS(CSIP, "NOTETYPE"))
                    || !vocabulary("CSIPVocabularyNoteType.xml")
                            .contains(notes.get(0).getAttributeNS(CSIP, "NOTETYPE"))) {
                fail("CSIP16", path, "the software agent's note has no csip:NOTETYPE SOFTWARE VERSION");
            }
        }
        // SIP15–20: one submitting agent, ROLE CREATOR, TYPE ORGANIZATION or INDIVIDUAL, a name, an IDENTIFICATIONCODE
        // note.
        List<Element> people =
                agents.stream().filter(a -> !software.contains(a)).toList();
        List<Element> submitters = people.stream()
                .filter(a -> "CREATOR".equals(a.getAttribute("ROLE"))
                        && Set.of("ORGANIZATION", "INDIVIDUAL").contains(a.getAttribute("TYPE")))
                .toList();
        if (submitters.isEmpty()) {
            fail("SIP15", path, "no submitting agent (ROLE CREATOR, TYPE ORGANIZATION or INDIVIDUAL)");
            fail("SIP16", path, "no submitting agent with ROLE CREATOR");
            fail("SIP17", path, "no submitting agent with TYPE ORGANIZATION or INDIVIDUAL");
        }
        for (Element a : people) {
            String role = a.getAttribute("ROLE");
            String agentType = a.getAttribute("TYPE");
            boolean creator = role.equals("CREATOR");
            boolean archivist = role.equals("ARCHIVIST");
            boolean preservation = role.equals("PRESERVATION");
            String nameId = creator
                    ? (agentType.equals("INDIVIDUAL") ? "SIP24" : "SIP18")
                    : archivist ? "SIP12" : preservation ? "SIP29" : "SIP18";
            if (children(a, "name").size() != 1
                    || children(a, "name").get(0).getTextContent().isBlank()) {
                fail(nameId, path, "agent " + role + "/" + agentType + " has no single name");
            }
            if (archivist && !Set.of("ORGANIZATION", "INDIVIDUAL").contains(agentType)) {
                fail("SIP11", path, "archival creator agent TYPE " + agentType);
            }
            if (archivist && role.isEmpty()) {
                fail("SIP10", path, "archival creator agent without ROLE");
            }
            if (preservation && !agentType.equals("ORGANIZATION")) {
                fail("SIP28", path, "preservation agent TYPE " + agentType);
            }
            if (preservation && role.isEmpty()) {
                fail("SIP27", path, "preservation agent without ROLE");
            }
            if (creator && agentType.equals("INDIVIDUAL") && !submitters.contains(a)) {
                fail("SIP23", path, "contact agent");
            }
            if (creator && role.isEmpty()) {
                fail("SIP22", path, "contact agent without ROLE");
            }
            for (Element note : children(a, "note")) {
                String noteType = note.getAttributeNS(CSIP, "NOTETYPE");
                boolean contact = creator && agentType.equals("INDIVIDUAL");
                if (!contact && !"IDENTIFICATIONCODE".equals(noteType)) {
                    fail(
                            archivist ? "SIP14" : preservation ? "SIP31" : "SIP20",
                            path,
                            "agent " + role + " note without csip:NOTETYPE IDENTIFICATIONCODE");
                }
                if (!noteType.isEmpty()
                        && !vocabulary("CSIPVocabularyNoteType.xml").contains(noteType)) {
                    fail("SIP20", path, "note type '" + noteType + "' is not in the vocabulary");
                }
            }
        }
    }

    /** dmdSec, digiprovMD, rightsMD: id, creation time, status, and the mdRef's attributes and file. */
    private void mdSec(
            String path, String base, Element sec, String idReq, String createdReq, String statusReq, String[] ref) {
        if (sec.getAttribute("ID").isEmpty()) {
            fail(idReq, path, sec.getLocalName() + " without ID");
        }
        if (createdReq != null && !isDateTime(sec.getAttribute("CREATED"))) {
            fail(createdReq, path, sec.getLocalName() + " " + sec.getAttribute("ID") + " has no CREATED date-time");
        }
        if (sec.hasAttribute("STATUS")
                && !vocabulary("CSIPVocabularyStatus.xml").contains(sec.getAttribute("STATUS"))) {
            fail(statusReq, path, "STATUS '" + sec.getAttribute("STATUS") + "' is not in the vocabulary");
        }
        for (Element mdRef : children(sec, "mdRef")) {
            String where = path + " " + sec.getLocalName() + " " + sec.getAttribute("ID");
            if (!"URL".equals(mdRef.getAttribute("LOCTYPE"))) {
                fail(ref[0], where, "mdRef/@LOCTYPE is not URL");
            }
            if (!"simple".equals(mdRef.getAttributeNS(XLINK, "type"))) {
                fail(ref[1], where, "mdRef/@xlink:type is not simple");
            }
            if (mdRef.getAttribute("MDTYPE").isEmpty()) {
                fail(ref[3], where, "mdRef without MDTYPE");
            }
            if (!isMime(mdRef.getAttribute("MIMETYPE"))) {
                fail(ref[4], where, "mdRef/@MIMETYPE '" + mdRef.getAttribute("MIMETYPE") + "' is not a media type");
            }
            if (!isDateTime(mdRef.getAttribute("CREATED"))) {
                fail(ref[6], where, "mdRef without CREATED date-time");
            }
            target(where, base, mdRef, mdRef.getAttributeNS(XLINK, "href"), ref[2], ref[5], ref[7], ref[8]);
        }
    }

    /** A referenced file: it exists in the package, with the SIZE and the CHECKSUM (SHA-256) the METS gives. */
    private void target(
            String where,
            String base,
            Element e,
            String href,
            String hrefReq,
            String sizeReq,
            String checksumReq,
            String typeReq) {
        if (href.isEmpty()) {
            fail(hrefReq, where, "no xlink:href");
            return;
        }
        String path = base + href;
        byte[] bytes = pkg.files().get(path);
        if (bytes == null) {
            fail(hrefReq, where, "xlink:href " + href + " is not a file of the package");
            return;
        }
        referenced.add(path);
        if (!Long.toString(bytes.length).equals(e.getAttribute("SIZE"))) {
            fail(sizeReq, where, href + " SIZE " + e.getAttribute("SIZE") + ", the file has " + bytes.length);
        }
        if (!"SHA-256".equals(e.getAttribute("CHECKSUMTYPE"))) {
            fail(typeReq, where, href + " CHECKSUMTYPE '" + e.getAttribute("CHECKSUMTYPE") + "'");
        } else if (!HashChain.sha256(bytes).equalsIgnoreCase(e.getAttribute("CHECKSUM"))) {
            fail(checksumReq, where, href + " CHECKSUM does not match the file");
        }
    }

    private Map<String, Element> fileSec(String path, String base, Element mets) {
        Map<String, Element> groups = new LinkedHashMap<>();
        List<Element> fileSecs = children(mets, "fileSec");
        if (fileSecs.size() != 1) {
            fail("CSIP58", path, fileSecs.size() + " fileSec elements, not 1");
            return groups;
        }
        Element fileSec = fileSecs.get(0);
        if (fileSec.getAttribute("ID").isEmpty()) {
            fail("CSIP59", path, "fileSec without ID");
        }
        Set<String> labels = vocabulary("CSIPVocabularyFileGrpAndStructMapDivisionLabel.xml");
        boolean documentation = false;
        boolean schemas = false;
        boolean representations = false;
        for (Element grp : children(fileSec, "fileGrp")) {
            String use = grp.getAttribute("USE");
            String id = grp.getAttribute("ID");
            groups.put(id, grp);
            if (id.isEmpty()) {
                fail("CSIP65", path, "fileGrp " + use + " without ID");
            }
            if (use.isEmpty() || !(labels.contains(use) || use.startsWith("Representations/"))) {
                fail("CSIP64", path, "fileGrp/@USE '" + use + "' is neither in the vocabulary nor Representations/...");
            }
            documentation |= use.equals("Documentation");
            schemas |= use.equals("Schemas");
            if (use.startsWith("Representations")) {
                representations = true;
                contentInformationType(path, grp, "CSIP62", "CSIP63", true);
            }
            List<Element> files = children(grp, "file");
            if (files.isEmpty()) {
                fail("CSIP66", path, "fileGrp " + id + " holds no file");
            }
            for (Element file : files) {
                String fileId = file.getAttribute("ID");
                String where = path + " file " + fileId;
                if (fileId.isEmpty()) {
                    fail("CSIP67", where, "file without ID");
                }
                if (!isMime(file.getAttribute("MIMETYPE"))) {
                    fail("CSIP68", where, "MIMETYPE '" + file.getAttribute("MIMETYPE") + "' is not a media type");
                }
                if (!isDateTime(file.getAttribute("CREATED"))) {
                    fail("CSIP70", where, "no CREATED date-time");
                }
                List<Element> locations = children(file, "FLocat");
                if (locations.size() != 1) {
                    fail("CSIP76", where, locations.size() + " FLocat elements, not 1");
                    continue;
                }
                Element loc = locations.get(0);
                if (!"URL".equals(loc.getAttribute("LOCTYPE"))) {
                    fail("CSIP77", where, "FLocat/@LOCTYPE is not URL");
                }
                if (!"simple".equals(loc.getAttributeNS(XLINK, "type"))) {
                    fail("CSIP78", where, "FLocat/@xlink:type is not simple");
                }
                String href = loc.getAttributeNS(XLINK, "href");
                if (use.equals("Documentation") && !href.startsWith("documentation/")) {
                    fail("CSIP60", where, "a Documentation file outside documentation/: " + href);
                }
                if (use.equals("Schemas") && !href.startsWith("schemas/")) {
                    fail("CSIP113", where, "a Schemas file outside schemas/: " + href);
                }
                if (use.startsWith("Representations/")
                        && !(base + href)
                                .startsWith(use.substring("Representations/".length())
                                        .toLowerCase(Locale.ROOT)
                                        .replaceFirst("^", "representations/"))) {
                    fail("CSIP114", where, "file " + href + " is not in the folder " + use + " names");
                }
                target(where, base, file, href, "CSIP79", "CSIP69", "CSIP71", "CSIP72");
            }
        }
        if (!documentation) {
            fail("CSIP60", path, "no fileGrp USE=Documentation");
        }
        if (!schemas) {
            fail("CSIP113", path, "no fileGrp USE=Schemas");
        }
        if (!representations) {
            fail("CSIP114", path, "no fileGrp USE=Representations...");
        }
        return groups;
    }

    private void structMap(
            String path,
            Element mets,
            boolean isRoot,
            Map<String, Element> groups,
            Set<String> dmdIds,
            Set<String> amdIds) {
        List<Element> maps = children(mets, "structMap").stream()
                .filter(m -> "CSIP".equals(m.getAttribute("LABEL")))
                .toList();
        if (maps.size() != 1) {
            fail("CSIP80", path, maps.size() + " structMap elements labelled CSIP, not 1");
            fail("CSIP82", path, "structMap/@LABEL must be CSIP on exactly one structMap");
            return;
        }
        Element map = maps.get(0);
        if (!vocabulary("CSIPVocabularyStructMapLabel.xml").contains(map.getAttribute("LABEL"))) {
            fail("CSIP82", path, "structMap/@LABEL not in the vocabulary");
        }
        if (!"PHYSICAL".equals(map.getAttribute("TYPE"))
                || !vocabulary("CSIPVocabularyStructMapType.xml").contains(map.getAttribute("TYPE"))) {
            fail("CSIP81", path, "structMap/@TYPE is not PHYSICAL");
        }
        if (map.getAttribute("ID").isEmpty()) {
            fail("CSIP83", path, "structMap without ID");
        }
        List<Element> mains = children(map, "div");
        if (mains.size() != 1) {
            fail("CSIP84", path, mains.size() + " main divisions, not 1");
            return;
        }
        Element main = mains.get(0);
        if (main.getAttribute("ID").isEmpty()) {
            fail("CSIP85", path, "the main division has no ID");
        }
        List<Element> divs = children(main, "div");
        List<Element> metadata = divs.stream()
                .filter(d -> "Metadata".equals(d.getAttribute("LABEL")))
                .toList();
        if (metadata.size() != 1) {
            fail("CSIP88", path, metadata.size() + " Metadata divisions, not 1");
            fail("CSIP90", path, "no division labelled Metadata");
        } else {
            Element md = metadata.get(0);
            if (md.getAttribute("ID").isEmpty()) {
                fail("CSIP89", path, "the Metadata division has no ID");
            }
            if (!idList(md.getAttribute("ADMID")).containsAll(amdIds)) {
                fail("CSIP91", path, "the Metadata division's ADMID does not list every digiprovMD/rightsMD " + amdIds);
            }
            if (!idList(md.getAttribute("DMDID")).containsAll(dmdIds)) {
                fail("CSIP92", path, "the Metadata division's DMDID does not list every dmdSec " + dmdIds);
            }
        }
        groupDivision(path, divs, groups, "Documentation", "CSIP93", "CSIP94", "CSIP95", "CSIP96", "CSIP116");
        groupDivision(path, divs, groups, "Schemas", "CSIP97", "CSIP98", "CSIP99", "CSIP100", "CSIP118");
        if (isRoot) {
            representationDivisions(path, divs, groups);
        } else {
            groupDivision(path, divs, groups, "Representations", "CSIP101", "CSIP102", "CSIP103", "CSIP104", "CSIP119");
        }
        for (Element d : divs) {
            if (d.getAttribute("ID").isEmpty()) {
                fail("CSIP106", path, "division " + d.getAttribute("LABEL") + " without ID");
            }
        }
    }

    /** A division for the Documentation, Schemas (or, in a representation, the content) file groups. */
    private void groupDivision(
            String path,
            List<Element> divs,
            Map<String, Element> groups,
            String label,
            String divReq,
            String idReq,
            String labelReq,
            String fptrReq,
            String fileIdReq) {
        List<Element> found =
                divs.stream().filter(d -> label.equals(d.getAttribute("LABEL"))).toList();
        if (found.size() != 1) {
            fail(found.isEmpty() ? divReq : labelReq, path, found.size() + " divisions labelled " + label + ", not 1");
            return;
        }
        Element div = found.get(0);
        if (!vocabulary("CSIPVocabularyFileGrpAndStructMapDivisionLabel.xml").contains(label)) {
            fail(labelReq, path, label + " is not in the vocabulary");
        }
        if (div.getAttribute("ID").isEmpty()) {
            fail(idReq, path, "the " + label + " division has no ID");
        }
        Set<String> pointed = new HashSet<>();
        for (Element fptr : children(div, "fptr")) {
            Element grp = groups.get(fptr.getAttribute("FILEID"));
            boolean matches = grp != null
                    && (label.equals("Representations")
                            ? grp.getAttribute("USE").startsWith("Representations")
                            : label.equals(grp.getAttribute("USE")));
            if (!matches) {
                fail(
                        fileIdReq,
                        path,
                        "fptr FILEID " + fptr.getAttribute("FILEID") + " is not a " + label + " file group");
            } else {
                pointed.add(fptr.getAttribute("FILEID"));
            }
        }
        for (Element grp : groups.values()) {
            String use = grp.getAttribute("USE");
            boolean ofThisKind =
                    label.equals("Representations") ? use.startsWith("Representations") : label.equals(use);
            if (ofThisKind && !pointed.contains(grp.getAttribute("ID"))) {
                fail(
                        fptrReq,
                        path,
                        "file group " + grp.getAttribute("ID") + " has no fptr in the " + label + " division");
            }
        }
    }

    /** CSIP105–112: in the package METS, one division per representation METS, with an mptr to it. */
    private void representationDivisions(String path, List<Element> divs, Map<String, Element> groups) {
        Set<String> repMets = new TreeSet<>();
        for (String file : pkg.files().keySet()) {
            if (file.matches("representations/[^/]+/METS\\.xml")) {
                repMets.add(file);
            }
        }
        for (String rep : repMets) {
            String name = rep.substring("representations/".length(), rep.length() - "/METS.xml".length());
            List<Element> found = divs.stream()
                    .filter(d -> ("Representations/" + name).equals(d.getAttribute("LABEL")))
                    .toList();
            if (found.size() != 1) {
                fail("CSIP105", path, "no single division labelled Representations/" + name);
                fail("CSIP107", path, "a representation division's LABEL is Representations/<folder>");
                continue;
            }
            Element div = found.get(0);
            if (div.getAttribute("ID").isEmpty()) {
                fail("CSIP106", path, "representation division without ID");
            }
            List<Element> mptrs = children(div, "mptr");
            if (mptrs.size() != 1) {
                fail("CSIP109", path, "the division of " + name + " has " + mptrs.size() + " mptr elements, not 1");
                continue;
            }
            Element mptr = mptrs.get(0);
            if (!rep.equals(mptr.getAttributeNS(XLINK, "href"))) {
                fail("CSIP110", path, "mptr/@xlink:href '" + mptr.getAttributeNS(XLINK, "href") + "' is not " + rep);
            }
            if (!"simple".equals(mptr.getAttributeNS(XLINK, "type"))) {
                fail("CSIP111", path, "mptr/@xlink:type is not simple");
            }
            if (!"URL".equals(mptr.getAttribute("LOCTYPE"))) {
                fail("CSIP112", path, "mptr/@LOCTYPE is not URL");
            }
            Element grp = groups.get(mptr.getAttributeNS(XLINK, "title"));
            if (grp == null || !("Representations/" + name).equals(grp.getAttribute("USE"))) {
                fail(
                        "CSIP108",
                        path,
                        "mptr/@xlink:title '" + mptr.getAttributeNS(XLINK, "title")
                                + "' is not the ID of the file group Representations/" + name);
            } else {
                boolean listsMets = children(grp, "file").stream()
                        .flatMap(f -> children(f, "FLocat").stream())
                        .anyMatch(l -> rep.equals(l.getAttributeNS(XLINK, "href")));
                if (!listsMets) {
                    fail("CSIP114", path, "file group " + grp.getAttribute("ID") + " does not list " + rep);
                }
            }
        }
    }

    /**
     * CSIP113: all XML schemas used in the package are referenced from a Schemas file group. For each XML file that this
     * METS lists, every namespace it uses must be the target namespace of a schema in this METS's Schemas group (or, for
     * a representation, of the package METS).
     */
    private void schemasListed(String path, String base, Map<String, Element> groups, boolean isRoot) {
        Set<String> targetNamespaces = new HashSet<>();
        for (Element grp : groups.values()) {
            if (!grp.getAttribute("USE").equals("Schemas")) {
                continue;
            }
            for (Element file : children(grp, "file")) {
                for (Element loc : children(file, "FLocat")) {
                    Document xsd = parse(base + loc.getAttributeNS(XLINK, "href"));
                    if (xsd != null && XSD.equals(xsd.getDocumentElement().getNamespaceURI())) {
                        targetNamespaces.add(xsd.getDocumentElement().getAttribute("targetNamespace"));
                    }
                }
            }
        }
        for (String file : pkg.files().keySet()) {
            boolean mine = file.startsWith(base)
                    && (isRoot ? !file.startsWith("representations/") || file.equals(path) : true);
            if (!mine || !(file.endsWith(".xml"))) {
                continue;
            }
            Document doc = parse(file);
            if (doc == null) {
                continue;
            }
            for (String ns : namespaces(doc.getDocumentElement(), new TreeSet<>())) {
                if (!targetNamespaces.contains(ns)) {
                    fail("CSIP113", path, file + " uses " + ns + ", whose schema is not in a Schemas file group");
                }
            }
        }
    }

    private static Set<String> namespaces(Element e, Set<String> into) {
        if (e.getNamespaceURI() != null) {
            into.add(e.getNamespaceURI());
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String ns = attributes.item(i).getNamespaceURI();
            if (ns != null
                    && !ns.equals(XMLConstants.XMLNS_ATTRIBUTE_NS_URI)
                    && !ns.equals(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI)
                    && !ns.equals(XMLConstants.XML_NS_URI)) {
                into.add(ns);
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                namespaces(child, into);
            }
        }
        return into;
    }

    /** xml:id-style identifiers are unique in each METS and across the package's METS documents. */
    private void ids(String path, Document doc) {
        NodeList all = doc.getElementsByTagNameNS(METS, "*");
        Set<String> here = new HashSet<>();
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("ID");
            if (id.isEmpty()) {
                continue;
            }
            if (!here.add(id)) {
                fail("IDS-UNIQUE", path, "ID " + id + " twice in this METS");
            }
            if (!packageIds.add(id)) {
                fail("IDS-UNIQUE", path, "ID " + id + " is also used by another METS of the package");
            }
        }
    }

    // --- helpers

    private Set<String> vocabulary(String file) {
        return vocabularies.computeIfAbsent(file, f -> {
            String resource = "eark/vocabularies/" + profile.version() + "/" + f;
            try (InputStream in = EarkRequirements.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("vocabulary " + resource + " missing");
                }
                Document doc = parser(in);
                NodeList terms = doc.getElementsByTagNameNS("*", "Term");
                Set<String> values = new HashSet<>();
                for (int i = 0; i < terms.getLength(); i++) {
                    values.add(terms.item(i).getTextContent().strip());
                }
                return values;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private final Map<String, Document> parsed = new HashMap<>();

    private Document parse(String path) {
        if (parsed.containsKey(path)) {
            return parsed.get(path);
        }
        Document doc = parseOnce(path);
        parsed.put(path, doc);
        return doc;
    }

    private Document parseOnce(String path) {
        byte[] bytes = pkg.files().get(path);
        if (bytes == null) {
            return null;
        }
        try {
            return parser(new ByteArrayInputStream(bytes));
        } catch (IllegalStateException e) {
            fail("XML", path, "not well-formed: " + e.getMessage());
            return null;
        }
    }

    private static Document parser(InputStream in) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(in);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && METS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                list.add(e);
            }
        }
        return list;
    }

    private static Set<String> idList(String ids) {
        return ids.isBlank() ? Set.of() : Set.of(ids.trim().split("\\s+"));
    }

    private static final Pattern MIME = Pattern.compile("[a-z]+/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");

    private static boolean isMime(String value) {
        return MIME.matcher(value).matches()
                && Set.of("application", "audio", "font", "image", "message", "model", "multipart", "text", "video")
                        .contains(value.substring(0, value.indexOf('/')));
    }

    private static boolean isDateTime(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void fail(String id, String where, String message) {
        findings.add(new Finding(id, where, message));
    }
}

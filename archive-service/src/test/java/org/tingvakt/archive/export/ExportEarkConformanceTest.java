package org.tingvakt.archive.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tingvakt.archive.export.EarkRequirements.Finding;
import org.tingvakt.archive.proof.HashChain;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A written package against the E-ARK specifications themselves: every METS (package and representation) against METS
 * 1.12 + XLink + the DILCIS CSIP/SIP extension schemas of the profile's version, every PREMIS file against PREMIS 3.0,
 * the description against its schema (all offline), and the requirements a schema cannot express, each by its id
 * (EarkRequirements), for both profiles: E-ARK SIP 2.2.0 and FGS Paketstruktur 2.0 (SIP/CSIP 2.1.0).
 */
class ExportEarkConformanceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T08:00:00Z"), ZoneOffset.UTC);
    private static final ExportScope SCOPE = ExportScope.of(
            "104889123456789", "Aarhus Kommune – Borgerservice", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

    @ParameterizedTest
    @EnumSource(EarkProfile.class)
    void everyMetsIsValidAgainstMets112AndTheDilcisExtensionSchemas(EarkProfile profile) throws IOException {
        Map<String, byte[]> files =
                EarkRequirements.Unpacked.of(write(profile, "da", records())).files();
        List<String> mets =
                files.keySet().stream().filter(p -> p.endsWith("METS.xml")).toList();
        assertThat(mets).containsExactly("METS.xml", "representations/rep1/METS.xml");
        for (String path : mets) {
            assertThat(EarkSchemas.validate(EarkSchemas.mets(profile), files.get(path)))
                    .as(path)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EarkProfile.class)
    void thePremisFilesAreValidPremis3AndTheDescriptionIsValid(EarkProfile profile) throws IOException {
        Map<String, byte[]> files =
                EarkRequirements.Unpacked.of(write(profile, "sv", records())).files();
        for (String path :
                List.of("metadata/preservation/premis.xml", "representations/rep1/metadata/preservation/premis.xml")) {
            assertThat(EarkSchemas.validate(EarkSchemas.premis(), files.get(path)))
                    .as(path)
                    .isEmpty();
        }
        assertThat(EarkSchemas.validate(EarkSchemas.description(), files.get("metadata/descriptive/description.xml")))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EarkProfile.class)
    void thePackageMeetsEveryCheckedCsipAndSipRequirement(EarkProfile profile) throws IOException {
        byte[] zip = write(profile, "nb", records());
        Files.createDirectories(Path.of("target", "export-samples"));
        Files.write(Path.of("target", "export-samples", profile.id() + ".zip"), zip);

        List<Finding> findings = EarkRequirements.check(profile, zip);

        assertThat(findings).isEmpty();
        assertThat(new ExportPackageVerifier()
                        .verify(new ByteArrayInputStream(zip))
                        .problems())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EarkProfile.class)
    void everyMustOfTheProfilesIsCheckedHereOrByTheSchemas(EarkProfile profile) throws IOException {
        String folder = "eark/profiles/";
        List<String> profiles = profile == EarkProfile.EARK_SIP_2_2
                ? List.of(folder + "E-ARK-CSIP-v2-2-0.xml", folder + "E-ARK-SIP-v2-2-0.xml")
                : List.of(folder + "E-ARK-CSIP.xml", folder + "E-ARK-SIP.xml");
        Set<String> musts = new TreeSet<>();
        for (String resource : profiles) {
            musts.addAll(requirementIds(resource, "MUST"));
        }
        assertThat(musts).hasSizeGreaterThan(90);
        Set<String> unchecked = new TreeSet<>(musts);
        unchecked.removeAll(EarkRequirements.CHECKED);
        unchecked.removeAll(EarkRequirements.SCHEMA_OR_NOT_APPLICABLE.keySet());
        assertThat(unchecked).as("MUST requirements no check covers").isEmpty();
    }

    @Test
    void theProfileUrlAndExtensionSchemasFollowTheChosenProfile() throws IOException {
        Map<String, byte[]> sip22 = EarkRequirements.Unpacked.of(write(EarkProfile.EARK_SIP_2_2, "en", records()))
                .files();
        Map<String, byte[]> fgs = EarkRequirements.Unpacked.of(write(EarkProfile.FGS_2_0, "sv", records()))
                .files();
        assertThat(root(sip22.get("METS.xml")).getAttribute("PROFILE"))
                .isEqualTo("https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml");
        assertThat(root(fgs.get("METS.xml")).getAttribute("PROFILE"))
                .isEqualTo("https://earksip.dilcis.eu/profile/E-ARK-SIP.xml");
        assertThat(root(fgs.get("representations/rep1/METS.xml")).getAttribute("PROFILE"))
                .isEqualTo("https://earksip.dilcis.eu/profile/E-ARK-SIP.xml");
        assertThat(sip22.get("schemas/DILCISExtensionMETS.xsd"))
                .isEqualTo(resource("eark/2.2.0/DILCISExtensionMETS.xsd"));
        assertThat(fgs.get("schemas/DILCISExtensionMETS.xsd"))
                .isEqualTo(resource("eark/2.1.0/DILCISExtensionMETS.xsd"));
        assertThat(EarkProfile.parse("FGS-2.0")).isEqualTo(EarkProfile.FGS_2_0);
        assertThat(EarkProfile.parse("e-ark-sip-2.2")).isEqualTo(EarkProfile.EARK_SIP_2_2);
    }

    @Test
    void theShippedSchemasAreThePublishedOnes() throws IOException {
        // SHA-256 of the files as published (shared/data/eark; see src/main/resources/eark/README.md for their
        // sources).
        assertThat(HashChain.sha256(resource("eark/common/mets.xsd")))
                .isEqualTo("9c336f876c14103cb4e96800ca98257b8e4892f143b85ed9347c7446fb6490f6");
        assertThat(new String(resource("eark/common/premis.xsd"), StandardCharsets.UTF_8))
                .contains("targetNamespace=\"http://www.loc.gov/premis/v3\"")
                .contains("VERSION 3.0");
        assertThat(new String(resource("eark/2.2.0/DILCISExtensionMETS.xsd"), StandardCharsets.UTF_8))
                .contains("citsehpj_v2_0");
        assertThat(new String(resource("eark/2.1.0/DILCISExtensionMETS.xsd"), StandardCharsets.UTF_8))
                .doesNotContain("citsehpj_v2_0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"da", "nb", "nn", "sv", "en"})
    void theDescriptionAndDocumentationAreInTheAccountsLanguage(String language) throws IOException {
        Map<String, byte[]> files = EarkRequirements.Unpacked.of(write(EarkProfile.EARK_SIP_2_2, language, records()))
                .files();
        Element description = root(files.get("metadata/descriptive/description.xml"));
        assertThat(description.getAttribute("lang")).isEqualTo(language);
        String title = description
                .getElementsByTagNameNS(PackageLayout.DC_NS, "title")
                .item(0)
                .getTextContent();
        String readme = new String(files.get("documentation/README.txt"), StandardCharsets.UTF_8);
        Map<String, String> expected = Map.of(
                "da",
                "Bevisdokumenter for fjernede kommentarer",
                "nb",
                "Bevisdokumenter for fjernede kommentarer i sosiale medier",
                "nn",
                "Bevisdokument for fjerna kommentarar",
                "sv",
                "Bevisdokument för borttagna kommentarer",
                "en",
                "Evidence records of removed social-media comments");
        assertThat(title).startsWith(expected.get(language)).contains("Aarhus Kommune");
        assertThat(readme).contains("METS.xml").contains("E-ARK SIP 2.2.0");
        assertThat(root(files.get("METS.xml")).getAttribute("LABEL")).isEqualTo(title);
    }

    @Test
    void thePremisHoldsEachFilesFixityAndEachRecordsEvents() throws IOException {
        Map<String, byte[]> files = EarkRequirements.Unpacked.of(write(EarkProfile.EARK_SIP_2_2, "da", records()))
                .files();
        Document premis = document(files.get("representations/rep1/metadata/preservation/premis.xml"));
        NodeList digests = premis.getElementsByTagNameNS(PackageLayout.PREMIS_NS, "messageDigest");
        Set<String> listed = new TreeSet<>();
        for (int i = 0; i < digests.getLength(); i++) {
            listed.add(digests.item(i).getTextContent());
        }
        for (String path : files.keySet()) {
            if (path.startsWith("representations/rep1/data/")) {
                assertThat(listed).as(path).contains(HashChain.sha256(files.get(path)));
            }
        }
        List<String> types = new ArrayList<>();
        NodeList eventTypes = premis.getElementsByTagNameNS(PackageLayout.PREMIS_NS, "eventType");
        for (int i = 0; i < eventTypes.getLength(); i++) {
            types.add(eventTypes.item(i).getTextContent());
        }
        assertThat(types).containsExactly("capture", "registration", "legal hold", "capture", "appraisal", "capture");
        assertThat(premis.getElementsByTagNameNS(PackageLayout.PREMIS_NS, "agent")
                        .getLength())
                .isEqualTo(2);
    }

    // --- the checks are not vacuous: a package that breaks a requirement is reported under its id

    @Test
    void theMetsSchemasRejectValuesTheDilcisExtensionsDoNotAllow() throws IOException {
        byte[] zip = write(EarkProfile.EARK_SIP_2_2, "da", records());
        byte[] badPackageType =
                edit(zip, "METS.xml", m -> m.replace("OAISPACKAGETYPE=\"SIP\"", "OAISPACKAGETYPE=\"XIP\""));
        assertThat(EarkSchemas.validate(
                        EarkSchemas.mets(EarkProfile.EARK_SIP_2_2),
                        EarkRequirements.Unpacked.of(badPackageType).files().get("METS.xml")))
                .isNotEmpty();
        byte[] badChecksumType = edit(
                zip,
                "representations/rep1/METS.xml",
                m -> m.replaceFirst("CHECKSUMTYPE=\"SHA-256\"", "CHECKSUMTYPE=\"SHA256\""));
        assertThat(EarkSchemas.validate(
                        EarkSchemas.mets(EarkProfile.EARK_SIP_2_2),
                        EarkRequirements.Unpacked.of(badChecksumType).files().get("representations/rep1/METS.xml")))
                .isNotEmpty();
        // citsehpj_v2_0 is in the 2.2.0 extension schema, not in 2.1.0 (FGS Paketstruktur 2.0).
        byte[] newerCit = edit(
                zip,
                "METS.xml",
                m -> m.replaceFirst(
                        "csip:CONTENTINFORMATIONTYPE=\"OTHER\"", "csip:CONTENTINFORMATIONTYPE=\"citsehpj_v2_0\""));
        byte[] mets = EarkRequirements.Unpacked.of(newerCit).files().get("METS.xml");
        assertThat(EarkSchemas.validate(EarkSchemas.mets(EarkProfile.EARK_SIP_2_2), mets))
                .isEmpty();
        assertThat(EarkSchemas.validate(EarkSchemas.mets(EarkProfile.FGS_2_0), mets))
                .isNotEmpty();
    }

    @Test
    void aContentCategoryOutsideTheVocabularyIsCsip2() throws IOException {
        byte[] broken = edit(
                write(EarkProfile.EARK_SIP_2_2, "da", records()),
                "METS.xml",
                mets -> mets.replace("TYPE=\"Mixed\"", "TYPE=\"OTHER\""));
        assertThat(ids(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, broken)))
                .contains("CSIP2");
    }

    @Test
    void aSoftwareAgentWithoutItsVersionNoteIsCsip15() throws IOException {
        byte[] broken = edit(
                write(EarkProfile.EARK_SIP_2_2, "da", records()),
                "METS.xml",
                mets -> mets.replaceFirst("<mets:note csip:NOTETYPE=\"SOFTWARE VERSION\">[^<]*</mets:note>", ""));
        assertThat(ids(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, broken)))
                .contains("CSIP15");
    }

    @Test
    void anUnreferencedFileAndAMissingMptrAreReported() throws IOException {
        byte[] zip = write(EarkProfile.EARK_SIP_2_2, "da", records());
        byte[] extra = add(zip, "manifest-sha256.txt", "abc  METS.xml\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ids(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, extra))).contains("FILES-REFERENCED");
        byte[] noMptr = edit(zip, "METS.xml", mets -> mets.replaceFirst("<mets:mptr [^>]*/>", ""));
        assertThat(ids(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, noMptr)))
                .contains("CSIP109");
        byte[] wrongProfile = edit(zip, "METS.xml", mets -> mets.replace("E-ARK-SIP-v2-2-0.xml", "E-ARK-SIP.xml"));
        assertThat(ids(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, wrongProfile)))
                .contains("SIP2");
        byte[] noSubmitter = edit(
                zip,
                "METS.xml",
                mets -> mets.replace("ROLE=\"CREATOR\" TYPE=\"ORGANIZATION\"", "ROLE=\"OTHER\" TYPE=\"ORGANIZATION\""));
        assertThat(ids(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, noSubmitter)))
                .contains("SIP15");
        byte[] changedSize =
                edit(zip, "representations/rep1/METS.xml", mets -> mets.replaceFirst("SIZE=\"", "SIZE=\"1"));
        assertThat(ids(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, changedSize)))
                .contains("CSIP69");
        byte[] notPremis = edit(
                zip,
                "representations/rep1/metadata/preservation/premis.xml",
                x -> x.replace("<premis:size>", "<premis:sizes>").replace("</premis:size>", "</premis:sizes>"));
        assertThat(EarkSchemas.validate(
                        EarkSchemas.premis(),
                        EarkRequirements.Unpacked.of(notPremis)
                                .files()
                                .get("representations/rep1/metadata/preservation/premis.xml")))
                .isNotEmpty();
    }

    // --- helpers

    static List<ExportRecord> records() {
        List<ExportRecord> list = new ArrayList<>();
        for (ExportRecord r : ExportPackageTest.records(3)) {
            List<RecordEvent> events = switch (r.recordId()) {
                case "rec-0" ->
                    List.of(
                            new RecordEvent("capture", r.capturedAt(), "captured", ExportSettings.SOFTWARE),
                            new RecordEvent(
                                    "registration",
                                    r.capturedAt().plusSeconds(3600),
                                    "registered as 2026-000",
                                    "organization"),
                            new RecordEvent(
                                    "legal hold",
                                    r.capturedAt().plusSeconds(7200),
                                    "legal hold placed",
                                    "organization"));
                case "rec-1" ->
                    List.of(
                            new RecordEvent("capture", r.capturedAt(), "captured", ExportSettings.SOFTWARE),
                            new RecordEvent(
                                    "appraisal",
                                    r.capturedAt().plusSeconds(60),
                                    "registration assessed as not required",
                                    "organization"));
                default -> List.of();
            };
            list.add(new ExportRecord(
                    r.recordId(),
                    r.capturedAt(),
                    r.registrationNumber(),
                    r.pdf(),
                    r.pdfSha256(),
                    r.png(),
                    r.pngSha256(),
                    r.json(),
                    r.jsonSha256(),
                    events));
        }
        return list;
    }

    static byte[] write(EarkProfile profile, String language, List<ExportRecord> records) throws IOException {
        ExportSettings settings = ExportSettings.defaults()
                .withProfile(profile)
                .withLanguage(language)
                .withSubmitter("Aarhus Kommune", "VAT:DK55133018")
                .withSubmissionAgreement("AA-2026-17");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExportPackageWriter(CLOCK, settings).write(SCOPE, records, out);
        return out.toByteArray();
    }

    private static Set<String> ids(List<Finding> findings) {
        Set<String> ids = new TreeSet<>();
        findings.forEach(f -> ids.add(f.requirement()));
        return ids;
    }

    private static Set<String> requirementIds(String resource, String level) throws IOException {
        Document doc = document(resource(resource));
        NodeList requirements = doc.getElementsByTagNameNS("*", "requirement");
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < requirements.getLength(); i++) {
            Element r = (Element) requirements.item(i);
            if (level.equals(r.getAttribute("REQLEVEL"))) {
                ids.add(r.getAttribute("ID"));
            }
        }
        return ids;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ExportEarkConformanceTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Element root(byte[] xml) {
        return document(xml).getDocumentElement();
    }

    private static Document document(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The zip with one file (path under the package root) changed as text. */
    private static byte[] edit(byte[] zip, String path, UnaryOperator<String> change) throws IOException {
        return rewrite(zip, path, change, null, null);
    }

    private static byte[] add(byte[] zip, String path, byte[] bytes) throws IOException {
        return rewrite(zip, null, null, path, bytes);
    }

    private static byte[] rewrite(
            byte[] zip, String path, UnaryOperator<String> change, String addPath, byte[] addBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String root = SCOPE.packageId() + "/";
        boolean changed = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(root + path)) {
                    String before = new String(bytes, StandardCharsets.UTF_8);
                    String after = change.apply(before);
                    changed = !after.equals(before);
                    bytes = after.getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(bytes);
                z.closeEntry();
            }
            if (addPath != null) {
                z.putNextEntry(new ZipEntry(root + addPath));
                z.write(addBytes);
                z.closeEntry();
                changed = true;
            }
        }
        assertThat(changed).as("the edit changed " + path).isTrue();
        return out.toByteArray();
    }
}

package org.tingvakt.archive.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tingvakt.archive.render.EvidenceView.RecordLanguage;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

class EvidenceRendererTest {
    /** One renderer for the whole class, as the service holds one. */
    static EvidenceRenderer renderer;

    static HttpServer trap;
    static final AtomicInteger trapHits = new AtomicInteger();
    static String trapUrl;

    @BeforeAll
    static void setUp() throws IOException {
        renderer = new EvidenceRenderer();
        VeraGreenfieldFoundryProvider.initialise();
        // A real server on loopback: if the renderer fetched anything, this counter would show it.
        trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        trap.createContext("/", exchange -> {
            trapHits.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        trap.start();
        trapUrl = "http://127.0.0.1:" + trap.getAddress().getPort();
    }

    @AfterAll
    static void tearDown() {
        trap.stop(0);
    }

    @Test
    void rendersACompliantPdfA2bAndAPngOfTheSameRecord() throws Exception {
        RenderedEvidence r = renderer.render(EvidenceSamples.danish("rec-0001"));

        assertPdfA2bCompliant(r.pdf());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(r.png()));
        // A4 at 110 dpi is 910 × 1286 px per page.
        assertEquals(910, png.getWidth(), 2);
        assertEquals(r.pngPages(), Math.round(png.getHeight() / 1286f));
        assertTrue(r.png().length < 600_000, "PNG is " + r.png().length + " bytes");
        writeSample("evidence-da.png", r.png());
        writeSample("evidence-da.pdf", r.pdf());

        String text = pdfText(r.pdf());
        assertTrue(text.contains("Bevisdokument for en kommentar på sociale medier"), text);
        assertTrue(text.contains("Jørgen Ølstrup-Læsø"));
        assertTrue(text.contains("10229384756"));
        assertTrue(text.contains("2026-03-14 10:24:02 +01:00"), "capture time in the account's zone");
        assertTrue(text.contains("Journalnummer"));
        assertTrue(text.contains("2026-004127"));
        assertTrue(text.contains("Denne kommentar"));
        assertTrue(text.contains("personal_attack"), "a label the bundles do not know is shown as sent");
        assertTrue(text.contains("Trusler"), "THREAT in Danish");
        assertTrue(text.contains("Personoplysninger"), "PERSONAL_DATA in Danish");
        assertTrue(text.contains("Aarhus Kommune – Borgerservice"), "the account's name");
        assertTrue(text.contains("rec-0001"));
        assertTrue(text.contains("3f1c2a9be0d4c6f1a7b2e8d9c0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3"));
    }

    @Test
    void embedsOnlyTheBundledFonts() throws IOException {
        RenderedEvidence r = renderer.render(EvidenceSamples.danish("rec-fonts"));
        try (PDDocument doc = Loader.loadPDF(r.pdf())) {
            List<String> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                    fonts.add(font.getName());
                }
            }
            assertFalse(fonts.isEmpty());
            assertTrue(fonts.stream().allMatch(f -> f.contains("DejaVu")), fonts.toString());
        }
    }

    @Test
    void headingsComeFromTheBundleOfTheRecordsLanguage() throws IOException {
        EvidenceView base = EvidenceSamples.danish("rec-lang");
        assertTrue(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.SV))
                .contains("Diarienummer"));
        assertTrue(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.NB))
                        .contains("Ikke journalført ennå")
                || renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.NB))
                        .contains("Avsenderens plattform-ID"));
        assertTrue(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.NN))
                .contains("Grunngjeving frå moderator"));
        assertTrue(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.EN))
                .contains("Moderator&#39;s reason"));
        assertTrue(renderer.xhtml(base).contains("Moderatorens begrundelse"));

        // Label names in the record's language too.
        assertTrue(renderer.xhtml(base).contains(">Personoplysninger<"));
        assertTrue(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.SV))
                .contains(">Personuppgifter<"));
        assertTrue(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.SV))
                .contains(">Hot<"));
        assertTrue(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.NB))
                .contains(">Personopplysninger<"));
        assertTrue(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.NN))
                .contains(">Personopplysningar<"));
        assertTrue(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.EN))
                .contains(">Personal data<"));
        assertFalse(renderer.xhtml(EvidenceSamples.inLanguage(base, RecordLanguage.EN))
                .contains(">personal_data<"));

        // Swedish rendered all the way: å, ä and ö survive into the PDF's text.
        String sv = pdfText(renderer.render(EvidenceSamples.inLanguage(base, RecordLanguage.SV))
                .pdf());
        assertTrue(sv.contains("Kommentaren så som den visades"), sv);
        assertTrue(sv.contains("Säkrad"));
        assertTrue(sv.contains("Överordnad kommentar") || sv.contains("Inlägg"));
    }

    @Test
    void hostileCommentIsShownAsTextFetchesNothingAndKeepsTheLayout() throws Exception {
        String longWord = "A".repeat(2500);
        String hostile = "<script>alert('x')</script>"
                + "<img src=\"" + trapUrl + "/pixel.png\"/>"
                + "<link rel=\"stylesheet\" href=\"" + trapUrl + "/evil.css\"/>"
                + "<style>body { display: none; background: url(" + trapUrl + "/bg.png) }</style>"
                + "<div style=\"position:absolute;left:-9999px\">hidden</div>"
                + "]]><!-- &amp; &#0; \u0000 \u202Eevil\u202C \u200B 中 \uD83E\uDEE0 \n" + longWord;
        EvidenceView view = EvidenceSamples.danish("rec-hostile", hostile);
        long refusedBefore = OfflineResources.refusedCount();

        RenderedEvidence r = renderer.render(view);

        assertEquals(0, trapHits.get(), "the renderer fetched something");
        assertEquals(refusedBefore, OfflineResources.refusedCount(), "escaped text must not even name a resource");
        String text = pdfText(r.pdf());
        assertTrue(text.contains("<script>alert('x')</script>"), "markup is shown as text");
        assertTrue(text.contains("<img src=\"" + trapUrl + "/pixel.png\"/>"));
        assertTrue(
                text.contains("[U+202E]evil[U+202C]"),
                "bidi overrides are made visible: "
                        + text.substring(Math.max(0, text.indexOf("U+202E") - 100), text.indexOf("U+202E") + 100));
        assertTrue(text.contains("[U+4E2D]"), "a character without a glyph is shown as its code point");
        assertTrue(text.contains("[U+1FAE0]"));
        assertTrue(text.contains("[U+0000]"));
        String compact = text.replaceAll("\\s+", "");
        assertTrue(compact.contains(longWord), "the long word is all there, wrapped");

        assertEveryGlyphInsideTheMargins(r.pdf());
        assertPdfA2bCompliant(r.pdf());
        writeSample("evidence-hostile.png", r.png());
    }

    @Test
    void markupThatReachesTheEngineStillFetchesNothing() throws Exception {
        // Bypasses escaping on purpose: if hostile markup ever got through, the engine itself must refuse to load it.
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>"
                + "<link rel=\"stylesheet\" href=\"" + trapUrl + "/a.css\"/>"
                + "<style>@import url(\"" + trapUrl + "/b.css\"); body { font-family: 'Tingvakt Sans';"
                + " background-image: url(\"" + trapUrl + "/c.png\"); }</style></head><body>"
                + "<p>Ærlig talt</p><img src=\"" + trapUrl + "/d.png\"/><img src=\"file:///etc/passwd\"/>"
                + "<img src=\"jar:file:/tmp/x.jar!/y.png\"/><object data=\"" + trapUrl
                + "/e.svg\" type=\"image/svg+xml\"></object>"
                + "</body></html>";
        long refusedBefore = OfflineResources.refusedCount();

        byte[] pdf = renderer.renderPdf(xhtml);

        assertEquals(0, trapHits.get(), "the engine fetched something");
        assertTrue(OfflineResources.refusedCount() > refusedBefore, "the refusals went through our policy");
        assertTrue(pdfText(pdf).contains("Ærlig talt"));
    }

    @Test
    void oneRendererServesSeveralThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<RenderedEvidence>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = "rec-par-" + i;
                futures.add(pool.submit(() -> renderer.render(EvidenceSamples.danish(id))));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertTrue(pdfText(futures.get(i).get().pdf()).contains("rec-par-" + i));
            }
        } finally {
            pool.shutdown();
        }
    }

    static void assertPdfA2bCompliant(byte[] pdf) throws Exception {
        try (PDFAParser parser =
                        Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            ValidationResult result = validator.validate(parser);
            String failures = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct()
                    .collect(Collectors.joining("\n"));
            assertTrue(result.isCompliant(), "veraPDF says not PDF/A-2b:\n" + failures);
            assertEquals(PDFAFlavour.PDFA_2_B, result.getPDFAFlavour());
        }
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        }
    }

    /** Fails if any glyph is drawn outside the page's printable area: the layout held. */
    static void assertEveryGlyphInsideTheMargins(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            float pageWidth = doc.getPage(0).getMediaBox().getWidth();
            float margin = 14f * 72f / 25.4f; // 14 mm, as in evidence.css
            List<String> outside = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        if (p.getXDirAdj() < margin - 1f
                                || p.getXDirAdj() + p.getWidthDirAdj() > pageWidth - margin + 1f) {
                            outside.add(p.getUnicode() + "@" + p.getXDirAdj());
                        }
                    }
                    super.writeString(text, positions);
                }
            };
            stripper.getText(doc);
            assertTrue(
                    outside.isEmpty(),
                    "glyphs outside the margins: " + outside.stream().limit(10).toList());
        }
    }

    private static void writeSample(String name, byte[] bytes) throws IOException {
        Path dir = Path.of("target", "evidence-samples");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}

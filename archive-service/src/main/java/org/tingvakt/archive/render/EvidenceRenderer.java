package org.tingvakt.archive.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.pngencoder.PngEncoder;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders evidence records: one {@link EvidenceView} becomes a PDF/A-2b document and a PNG image of the same pages.
 *
 * <p>Build one and share it: it is thread-safe (fonts, colour profile and stylesheet are read once; each render builds its
 * own document). Rendering never touches the network or the file system: see {@link OfflineResources}.
 *
 * <p>Per record, the work is: one layout pass (openhtmltopdf) that writes the PDF/A, then the PNG rasterised from that
 * PDF (so both show the same layout) and encoded with a fast deflate. What used to be redone for every record and is
 * now done once (measured with JFR, see docs/archive-records.md): parsing the three TrueType fonts (once per rendering
 * thread: fontbox's {@code TrueTypeFont} reads tables lazily and is not safe to share between threads), looking up the
 * XML {@code TransformerFactory} that PDFBox's XMP serialiser asks for on every document (a class-path scan), and the
 * JDK's PNG writer (which copies every row out of the image) is replaced by {@code pngencoder}.
 */
public final class EvidenceRenderer {
    /** The PNG shows at most this many pages, stitched top to bottom; the PDF always has them all. */
    public static final int MAX_PNG_PAGES = 4;
    /** Resolution of the PNG: sharp enough to read 7 pt footers, small enough to store by the million. */
    public static final float DEFAULT_PNG_DPI = 110f;

    static final String SANS = "Tingvakt Sans";
    static final String MONO = "Tingvakt Mono";
    private static final String PRODUCER = "Tingvakt archive-service";
    private static final System.Logger LOG = System.getLogger(EvidenceRenderer.class.getName());

    private final byte[] sansRegular;
    private final byte[] sansBold;
    private final byte[] monoRegular;
    private final byte[] srgbProfile;
    private final EvidenceHtml html;
    private final PrintableText printable;
    private final float pngDpi;
    /** Fonts parsed once per rendering thread (see the class comment); the document subsets and embeds them. */
    private final ThreadLocal<ParsedFonts> fonts = ThreadLocal.withInitial(this::parseFonts);

    private record ParsedFonts(TrueTypeFont sans, TrueTypeFont sansBold, TrueTypeFont mono) {}

    static {
        pinXmlFactories();
    }

    /**
     * PDFBox's {@code XmpSerializer} (PDF/A metadata, one per document) calls {@link TransformerFactory#newInstance()}
     * and {@link DocumentBuilderFactory#newInstance()}, which scan the whole class path for a provider every time (a
     * third of the PDF's CPU time in a profile). The lookup is done once here and its answer pinned with the standard
     * system property: the first provider the scan finds, else the JDK's default — exactly what every later call would
     * have found — so nothing changes but the repeated scan. A property someone already set is left alone.
     */
    private static void pinXmlFactories() {
        pin(
                TransformerFactory.class,
                () -> TransformerFactory.newDefaultInstance().getClass());
        pin(
                DocumentBuilderFactory.class,
                () -> DocumentBuilderFactory.newDefaultInstance().getClass());
    }

    private static <T> void pin(Class<T> factory, java.util.function.Supplier<Class<?>> jdkDefault) {
        String property = factory.getName();
        if (System.getProperty(property) != null) {
            return;
        }
        String chosen = ServiceLoader.load(factory).stream()
                .findFirst()
                .<String>map(p -> p.type().getName())
                .orElseGet(() -> jdkDefault.get().getName());
        System.setProperty(property, chosen);
    }

    public EvidenceRenderer() {
        this(DEFAULT_PNG_DPI);
    }

    public EvidenceRenderer(float pngDpi) {
        QuietEngineLog.install();
        if (!(pngDpi >= 36f && pngDpi <= 300f)) {
            throw new IllegalArgumentException("PNG resolution must be 36..300 dpi");
        }
        this.pngDpi = pngDpi;
        this.sansRegular = resource("fonts/DejaVuSans.ttf");
        this.sansBold = resource("fonts/DejaVuSans-Bold.ttf");
        this.monoRegular = resource("fonts/DejaVuSansMono.ttf");
        // The JDK's own sRGB profile: on every JVM, no file or network needed.
        this.srgbProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        Font glyphs;
        try {
            glyphs = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(sansRegular));
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("bundled font fonts/DejaVuSans.ttf is unreadable", e);
        }
        String css = new String(resource("evidence/evidence.css"), StandardCharsets.UTF_8);
        this.printable = new PrintableText(glyphs::canDisplay);
        this.html = new EvidenceHtml(css, printable);
    }

    /** Renders one record: PDF/A-2b first, then the PNG rasterised from that very PDF. */
    public RenderedEvidence render(EvidenceView view) {
        Objects.requireNonNull(view, "view");
        String xhtml = html.toXhtml(view);
        try {
            byte[] pdf = renderPdf(xhtml);
            return rasterise(pdf);
        } catch (IOException | RuntimeException e) {
            // The record id is not personal data; the text and sender stay out of the message.
            throw new EvidenceRenderingException("could not render evidence record " + view.recordId(), e);
        }
    }

    /** Untrusted text as XHTML with the archive font's glyphs (for other documents rendered with these fonts). */
    PrintableText printable() {
        return printable;
    }

    /** The XHTML the PDF is made from (for tests and for diagnosing layout). */
    String xhtml(EvidenceView view) {
        return html.toXhtml(view);
    }

    private ParsedFonts parseFonts() {
        try {
            return new ParsedFonts(parse(sansRegular), parse(sansBold), parse(monoRegular));
        } catch (IOException e) {
            throw new UncheckedIOException("bundled fonts are unreadable", e);
        }
    }

    private static TrueTypeFont parse(byte[] ttf) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(ttf));
    }

    /** XHTML → PDF/A-2b with the bundled fonts and no way out to any external resource. */
    byte[] renderPdf(String xhtml) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        ParsedFonts parsed = fonts.get();
        // The document is ours so that the fonts can be loaded into it from the thread's parsed copies; openhtmltopdf
        // closes it when it has written the PDF. PDType0Font.load(doc, ttf, subset) does not close the shared font.
        PDDocument document = new PDDocument();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.usePDDocument(document);
        builder.usePdfVersion(1.7f);
        builder.usePdfAConformance(PdfAConformance.PDFA_2_B);
        builder.useColorProfile(srgbProfile);
        builder.withProducer(PRODUCER);
        builder.useFont(
                new PDFontSupplier(PDType0Font.load(document, parsed.sans(), true)), SANS, 400, FontStyle.NORMAL, true);
        builder.useFont(
                new PDFontSupplier(PDType0Font.load(document, parsed.sansBold(), true)),
                SANS,
                700,
                FontStyle.NORMAL,
                true);
        builder.useFont(
                new PDFontSupplier(PDType0Font.load(document, parsed.mono(), true)), MONO, 400, FontStyle.NORMAL, true);
        builder.useUriResolver(OfflineResources.RESOLVE_NOTHING);
        builder.useHttpStreamImplementation(OfflineResources.NO_STREAMS);
        builder.useProtocolsStreamImplementation(OfflineResources.NO_STREAMS, OfflineResources.PROTOCOLS);
        builder.useExternalResourceAccessControl(
                OfflineResources.DENY_ALL, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl(
                OfflineResources.DENY_ALL, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.withDiagnosticConsumer(
                d -> LOG.log(System.Logger.Level.DEBUG, "openhtmltopdf: {0}", d.getLogMessageId()));
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        builder.run();
        return out.toByteArray();
    }

    private RenderedEvidence rasterise(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pageCount = doc.getNumberOfPages();
            int shown = Math.min(pageCount, MAX_PNG_PAGES);
            PDFRenderer renderer = new PDFRenderer(doc);
            List<BufferedImage> pages = new ArrayList<>(shown);
            int width = 0;
            int height = 0;
            for (int i = 0; i < shown; i++) {
                BufferedImage page = renderer.renderImageWithDPI(i, pngDpi, ImageType.RGB);
                pages.add(page);
                width = Math.max(width, page.getWidth());
                height += page.getHeight();
            }
            BufferedImage png = pages.get(0);
            if (shown > 1) {
                int gap = 3;
                png = new BufferedImage(width, height + gap * (shown - 1), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = png.createGraphics();
                try {
                    g.setColor(new Color(0x8a8a8a));
                    g.fillRect(0, 0, png.getWidth(), png.getHeight());
                    int y = 0;
                    for (BufferedImage page : pages) {
                        g.drawImage(page, 0, y, null);
                        y += page.getHeight() + gap;
                    }
                } finally {
                    g.dispose();
                }
            }
            return new RenderedEvidence(pdf, encodePng(png), pageCount, shown);
        }
    }

    /**
     * PNG through {@code pngencoder} (reads the image's int pixels directly instead of copying each row, as the JDK's
     * writer does) with the lightest deflate level and no row predictor: a record page is mostly flat colour, and
     * measured on a one-page record the predictor cost 3× the time for a 20 % larger file (185 KiB in ~12 ms without).
     * Single-threaded on purpose: records are rendered in parallel already.
     */
    static byte[] encodePng(BufferedImage image) {
        return new PngEncoder()
                .withBufferedImage(image)
                .withCompressionLevel(PNG_DEFLATE_LEVEL)
                .withPredictorEncoding(false)
                .withMultiThreadedCompressionEnabled(false)
                .toBytes();
    }

    static final int PNG_DEFLATE_LEVEL = 1;

    private static byte[] resource(String path) {
        try (InputStream in = EvidenceRenderer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

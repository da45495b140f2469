package org.tingvakt.archive.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
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
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders evidence records: one {@link EvidenceView} becomes a PDF/A-2b document and a PNG image of the same pages.
 *
 * <p>Build one and share it: it is immutable and thread-safe (fonts, colour profile and stylesheet are read once; each
 * render builds its own document). Rendering never touches the network or the file system: see {@link OfflineResources}.
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
    private final float pngDpi;

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
        this.html = new EvidenceHtml(css, new PrintableText(glyphs::canDisplay));
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

    /** The XHTML the PDF is made from (for tests and for diagnosing layout). */
    String xhtml(EvidenceView view) {
        return html.toXhtml(view);
    }

    /** XHTML → PDF/A-2b with the bundled fonts and no way out to any external resource. */
    byte[] renderPdf(String xhtml) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.usePdfVersion(1.7f);
        builder.usePdfAConformance(PdfAConformance.PDFA_2_B);
        builder.useColorProfile(srgbProfile);
        builder.withProducer(PRODUCER);
        builder.useFont(() -> new ByteArrayInputStream(sansRegular), SANS, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(sansBold), SANS, 700, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(monoRegular), MONO, 400, FontStyle.NORMAL, true);
        builder.useUriResolver(OfflineResources.RESOLVE_NOTHING);
        builder.useHttpStreamImplementation(OfflineResources.NO_STREAMS);
        builder.useProtocolsStreamImplementation(OfflineResources.NO_STREAMS, OfflineResources.PROTOCOLS);
        builder.useExternalResourceAccessControl(OfflineResources.DENY_ALL,
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl(OfflineResources.DENY_ALL,
                ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.withDiagnosticConsumer(d -> LOG.log(System.Logger.Level.DEBUG, "openhtmltopdf: {0}", d.getLogMessageId()));
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
     * PNG with fast deflate: a record page is mostly flat colour, so the lightest compression level is only ~4 % larger
     * than the default and takes about half the time.
     */
    private static byte[] encodePng(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer in this JVM");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

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

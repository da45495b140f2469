package org.tingvakt.archive.render;

/**
 * One evidence record rendered twice from the same layout: a PDF/A-2b document and a PNG image of its pages.
 *
 * <p>The arrays are the caller's to keep; the renderer does not hold on to them.
 *
 * @param pdf PDF/A-2b bytes, fonts embedded, sRGB output intent
 * @param png PNG bytes of the PDF's pages stitched top to bottom (at most {@link EvidenceRenderer#MAX_PNG_PAGES} pages)
 * @param pageCount pages in the PDF
 * @param pngPages pages of the PDF that the PNG shows
 */
public record RenderedEvidence(byte[] pdf, byte[] png, int pageCount, int pngPages) {}

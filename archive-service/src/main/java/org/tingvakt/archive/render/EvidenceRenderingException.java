package org.tingvakt.archive.render;

/** An evidence record could not be rendered. The message never contains the comment's text or sender. */
public class EvidenceRenderingException extends RuntimeException {
    public EvidenceRenderingException(String message, Throwable cause) {
        super(message, cause);
    }
}

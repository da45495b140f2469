package org.tingvakt.archive.storage;

/** The three artefacts of every evidence record. */
public enum ArtefactKind {
    PDF("application/pdf", "pdf"),
    PNG("image/png", "png"),
    JSON("application/json", "json");

    private final String mediaType;
    private final String extension;

    ArtefactKind(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }
}

package org.tingvakt.contracts;

/**
 * Where an item of {@link ArchiveRequested.ThreadItem} stands relative to the archived comment. Travels as a string
 * ({@link KnownValues}); a reader takes an unknown name as {@link #NEIGHBOUR}.
 */
public enum ThreadRole {
    /** The account's own post (Facebook feed post, Instagram media) the comment was written under: the thread's root. */
    POST,
    /** The comment the archived comment answers. */
    PARENT,
    /** Another comment near it in the thread. */
    NEIGHBOUR
}

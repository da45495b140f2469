package org.tingvakt.archive.proof;

/** The outcome of verifying a record chain: intact, or broken at the first link that does not match. */
public sealed interface ChainVerification {

    boolean intact();

    /** Every link matched. {@code headChainHash} is the last link's chain hash (the anchor for the next verification). */
    record Intact(int links, String headChainHash) implements ChainVerification {
        @Override
        public boolean intact() {
            return true;
        }
    }

    /**
     * The first link that does not match.
     *
     * @param index position of the link in the list verified (0-based)
     * @param recordId its record id
     * @param expected what the link should have held (recomputed)
     * @param actual what was found
     */
    record Broken(int index, String recordId, Reason reason, String expected, String actual)
            implements ChainVerification {
        @Override
        public boolean intact() {
            return false;
        }
    }

    enum Reason {
        /** The record's stored bytes no longer have the SHA-256 that the chain recorded. */
        RECORD_CHANGED,
        /** The chain hash does not follow from the previous link: a link was changed, removed, inserted or reordered. */
        LINK_MISMATCH,
        /** A hash in the link is not 64 hex digits. */
        MALFORMED
    }
}

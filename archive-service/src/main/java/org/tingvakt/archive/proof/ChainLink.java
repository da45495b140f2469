package org.tingvakt.archive.proof;

/**
 * One stored link of the record chain (see {@link HashChain}).
 *
 * @param recordId the archive's record id
 * @param recordSha256 SHA-256 (hex) of the record's stored bytes
 * @param chainHash SHA-256 (hex) over the previous link's chain hash, {@code recordSha256} and {@code recordId}
 */
public record ChainLink(String recordId, String recordSha256, String chainHash) {}

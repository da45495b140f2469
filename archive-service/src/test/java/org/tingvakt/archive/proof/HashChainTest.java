package org.tingvakt.archive.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tingvakt.archive.proof.ChainVerification.Broken;
import org.tingvakt.archive.proof.ChainVerification.Intact;
import org.tingvakt.archive.proof.ChainVerification.Reason;

class HashChainTest {
    private final Map<String, byte[]> store = new HashMap<>();

    @Test
    void sha256MatchesTheStandard() throws IOException {
        // FIPS 180-2 test vector.
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, HashChain.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(abc, HashChain.sha256(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void chainHashIsShaOfPreviousRawRecordRawAndRecordId() {
        // Computed independently (Python hashlib): sha256(32 zero bytes || sha256(json) || "r1").
        String recordSha = HashChain.sha256("{\"recordId\":\"r1\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("d97d110003f13b4ecdd5ef3484a8884e250208185046fd20354980c4156fecd2", recordSha);
        assertEquals(
                "7a1dd25da9d6ab6d6f25f98342ab790bcdbc45f1c2f23cabd855ffbd8dda89b4",
                HashChain.chainHash(HashChain.GENESIS, recordSha, "r1"));
    }

    @Test
    void anIntactChainVerifiesAndReportsItsHead() {
        List<ChainLink> chain = chain(5);
        ChainVerification result = HashChain.verify(HashChain.GENESIS, chain, id -> Optional.of(store.get(id)));
        Intact intact = assertInstanceOf(Intact.class, result);
        assertEquals(5, intact.links());
        assertEquals(chain.get(4).chainHash(), intact.headChainHash());
    }

    @Test
    void oneAlteredByteInAStoredRecordIsFoundAtItsLink() {
        List<ChainLink> chain = chain(5);
        store.get("rec-3")[10] ^= 0x01;

        Broken broken = assertInstanceOf(
                Broken.class, HashChain.verify(HashChain.GENESIS, chain, id -> Optional.of(store.get(id))));
        assertEquals(3, broken.index());
        assertEquals("rec-3", broken.recordId());
        assertEquals(Reason.RECORD_CHANGED, broken.reason());
        assertEquals(chain.get(3).recordSha256(), broken.expected());
    }

    @Test
    void oneAlteredByteInAStoredChainHashBreaksTheChainThere() {
        List<ChainLink> chain = new ArrayList<>(chain(4));
        ChainLink l = chain.get(2);
        char[] hex = l.chainHash().toCharArray();
        hex[0] = hex[0] == '0' ? '1' : '0';
        chain.set(2, new ChainLink(l.recordId(), l.recordSha256(), new String(hex)));

        Broken broken = assertInstanceOf(Broken.class, HashChain.verify(chain));
        assertEquals(2, broken.index());
        assertEquals(Reason.LINK_MISMATCH, broken.reason());
    }

    @Test
    void aRemovedOrReorderedRecordBreaksTheChain() {
        List<ChainLink> removed = new ArrayList<>(chain(4));
        removed.remove(1);
        Broken gap = assertInstanceOf(Broken.class, HashChain.verify(removed));
        assertEquals(1, gap.index());

        List<ChainLink> swapped = new ArrayList<>(chain(4));
        ChainLink second = swapped.get(1);
        swapped.set(1, swapped.get(2));
        swapped.set(2, second);
        assertEquals(
                1, assertInstanceOf(Broken.class, HashChain.verify(swapped)).index());
    }

    @Test
    void aRenamedRecordBreaksTheChainEvenWithItsBytesUnchanged() {
        List<ChainLink> chain = new ArrayList<>(chain(3));
        ChainLink l = chain.get(1);
        chain.set(1, new ChainLink("rec-X", l.recordSha256(), l.chainHash()));
        assertEquals(
                Reason.LINK_MISMATCH,
                assertInstanceOf(Broken.class, HashChain.verify(chain)).reason());
    }

    @Test
    void aSegmentVerifiesFromItsAnchor() {
        List<ChainLink> chain = chain(6);
        List<ChainLink> tail = chain.subList(3, 6);
        assertTrue(HashChain.verify(chain.get(2).chainHash(), tail, id -> Optional.empty())
                .intact());
        assertTrue(!HashChain.verify(HashChain.GENESIS, tail, id -> Optional.empty())
                .intact());
    }

    @Test
    void malformedHashesAreReportedNotThrown() {
        List<ChainLink> chain = List.of(new ChainLink("r", "not-hex", HashChain.GENESIS));
        assertEquals(
                Reason.MALFORMED,
                assertInstanceOf(Broken.class, HashChain.verify(chain)).reason());
        assertThrows(IllegalArgumentException.class, () -> HashChain.chainHash("abc", HashChain.GENESIS, "r"));
    }

    @Test
    void theRecordIdCannotBeShiftedIntoTheHashes() {
        String a = HashChain.sha256(new byte[] {1});
        assertNotEquals(
                HashChain.chainHash(HashChain.GENESIS, a, "ab"), HashChain.chainHash(HashChain.GENESIS, a, "a"));
    }

    private List<ChainLink> chain(int n) {
        List<ChainLink> links = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int i = 0; i < n; i++) {
            String id = "rec-" + i;
            byte[] json = ("{\"recordId\":\"" + id + "\",\"text\":\"Hej på dig, nummer " + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            store.put(id, json);
            ChainLink link = HashChain.append(previous, id, HashChain.sha256(json));
            links.add(link);
            previous = link.chainHash();
        }
        return links;
    }
}

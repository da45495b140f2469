package org.tingvakt.moderation.outreach;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tingvakt.moderation.kernel.NoticeLanguage;
import org.tingvakt.moderation.kernel.RemovalReason;

/**
 * Writes the notice posted in a thread after comments were removed: how many, why (reason names in the account's
 * language), and where the rules are. It never names a commenter; it gets no commenter to name.
 */
public final class ThreadNoticeComposer {

    private final NoticeTexts texts;

    public ThreadNoticeComposer(NoticeTexts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /**
     * @param reasons the reasons of all comments the notice covers; empty, or only {@link RemovalReason#OTHER}, gives the
     *                general "broke our rules" sentence
     * @param removedCount how many comments the notice covers, at least 1
     * @param rulesUrl the account's rules for comments; the sentence pointing to them is left out when empty
     */
    public String compose(
            NoticeLanguage language, Set<RemovalReason> reasons, int removedCount, Optional<URI> rulesUrl) {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(reasons, "reasons");
        Objects.requireNonNull(rulesUrl, "rulesUrl");
        if (removedCount < 1) {
            throw new IllegalArgumentException("a notice covers at least one removed comment");
        }
        String plural = removedCount == 1 ? "one" : "other";
        Set<RemovalReason> ordered = reasons.isEmpty() ? EnumSet.noneOf(RemovalReason.class) : EnumSet.copyOf(reasons);
        String sentence;
        if (ordered.isEmpty() || ordered.equals(EnumSet.of(RemovalReason.OTHER))) {
            sentence = texts.format(
                    language, "notice.removed.unspecified." + plural, Map.of("count", Integer.toString(removedCount)));
        } else {
            sentence = texts.format(
                    language,
                    "notice.removed." + plural,
                    Map.of("count", Integer.toString(removedCount), "reasons", reasonList(language, ordered)));
        }
        return rulesUrl.map(url ->
                        sentence + " " + texts.format(language, "notice.rules", Map.of("rulesUrl", url.toString())))
                .orElse(sentence);
    }

    /** "a", "a or b", "a, b or c" — in enum order, so the same reasons always read the same. */
    String reasonList(NoticeLanguage language, Set<RemovalReason> reasons) {
        List<String> names = new ArrayList<>();
        for (RemovalReason reason : reasons) {
            names.add(texts.text(language, "notice.reason." + reason.name()));
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        String last = names.remove(names.size() - 1);
        return String.join(", ", names) + " " + texts.text(language, "notice.list.or") + " " + last;
    }
}

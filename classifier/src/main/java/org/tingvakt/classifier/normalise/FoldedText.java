package org.tingvakt.classifier.normalise;

/**
 * A comment folded to a canonical skeleton for matching, with a map back to the original text.
 *
 * <p>{@code text} holds lowercase letters and digits, words separated by single spaces, with a space at each end so that
 * word boundaries need no special cases. {@code start[i]}/{@code end[i]} give the original character range that produced
 * folded character {@code i}.
 */
public final class FoldedText {
    private final String text;
    private final int[] start;
    private final int[] end;

    FoldedText(String text, int[] start, int[] end) {
        this.text = text;
        this.start = start;
        this.end = end;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** Original offset where the folded range {@code [from, to)} starts. */
    public int originalStart(int from) {
        return start[Math.min(from, start.length - 1)];
    }

    /** Original offset where the folded range {@code [from, to)} ends (exclusive). */
    public int originalEnd(int to) {
        return end[Math.max(0, Math.min(to, end.length) - 1)];
    }
}

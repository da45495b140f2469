package org.tingvakt.classifier;

/** What a comment wants from the page: an answer, a registered complaint, or a referral to the politicians. */
public enum Intent {
    QUESTION,
    COMPLAINT,
    POLITICAL
}

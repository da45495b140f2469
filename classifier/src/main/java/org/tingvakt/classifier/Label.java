package org.tingvakt.classifier;

/** The moderation labels, with the fixed names used in events, APIs and the CLI. */
public enum Label {
    THREAT,
    HATE,
    INSULT,
    PROFANITY,
    SEXUAL,
    VIOLENCE,
    CRIME,
    ADVERTISING,
    PERSONAL_DATA,
    SECRET
}

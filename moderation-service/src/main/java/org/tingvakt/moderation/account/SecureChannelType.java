package org.tingvakt.moderation.account;

/** Secure channels an account can point people to instead of direct messages. */
public enum SecureChannelType {
    /** Denmark's public digital mail (borger.dk / mit.dk). */
    DIGITAL_POST,
    /** e-Boks, Denmark and Norway. */
    E_BOKS,
    /** Sweden's public digital mailbox service. */
    MINA_MEDDELANDEN,
    /** Kivra, Sweden. */
    KIVRA,
    /** Digipost, Norway. */
    DIGIPOST,
    EMAIL,
    PHONE,
    /** A secure contact form on the organisation's website. */
    WEB_FORM,
    /**
     * The organisation's e-services (self-service forms with secure sign-in) on its website; address: their link,
     * optional. Where the public digital mailbox is receive-only for citizens (Sweden, Norway), this is how they write.
     */
    E_SERVICES,
    /** The organisation's contact centre (Borgerservice, kontaktcenter, servicetorg); address: optional. */
    CONTACT_CENTRE
}

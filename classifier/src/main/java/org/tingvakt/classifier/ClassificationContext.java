package org.tingvakt.classifier;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tingvakt.classifier.pii.PublicContacts;

/**
 * What the classifier knows about the account a comment was written to: the organisation's own contact details (phone
 * numbers, e-mail addresses and domains, street addresses). A comment that quotes them ("ring til kommunen på 70 10 18
 * 18", "skriv til post@example.kommune.no") gives no one's personal data away, so they never count as PERSONAL_DATA.
 *
 * <p>Immutable and thread-safe. Build one from the account's configuration ({@link #builder()}) and let it learn from the
 * account's own posts ({@link Classifier#learnOwnContacts(ClassificationContext, String)}); {@link #NONE} knows nothing.
 */
public final class ClassificationContext {

    /** No organisation details: only the built-in public contact rules apply. */
    public static final ClassificationContext NONE = new ClassificationContext(Set.of(), Set.of(), Set.of(), Set.of());

    private final Set<String> phones;
    private final Set<String> emails;
    private final Set<String> domains;
    private final Set<String> addresses;

    private ClassificationContext(Set<String> phones, Set<String> emails, Set<String> domains, Set<String> addresses) {
        this.phones = Set.copyOf(phones);
        this.emails = Set.copyOf(emails);
        this.domains = Set.copyOf(domains);
        this.addresses = Set.copyOf(addresses);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this context's details, to add more. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.phones.addAll(phones);
        b.emails.addAll(emails);
        b.domains.addAll(domains);
        b.addresses.addAll(addresses);
        return b;
    }

    public boolean isEmpty() {
        return phones.isEmpty() && emails.isEmpty() && domains.isEmpty() && addresses.isEmpty();
    }

    /** Whether the phone number as written (any formatting, with or without +45/0046/…) is one of the organisation's. */
    public boolean ownPhone(String raw) {
        if (phones.isEmpty()) {
            return false;
        }
        for (String k : PublicContacts.phoneKeys(raw)) {
            if (phones.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the e-mail address is one of the organisation's, or in one of its domains (or their subdomains). */
    public boolean ownEmail(String email) {
        String e = email.toLowerCase(Locale.ROOT);
        if (emails.contains(e)) {
            return true;
        }
        int at = e.lastIndexOf('@');
        String domain = at < 0 ? e : e.substring(at + 1);
        for (String d : domains) {
            if (domain.equals(d) || domain.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the street address (as found in a comment) starts with one of the organisation's street + number. */
    public boolean ownAddress(String address) {
        if (addresses.isEmpty()) {
            return false;
        }
        return addresses.contains(PublicContacts.addressKey(address));
    }

    @Override
    public String toString() {
        return "ClassificationContext[" + phones.size() + " phones, " + emails.size() + " e-mails, " + domains.size()
                + " domains, " + addresses.size() + " addresses]";
    }

    /** Collects an organisation's own contact details; every add normalises what it is given. */
    public static final class Builder {
        private final Set<String> phones = new HashSet<>();
        private final Set<String> emails = new HashSet<>();
        private final Set<String> domains = new HashSet<>();
        private final Set<String> addresses = new HashSet<>();

        private Builder() {}

        /** A phone number in any usual format ("+45 70 10 18 18", "08-508 000 00", "0046 8 508 000 00"). */
        public Builder phone(String number) {
            List<String> keys = PublicContacts.phoneKeys(number);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("not a phone number");
            }
            phones.addAll(keys);
            return this;
        }

        public Builder phones(Collection<String> numbers) {
            numbers.forEach(this::phone);
            return this;
        }

        /** One e-mail address of the organisation. */
        public Builder email(String address) {
            if (address.indexOf('@') <= 0) {
                throw new IllegalArgumentException("not an e-mail address");
            }
            emails.add(address.strip().toLowerCase(Locale.ROOT));
            return this;
        }

        /** An e-mail domain of the organisation ("aarhus.dk"): every address in it and its subdomains is its own. */
        public Builder emailDomain(String domain) {
            String d = domain.strip().toLowerCase(Locale.ROOT);
            if (d.startsWith("@")) {
                d = d.substring(1);
            }
            if (d.isEmpty() || d.indexOf('.') < 0) {
                throw new IllegalArgumentException("not a domain");
            }
            domains.add(d);
            return this;
        }

        /** A street address ("Rådhuspladsen 2, 8000 Aarhus C"); it matches in comments by street name and number. */
        public Builder address(String address) {
            String k = PublicContacts.addressKey(address);
            if (k.isEmpty()) {
                throw new IllegalArgumentException("no street name and number");
            }
            addresses.add(k);
            return this;
        }

        public ClassificationContext build() {
            return new ClassificationContext(phones, emails, domains, addresses);
        }
    }
}

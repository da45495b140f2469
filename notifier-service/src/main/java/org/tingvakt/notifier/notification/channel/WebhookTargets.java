package org.tingvakt.notifier.notification.channel;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the notifier may send chat webhooks: a guard against server-side request forgery, since an admin-entered URL
 * makes this service POST to whatever it names (a cloud metadata endpoint, a database port, an internal admin page).
 *
 * <ul>
 * <li>Only {@code https} — plain {@code http} only where private targets are allowed (local development and tests);
 * <li>optionally only hosts under the configured suffixes ({@code tingvakt.notifier.webhooks.allowed-hosts}, e.g.
 * {@code webhook.office.com,logic.azure.com,hooks.slack.com});
 * <li>never an address that is loopback, link-local (169.254.0.0/16, where cloud metadata lives), private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT (100.64/10), "this network" (0/8), wildcard or
 * multicast — checked on the literal address when the URL is saved, and on every address the name resolves to before
 * each request (so a name that later resolves inward is refused too).
 * </ul>
 *
 * The JDK's HttpClient resolves the name again when it connects; a DNS answer that changes between the check and the
 * connect (rebinding within the TTL) is not caught. The client never follows redirects ({@code Redirect.NEVER}), so a
 * public endpoint cannot bounce the request inward.
 *
 * <p>Hand-written: the JDK's {@link InetAddress} predicates do the classification; no maintained Java library offers
 * an SSRF policy that is more than these few lines.
 */
public final class WebhookTargets {
    private final boolean allowPrivate;
    private final List<String> allowedHostSuffixes;

    public WebhookTargets(boolean allowPrivate, List<String> allowedHostSuffixes) {
        this.allowPrivate = allowPrivate;
        this.allowedHostSuffixes = allowedHostSuffixes.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Public https targets only (production's default). */
    public static WebhookTargets strict() {
        return new WebhookTargets(false, List.of());
    }

    /** Local development and tests: local receivers on plain http are allowed too. */
    public static WebhookTargets allowingPrivate() {
        return new WebhookTargets(true, List.of());
    }

    /** Why a URL may not be saved as a webhook target, or empty when it may (no DNS lookup: names may change). */
    public Optional<String> refusal(URI u) {
        if (!u.isAbsolute() || u.getHost() == null || u.getRawUserInfo() != null) {
            return Optional.of("must be an absolute https URL without user info");
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return Optional.of("must be an https URL");
        }
        String host = host(u);
        if (!allowedHostSuffixes.isEmpty()
                && allowedHostSuffixes.stream().noneMatch(s -> host.equals(s) || host.endsWith("." + s))) {
            return Optional.of("host " + host + " is not among the allowed webhook hosts " + allowedHostSuffixes);
        }
        if (!allowPrivate && (host.equals("localhost") || host.endsWith(".localhost"))) {
            return Optional.of("must not point at this machine");
        }
        if (!allowPrivate && isIpLiteral(host)) {
            try {
                if (isInternal(InetAddress.getByName(host))) {
                    return Optional.of("must not point at a private, loopback or link-local address");
                }
            } catch (UnknownHostException e) {
                return Optional.of("is not a valid address");
            }
        }
        return Optional.empty();
    }

    /** Before a request: the URL is still acceptable and none of the addresses its host resolves to is internal. */
    public void checkBeforeSending(URI u) throws IOException {
        Optional<String> refused = refusal(u);
        if (refused.isPresent()) {
            throw new RefusedTarget("webhook target refused: " + refused.get());
        }
        if (allowPrivate) {
            return;
        }
        for (InetAddress a : InetAddress.getAllByName(host(u))) {
            if (isInternal(a)) {
                throw new RefusedTarget("webhook target refused: its host resolves to an internal address");
            }
        }
    }

    /** An address the notifier must never be made to call on someone else's behalf. */
    static boolean isInternal(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }

    private static String host(URI u) {
        String h = u.getHost().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** A target refused by the policy (an IOException, so the dispatcher's retries and final FAILED state apply). */
    public static final class RefusedTarget extends IOException {
        public RefusedTarget(String message) {
            super(message);
        }
    }
}

package org.tingvakt.moderation.account.connection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.AccountService;
import org.tingvakt.moderation.kernel.audit.AuditLog;
import org.tingvakt.problem.ProblemException;

/**
 * Connecting pages and Instagram business accounts from a Meta system-user token (Business Manager): list what the token
 * reaches, connect the chosen ones (page token sealed and stored, the app subscribed to the page's webhooks, the account
 * created if new), disconnect (unsubscribed, token deleted, the account and its history kept).
 *
 * <p>Meta is asked before anything is written: a refused token, an account the token does not reach, invalid settings or
 * a failed subscription change nothing in the database. Tokens are never logged, audited or returned.
 */
@ApplicationScoped
public class AccountConnections {
    private static final Logger LOG = Logger.getLogger(AccountConnections.class);
    /** Meta's tokens are letters and digits (an app token has a {@code |}); long-lived ones run to a few hundred. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.|-]{10,2048}");

    private static final Pattern GRAPH_ID = Pattern.compile("[0-9]{1,32}");
    static final int MAX_ACCOUNTS = 100;

    private final AccountGraph graph;
    private final TokenKeys keys;
    private final AccountService accounts;
    private final AuditLog audit;
    private final List<String> pageFields;

    public AccountConnections(
            AccountGraph graph,
            TokenKeys keys,
            AccountService accounts,
            AuditLog audit,
            @ConfigProperty(name = "tingvakt.connections.page-fields", defaultValue = "feed") List<String> pageFields) {
        this.graph = graph;
        this.keys = keys;
        this.accounts = accounts;
        this.audit = audit;
        this.pageFields = List.copyOf(pageFields);
    }

    /** A page or Instagram account the token reaches. {@code pageId}: the page it is (or is linked to). */
    public record Reachable(
            Platform platform,
            String id,
            String name,
            String pageId,
            List<String> tasks,
            boolean canModerate,
            Optional<UUID> connectedAccountId) {}

    /** An account to connect. */
    public record Choice(Platform platform, String id) {}

    /** The settings new accounts get (existing accounts keep theirs). */
    public record Defaults(String country, String language, String timeZone) {}

    /** A connection as the API shows it: never the token. */
    public record View(
            UUID accountId,
            Platform platform,
            String externalId,
            String name,
            String pageId,
            List<String> subscribedFields,
            List<String> tasks,
            String keyId,
            String connectedBy,
            Instant connectedAt,
            Instant checkedAt,
            Instant tokenExpiresAt,
            List<String> scopes,
            List<HealthFlag> flags) {}

    /** What disconnecting did: whether the page's webhook subscription was removed, and if not, why. */
    public record Disconnected(UUID accountId, boolean unsubscribed, String detail) {}

    /** The pages and Instagram accounts the system-user token reaches. */
    public List<Reachable> discover(String systemUserToken) {
        checkToken(systemUserToken);
        List<AccountGraph.Page> pages = pages(systemUserToken);
        Map<String, UUID> connected = new HashMap<>();
        for (PageConnection c : PageConnection.<PageConnection>listAll()) {
            connected.put(c.platform + ":" + c.externalId, c.accountId);
        }
        List<Reachable> out = new ArrayList<>();
        for (AccountGraph.Page p : pages) {
            boolean moderate = p.tasks().contains("MODERATE");
            out.add(new Reachable(
                    Platform.FACEBOOK,
                    p.id(),
                    p.name(),
                    p.id(),
                    p.tasks(),
                    moderate,
                    Optional.ofNullable(connected.get("FACEBOOK:" + p.id()))));
            p.instagram()
                    .ifPresent(ig -> out.add(new Reachable(
                            Platform.INSTAGRAM,
                            ig.id(),
                            ig.username().isBlank() ? ig.id() : ig.username(),
                            p.id(),
                            p.tasks(),
                            moderate,
                            Optional.ofNullable(connected.get("INSTAGRAM:" + ig.id())))));
        }
        LOG.infof("a system-user token reaches %d pages", pages.size());
        return out;
    }

    /** Connects the chosen accounts; all or nothing in the database. */
    public List<View> connect(String systemUserToken, List<Choice> chosen, Defaults defaults, String actor) {
        TokenKeyring ring = keys.required();
        checkToken(systemUserToken);
        if (chosen == null || chosen.isEmpty() || chosen.size() > MAX_ACCOUNTS) {
            throw ProblemException.badRequest("accounts: choose 1 to " + MAX_ACCOUNTS + " pages or Instagram accounts");
        }
        List<String> errors = new ArrayList<>();
        Set<Choice> distinct = new LinkedHashSet<>();
        for (Choice c : chosen) {
            if (c == null
                    || (c.platform() != Platform.FACEBOOK && c.platform() != Platform.INSTAGRAM)
                    || c.id() == null
                    || !GRAPH_ID.matcher(c.id()).matches()) {
                errors.add("every account is {\"platform\": \"FACEBOOK\" or \"INSTAGRAM\", \"id\": \"<digits>\"}");
                break;
            }
            distinct.add(c);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", errors));
        }
        Map<String, AccountGraph.Page> byAccount = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (AccountGraph.Page p : pages(systemUserToken)) {
            byAccount.put("FACEBOOK:" + p.id(), p);
            names.put("FACEBOOK:" + p.id(), p.name());
            p.instagram().ifPresent(ig -> {
                byAccount.put("INSTAGRAM:" + ig.id(), p);
                names.put("INSTAGRAM:" + ig.id(), ig.username().isBlank() ? ig.id() : ig.username());
            });
        }
        List<String> unknown = distinct.stream()
                .map(c -> c.platform() + ":" + c.id())
                .filter(k -> !byAccount.containsKey(k))
                .toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("this token does not reach " + String.join(", ", unknown)
                    + " (list what it reaches with POST /api/account-connections/discover)");
        }
        for (Choice c : distinct) {
            if (Account.findByPlatformId(c.platform(), c.id()).isEmpty()) {
                Defaults d = defaults == null ? new Defaults(null, null, null) : defaults;
                AccountService.validate(settings(c, names.get(c.platform() + ":" + c.id()), d));
            }
        }
        // Meta first: a page whose subscription fails is not stored. Subscribing twice is harmless (Meta replaces the
        // field list), so subscriptions made before a failure are simply made again on the next try.
        Map<String, AccountGraph.Page> subscribed = new LinkedHashMap<>();
        for (Choice c : distinct) {
            AccountGraph.Page p = byAccount.get(c.platform() + ":" + c.id());
            if (subscribed.putIfAbsent(p.id(), p) == null) {
                try {
                    graph.subscribe(p.id(), p.pageToken(), pageFields);
                } catch (AccountGraph.Refused r) {
                    throw problem("subscribing the app to page " + p.id() + "'s webhooks", r);
                }
            }
        }
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> done = new ArrayList<>();
            for (Choice c : distinct) {
                AccountGraph.Page p = byAccount.get(c.platform() + ":" + c.id());
                String name = names.get(c.platform() + ":" + c.id());
                Account account = Account.findByPlatformId(c.platform(), c.id())
                        .orElseGet(() -> accounts.create(settings(c, name, defaults), actor));
                PageConnection conn = PageConnection.<PageConnection>findByIdOptional(account.id)
                        .orElseGet(PageConnection::new);
                boolean fresh = conn.accountId == null;
                conn.accountId = account.id;
                conn.platform = c.platform();
                conn.externalId = c.id();
                conn.pageId = p.id();
                conn.sealedToken = ring.seal(p.pageToken(), c.platform() + ":" + c.id());
                conn.keyId = ring.currentKeyId();
                conn.subscribedFields = String.join(",", pageFields);
                conn.tasks = String.join(",", p.tasks());
                conn.connectedBy = actor;
                conn.connectedAt = Instant.now();
                conn.healthFlags = "";
                conn.notifiedFlags = "";
                conn.checkedAt = null;
                if (fresh) {
                    conn.persist();
                }
                Map<String, Object> detail = new HashMap<>();
                detail.put("platform", c.platform().name());
                detail.put("externalId", c.id());
                detail.put("pageId", p.id());
                detail.put("subscribedFields", pageFields);
                detail.put("keyId", ring.currentKeyId());
                audit.record(actor, "ACCOUNT_CONNECTED", "account", account.id.toString(), detail);
                done.add(account.id);
            }
            return done;
        });
        LOG.infof("connected %d account(s) for %s", ids.size(), actor);
        return list().stream().filter(v -> ids.contains(v.accountId())).toList();
    }

    /** Unsubscribes the page (unless another connected account still needs it) and deletes the stored token. */
    public Disconnected disconnect(UUID accountId, String actor) {
        PageConnection conn = PageConnection.<PageConnection>findByIdOptional(accountId)
                .orElseThrow(() -> ProblemException.notFound("account " + accountId + " is not connected"));
        boolean shared = PageConnection.count("pageId = ?1 and accountId <> ?2", conn.pageId, accountId) > 0;
        boolean unsubscribed = false;
        String detail;
        if (shared) {
            detail = "page " + conn.pageId + " stays subscribed: another connected account uses it";
        } else {
            Optional<String> token = keys.ring().flatMap(r -> r.open(conn.sealedToken, conn.sealedFor()));
            if (token.isEmpty()) {
                detail = "the stored token does not open; remove the app in the page's settings on Facebook";
            } else {
                try {
                    graph.unsubscribe(conn.pageId, token.get());
                    unsubscribed = true;
                    detail = "page " + conn.pageId + " unsubscribed";
                } catch (AccountGraph.Refused r) {
                    if (r.category().equals("RATE_LIMITED") || r.category().equals("TRANSIENT_EXHAUSTED")) {
                        throw problem("unsubscribing page " + conn.pageId, r);
                    }
                    // a dead token cannot unsubscribe; the admin wants it gone all the same
                    detail = "Meta refused the unsubscription (" + r.category()
                            + r.code().map(c -> " " + c).orElse("")
                            + "); remove the app in the page's settings on Facebook";
                }
            }
        }
        boolean wasUnsubscribed = unsubscribed;
        QuarkusTransaction.requiringNew().run(() -> {
            PageConnection.deleteById(accountId);
            Map<String, Object> d = new HashMap<>();
            d.put("platform", conn.platform.name());
            d.put("externalId", conn.externalId);
            d.put("pageId", conn.pageId);
            d.put("unsubscribed", wasUnsubscribed);
            audit.record(actor, "ACCOUNT_DISCONNECTED", "account", accountId.toString(), d);
        });
        return new Disconnected(accountId, unsubscribed, detail);
    }

    /**
     * Re-seals with the ring's current key every stored token sealed with another (key rotation, step 3 in
     * docs/platform-connectors.md 3b); returns how many. A token that opens with no key of the ring stays as it is (the
     * health check flags it {@link HealthFlag#TOKEN_UNREADABLE}).
     */
    public int reseal(TokenKeyring ring) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int n = 0;
            for (PageConnection c : PageConnection.<PageConnection>listAll()) {
                if (ring.needsResealing(c.sealedToken)) {
                    Optional<String> again = ring.reseal(c.sealedToken, c.sealedFor());
                    if (again.isPresent()) {
                        c.sealedToken = again.get();
                        c.keyId = ring.currentKeyId();
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** After a restart with a new key first in {@code TINGVAKT_TOKEN_KEY}, every token is re-sealed with it. */
    void resealOnStart(@Observes StartupEvent started) {
        keys.ring().ifPresent(ring -> {
            int n = reseal(ring);
            if (n > 0) {
                LOG.infof("re-sealed %d stored page token(s) with key %s", n, ring.currentKeyId());
            }
        });
    }

    /** Every connection with its health, never a token. */
    public List<View> list() {
        Map<UUID, String> names = new HashMap<>();
        for (Account a : Account.<Account>listAll()) {
            names.put(a.id, a.name);
        }
        return PageConnection.<PageConnection>list("order by connectedAt").stream()
                .map(c -> new View(
                        c.accountId,
                        c.platform,
                        c.externalId,
                        names.get(c.accountId),
                        c.pageId,
                        PageConnection.split(c.subscribedFields),
                        PageConnection.split(c.tasks),
                        c.keyId,
                        c.connectedBy,
                        c.connectedAt,
                        c.checkedAt,
                        c.tokenExpiresAt,
                        PageConnection.split(c.scopes),
                        c.flags()))
                .toList();
    }

    private List<AccountGraph.Page> pages(String systemUserToken) {
        try {
            return graph.pages(systemUserToken);
        } catch (AccountGraph.Refused r) {
            throw problem("listing the token's pages (/me/accounts)", r);
        }
    }

    private static AccountService.Settings settings(Choice c, String name, Defaults d) {
        return new AccountService.Settings(
                c.platform(),
                c.id(),
                name,
                d == null ? null : d.country(),
                d == null ? null : d.language(),
                d == null ? null : d.timeZone(),
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null);
    }

    private static void checkToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw ProblemException.badRequest(
                    "systemUserToken must be a Meta access token (10 to 2048 letters, digits, . _ | -)");
        }
    }

    /** Meta's refusal as a problem: the token or a permission (422), a rate limit or outage (503), else 502. */
    static ProblemException problem(String what, AccountGraph.Refused r) {
        String code = r.code().map(c -> " (Graph code " + c + ")").orElse("");
        return switch (r.category()) {
            case "AUTH" ->
                new ProblemException(
                        422,
                        "Unprocessable Content",
                        "Meta refused the token" + code + " while " + what + ": it is invalid or expired. "
                                + r.getMessage());
            case "PERMISSION" ->
                new ProblemException(
                        422,
                        "Unprocessable Content",
                        "the token lacks a permission" + code + " for " + what + ". " + r.getMessage());
            case "RATE_LIMITED", "TRANSIENT_EXHAUSTED" ->
                new ProblemException(
                        503,
                        "Service Unavailable",
                        "Meta is rate-limiting or unavailable" + code + " while " + what + "; try again"
                                + r.retryAfter()
                                        .map(d -> " after " + d.toSeconds() + " s")
                                        .orElse(" later"));
            case "NOT_FOUND", "INVALID" ->
                new ProblemException(
                        422, "Unprocessable Content", "Meta refused " + what + code + ". " + r.getMessage());
            default -> new ProblemException(502, "Bad Gateway", "Meta's answer to " + what + " was unclear" + code);
        };
    }
}

package org.tingvakt.moderation.account;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.classifier.Label;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.PolicyAction;
import org.tingvakt.moderation.kernel.NativeValues;
import org.tingvakt.moderation.kernel.NoticeLanguage;
import org.tingvakt.moderation.kernel.audit.AuditLog;
import org.tingvakt.problem.ProblemException;

/** The account register: validation, changes (each audited), and the flags guidelines ask for. */
@ApplicationScoped
public class AccountService {
    private static final Logger LOG = Logger.getLogger(AccountService.class);
    private static final Pattern REPLY_RULE =
            Pattern.compile("WITHIN_24H_OR_NEXT_WORKDAY|NEXT_WORKDAY|BUSINESS_HOURS\\(([1-9][0-9]?)\\)");
    private static final Pattern PLATFORM_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final List<String> COUNTRIES = List.of("DK", "SE", "NO", "FI");

    /** The settings of an account as an admin gives them. */
    public record Settings(
            Platform platform,
            String externalId,
            String name,
            String country,
            String language,
            String timeZone,
            LocalTime officeOpen,
            LocalTime officeClose,
            String replyRule,
            String rulesUrl,
            List<Account.Editor> editors,
            List<String> extraClosedDays,
            ReplySignature.Style signatureStyle,
            String signatureUnit) {}

    /** An account's policy as an admin sets it. */
    public record PolicySettings(
            Map<String, PolicyAction> perLabel, PolicyAction unlisted, boolean autoDeleteEnabled) {}

    /** Why an account needs attention. */
    public enum Flag {
        FEWER_THAN_TWO_EDITORS,
        INACTIVE,
        /** Connected account: the stored page token is no longer valid (expired, revoked). */
        TOKEN_INVALID,
        /** Connected account: the token expires within {@code tingvakt.connections.expiry-warning}. */
        TOKEN_EXPIRING,
        /** Connected account: the token lacks a permission Tingvakt needs. */
        PERMISSION_MISSING,
        /** Connected account: the app is no longer subscribed to the page's webhooks. */
        SUBSCRIPTION_LOST,
        /** Connected account: the stored token does not open with the keys in {@code TINGVAKT_TOKEN_KEY}. */
        TOKEN_UNREADABLE,
        /** Connected account: the last daily check could not reach Meta. */
        CHECK_FAILED
    }

    /** An account with its flags and when the account itself last posted (its creation if it never did). */
    public record Flagged(Account account, List<Flag> flags, Instant lastActivity) {}

    private final AuditLog audit;
    private final Event<AccountCreated> created;
    private final EntityManager em;
    private final Period inactiveAfter;
    private final AccountDirectory directory;

    public AccountService(
            AuditLog audit,
            Event<AccountCreated> created,
            EntityManager em,
            @ConfigProperty(name = "tingvakt.accounts.inactive-after", defaultValue = "P6M") String inactiveAfter,
            AccountDirectory directory) {
        this.directory = directory;
        this.audit = audit;
        this.created = created;
        this.em = em;
        this.inactiveAfter = Period.parse(inactiveAfter);
    }

    public List<Account> list() {
        return Account.list("order by name");
    }

    public Account get(UUID id) {
        return Account.<Account>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("no account " + id));
    }

    @Transactional
    public Account create(Settings s, String actor) {
        validate(s);
        if (Account.findByPlatformId(s.platform(), s.externalId()).isPresent()) {
            throw ProblemException.conflict(
                    "an account for " + s.platform() + " " + s.externalId() + " exists already");
        }
        Account a = new Account();
        a.id = UUID.randomUUID();
        apply(a, s);
        a.persist();
        directory.invalidate();
        created.fire(new AccountCreated(a, actor));
        audit.record(actor, "ACCOUNT_CREATED", "account", a.id.toString(), summary(a));
        return a;
    }

    @Transactional
    public Account update(UUID id, Settings s, String actor) {
        validate(s);
        Account a = get(id);
        Account.findByPlatformId(s.platform(), s.externalId())
                .filter(other -> !other.id.equals(id))
                .ifPresent(other -> {
                    throw ProblemException.conflict("another account has " + s.platform() + " " + s.externalId());
                });
        apply(a, s);
        directory.invalidate();
        audit.record(actor, "ACCOUNT_UPDATED", "account", a.id.toString(), summary(a));
        return a;
    }

    @Transactional
    public Account setPolicy(UUID id, PolicySettings p, String actor) {
        Account a = get(id);
        Map<String, PolicyAction> table = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        (p.perLabel() == null ? Map.<String, PolicyAction>of() : p.perLabel()).forEach((label, action) -> {
            if (!knownLabel(label)) {
                unknown.add(label);
            } else if (action == null) {
                unknown.add(label + " (no action)");
            } else {
                table.put(label, action);
            }
        });
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown labels: " + String.join(", ", unknown) + "; known: "
                    + java.util.Arrays.toString(Label.values()));
        }
        a.policy = table;
        a.policyUnlisted = p.unlisted() == null ? PolicyAction.REVIEW : p.unlisted();
        a.autoDeleteEnabled = p.autoDeleteEnabled();
        directory.invalidate();
        Map<String, Object> detail = new HashMap<>();
        detail.put("perLabel", table);
        detail.put("unlisted", a.policyUnlisted.name());
        detail.put("autoDeleteEnabled", a.autoDeleteEnabled);
        audit.record(actor, "POLICY_CHANGED", "account", a.id.toString(), detail);
        return a;
    }

    /** At most this many secure channels per language in a DM reply. */
    static final int MAX_DM_CHANNELS = 10;

    /**
     * Sets the account's own secure channels for its standard DM reply, per language; an empty (or null) table goes
     * back to the service-wide {@code tingvakt.dm-reply.channels} for every language. All or nothing: any invalid
     * entry → 400 naming every problem, and nothing changes.
     */
    @Transactional
    public Account setDmChannels(UUID id, Map<String, List<Account.DmChannel>> perLanguage, String actor) {
        Account a = get(id);
        Map<String, List<Account.DmChannel>> table = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        (perLanguage == null ? Map.<String, List<Account.DmChannel>>of() : perLanguage).forEach((language, list) -> {
            if (language == null
                    || NoticeLanguage.fromCode(language)
                            .map(NoticeLanguage::code)
                            .filter(language::equals)
                            .isEmpty()) {
                errors.add("unknown language '" + language + "' (da, sv, nb, nn, en)");
                return;
            }
            if (list == null || list.isEmpty() || list.size() > MAX_DM_CHANNELS) {
                errors.add(language + ": 1 to " + MAX_DM_CHANNELS + " channels (leave the language out to use the "
                        + "service-wide channels)");
                return;
            }
            List<Account.DmChannel> clean = new ArrayList<>();
            for (Account.DmChannel c : list) {
                String problem = dmChannelProblem(c);
                if (problem != null) {
                    errors.add(language + ": " + problem);
                } else {
                    String address = c.address() == null || c.address().isBlank()
                            ? null
                            : c.address().strip();
                    clean.add(new Account.DmChannel(c.type(), address));
                }
            }
            table.put(language, clean);
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", errors));
        }
        a.dmChannels = new Account.DmChannels(table);
        directory.invalidate();
        Map<String, Object> detail = new HashMap<>();
        detail.put("dmChannels", table);
        audit.record(actor, "DM_CHANNELS_CHANGED", "account", a.id.toString(), detail);
        return a;
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{2,24}");
    private static final Pattern HTTPS = Pattern.compile("https://[^\\s]{3,300}");

    /** Why this channel cannot be listed, or null. */
    private static String dmChannelProblem(Account.DmChannel c) {
        if (c == null || c.type() == null) {
            return "every channel needs a type ("
                    + java.util.Arrays.toString(org.tingvakt.moderation.account.SecureChannelType.values()) + ")";
        }
        String address = c.address() == null ? "" : c.address().strip();
        if (address.length() > 300 || address.contains("\n") || address.contains("\r")) {
            return c.type() + ": the address is one line of at most 300 characters";
        }
        try {
            org.tingvakt.moderation.account.SecureChannel.of(c.type(), address);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (address.regionMatches(true, 0, "http", 0, 4)
                && !HTTPS.matcher(address).matches()) {
            return c.type() + ": a link must be an https URL";
        }
        return switch (c.type()) {
            case EMAIL -> EMAIL.matcher(address).matches() ? null : "EMAIL: not an e-mail address";
            case PHONE -> PHONE.matcher(address).matches() ? null : "PHONE: not a phone number";
            case WEB_FORM -> HTTPS.matcher(address).matches() ? null : "WEB_FORM: the address must be an https URL";
            default -> null;
        };
    }

    /** Every account with its flags; {@code onlyFlagged} leaves out accounts without any. */
    public List<Flagged> flags(boolean onlyFlagged) {
        Map<UUID, Instant> last = new HashMap<>();
        Map<UUID, List<Flag>> connection = new HashMap<>();
        // Active means the account itself posted within tingvakt.accounts.inactive-after (its own posts, stored by
        // intake.PagePosts): citizens' comments on an abandoned page do not make it active. An account that never
        // posted counts from its creation. And the connection's health flags, as the daily check
        // (account.connection.ConnectionHealth) stored them.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT a.id, (SELECT max(p.created_at) FROM page_post p WHERE p.account_id = a.id), "
                                + "pc.health_flags FROM account a LEFT JOIN page_connection pc ON pc.account_id = a.id")
                .getResultList();
        for (Object[] r : rows) {
            if (r[1] != null) {
                last.put((UUID) r[0], NativeValues.instant(r[1]));
            }
            if (r[2] != null && !r[2].toString().isBlank()) {
                connection.put(
                        (UUID) r[0],
                        java.util.Arrays.stream(r[2].toString().split(","))
                                .map(Flag::valueOf)
                                .toList());
            }
        }
        Instant cutoff = LocalDate.now(ZoneOffset.UTC)
                .minus(inactiveAfter)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        List<Flagged> out = new ArrayList<>();
        for (Account a : list()) {
            Instant lastActivity = last.getOrDefault(a.id, a.createdAt);
            List<Flag> flags = new ArrayList<>();
            if (a.editors == null || a.editors.size() < Account.MIN_EDITORS) {
                flags.add(Flag.FEWER_THAN_TWO_EDITORS);
            }
            if (lastActivity == null || lastActivity.isBefore(cutoff)) {
                flags.add(Flag.INACTIVE);
            }
            flags.addAll(connection.getOrDefault(a.id, List.of()));
            if (!onlyFlagged || !flags.isEmpty()) {
                out.add(new Flagged(a, flags, lastActivity));
            }
        }
        return out;
    }

    /** The daily report: flagged accounts by id and name (no personal data), for the operators' log and alerts. */
    @Scheduled(cron = "{tingvakt.accounts.report-cron}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void report() {
        for (Flagged f : flags(true)) {
            LOG.warnf("Account %s (%s) needs attention: %s", f.account().id, f.account().name, f.flags());
        }
    }

    private static boolean knownLabel(String label) {
        for (Label l : Label.values()) {
            if (l.name().equals(label)) {
                return true;
            }
        }
        return false;
    }

    private static void apply(Account a, Settings s) {
        a.platform = s.platform();
        a.externalId = s.externalId();
        a.name = s.name().strip();
        a.country = s.country();
        a.language = s.language();
        a.timeZone = s.timeZone();
        a.officeOpen = s.officeOpen() == null ? LocalTime.of(8, 0) : s.officeOpen();
        a.officeClose = s.officeClose() == null ? LocalTime.of(16, 0) : s.officeClose();
        a.replyRule = s.replyRule() == null ? "WITHIN_24H_OR_NEXT_WORKDAY" : s.replyRule();
        a.rulesUrl = s.rulesUrl();
        a.editors = new ArrayList<>(s.editors() == null ? List.of() : s.editors());
        a.extraClosedDays = new ArrayList<>(
                s.extraClosedDays() == null
                        ? List.of()
                        : s.extraClosedDays().stream().sorted().distinct().toList());
        a.signatureStyle = s.signatureStyle() == null ? ReplySignature.Style.FIRST_NAME_AND_UNIT : s.signatureStyle();
        a.signatureUnit = s.signatureUnit() == null ? "" : s.signatureUnit().strip();
    }

    /** Throws a 400 problem naming every invalid setting. */
    public static void validate(Settings s) {
        List<String> errors = new ArrayList<>();
        if (s.platform() == null) {
            errors.add("platform is required (FACEBOOK, INSTAGRAM, GENERIC)");
        }
        if (s.externalId() == null || !PLATFORM_ID.matcher(s.externalId()).matches()) {
            errors.add("externalId must be the page or account id (letters, digits, _ . : -)");
        }
        if (s.name() == null || s.name().isBlank() || s.name().length() > 200) {
            errors.add("name is required (at most 200 characters)");
        }
        if (!COUNTRIES.contains(s.country())) {
            errors.add("country must be one of " + COUNTRIES);
        }
        if (NoticeLanguage.fromCode(s.language())
                .map(NoticeLanguage::code)
                .filter(c -> c.equals(s.language()))
                .isEmpty()) {
            errors.add("language must be one of da, sv, nb, nn, en");
        }
        try {
            ZoneId.of(s.timeZone() == null ? "" : s.timeZone());
        } catch (RuntimeException e) {
            errors.add("timeZone must be an IANA zone id such as Europe/Copenhagen");
        }
        if (s.officeOpen() != null && s.officeClose() != null && !s.officeOpen().isBefore(s.officeClose())) {
            errors.add("officeOpen must be before officeClose");
        }
        if (s.replyRule() != null && !REPLY_RULE.matcher(s.replyRule()).matches()) {
            errors.add("replyRule must be WITHIN_24H_OR_NEXT_WORKDAY, NEXT_WORKDAY or BUSINESS_HOURS(n)");
        }
        if (s.rulesUrl() != null && !s.rulesUrl().matches("https://[^\\s]{3,500}")) {
            errors.add("rulesUrl must be an https URL");
        }
        if (s.editors() != null) {
            for (Account.Editor e : s.editors()) {
                if (e == null
                        || e.name() == null
                        || e.name().isBlank()
                        || e.email() == null
                        || !e.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    errors.add("every editor needs a name and an e-mail address");
                    break;
                }
            }
        }
        if (s.extraClosedDays() != null) {
            for (String d : s.extraClosedDays()) {
                try {
                    LocalDate.parse(d);
                } catch (RuntimeException e) {
                    errors.add("extraClosedDays must be ISO dates (yyyy-MM-dd)");
                    break;
                }
            }
        }
        if (s.signatureUnit() != null && s.signatureUnit().length() > 80) {
            errors.add("signatureUnit is at most 80 characters");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", errors));
        }
    }

    private static Map<String, Object> summary(Account a) {
        Map<String, Object> d = new HashMap<>();
        d.put("platform", a.platform.name());
        d.put("externalId", a.externalId);
        d.put("name", a.name);
        d.put("editors", a.editors.size());
        d.put("language", a.language);
        d.put("replyRule", a.replyRule);
        return d;
    }
}

package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareException;
import io.jenkins.plugins.cloudflarepurge.engine.client.FailureKind;
import io.jenkins.plugins.cloudflarepurge.engine.client.PurgeInputs;
import io.jenkins.plugins.cloudflarepurge.engine.client.TokenStatus;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * "Test connection": two checks, each told in its own sentence. First the token's verification
 * ({@code /user/tokens/verify}); then the ground truth, a test purge of one URL under the first URL prefix that no
 * site serves ({@code <prefix>/cloudflare-purge-connection-test-<random>}). Purging a URL that is not cached does
 * nothing, so the test is harmless; a token without the Cache Purge permission for the zone is refused all the same.
 *
 * <p>A failed verification does not end the test: account-owned tokens verify only at
 * {@code /accounts/{account_id}/tokens/verify}, which needs an account ID this plugin does not ask for, so such a
 * token fails the user verification and may still purge. A verification that answers, on the other hand, is
 * believed: a disabled or expired token is not tried further. A token that expires within
 * {@link #EXPIRY_WARNING} is a warning.
 */
public final class ConnectionCheck {

    /** The path of the test URL below the prefix, before its random part. */
    public static final String TEST_PATH = "/cloudflare-purge-connection-test-";

    /** How soon before its expiry a token is worth a warning. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** How the answer is shown: a form's OK, warning or error. */
    public enum Level {
        /** Everything that could be tested works. */
        OK,
        /** It works, but something needs attention soon (the token expires). */
        WARNING,
        /** Something does not work; the message says what and how to fix it. */
        ERROR
    }

    /**
     * The answer.
     *
     * @param level whether it works, works with a warning, or does not
     * @param message what was proven, or which check failed, why, and how to fix it
     */
    public record Result(Level level, String message) {

        /** Whether the token works for what could be tested (perhaps with a warning). */
        public boolean ok() {
            return level != Level.ERROR;
        }
    }

    private ConnectionCheck() {}

    /** {@link #run(CloudflareClient, String, String, Clock)} on the system clock. */
    public static Result run(CloudflareClient client, @CheckForNull String zoneId, @CheckForNull String urlPrefixes)
            throws InterruptedException {
        return run(client, zoneId, urlPrefixes, Clock.systemUTC());
    }

    /**
     * @param client a client with the token to test
     * @param zoneId the zone to test, as configured
     * @param urlPrefixes the configured URL prefixes; the first is used for the test purge; blank tests the token only
     * @param clock tells how soon the token expires
     */
    public static Result run(
            CloudflareClient client, @CheckForNull String zoneId, @CheckForNull String urlPrefixes, Clock clock)
            throws InterruptedException {
        List<String> notes = new ArrayList<>();
        Level level = Level.OK;
        String verified;
        try {
            TokenStatus status = client.verifyToken();
            if (!status.isActive()) {
                return new Result(
                        Level.ERROR,
                        "Token verification: the token is " + status.status()
                                + ", not active: enable it or create a new one in the Cloudflare dashboard "
                                + "(My Profile > API Tokens), then update the Secret text credential.");
            }
            verified = "The token is active";
            Optional<String> expiry = expiryWarning(status, clock);
            if (expiry.isPresent()) {
                notes.add(expiry.get());
                level = Level.WARNING;
            }
        } catch (CloudflareException e) {
            verified = null;
            notes.add("Token verification failed (an account-owned token always fails it; the test purge is what"
                    + " counts): " + e.getMessage());
        }
        PurgeTest purge = testPurge(client, zoneId, urlPrefixes, verified);
        notes.add(0, purge.message());
        String message = String.join(" ", notes);
        if (purge.failed() || (verified == null && !purge.purged())) {
            // A failed purge is an error; so is a token that neither verified nor purged: nothing proved it usable.
            return new Result(Level.ERROR, message);
        }
        return new Result(level, message);
    }

    /**
     * @param purged whether Cloudflare accepted the test purge
     * @param failed whether it refused it, or the zone or prefix is not usable
     */
    private record PurgeTest(boolean purged, boolean failed, String message) {

        static PurgeTest notTried(String message) {
            return new PurgeTest(false, false, message);
        }

        static PurgeTest failed(String message) {
            return new PurgeTest(false, true, message);
        }
    }

    /** The test purge, or why it could not be made; {@code verified} opens the sentence when the token verified. */
    private static PurgeTest testPurge(
            CloudflareClient client,
            @CheckForNull String zoneId,
            @CheckForNull String urlPrefixes,
            @CheckForNull String verified)
            throws InterruptedException {
        String opening = verified == null ? "The token could not be verified" : verified;
        String zone = zoneId == null ? "" : zoneId.strip();
        if (zone.isEmpty()) {
            return PurgeTest.notTried(
                    opening + ". Set a zone ID and a URL prefix to also test that it may purge the zone.");
        }
        Optional<String> zoneProblem = PurgeInputs.zoneIdProblem(zone);
        if (zoneProblem.isPresent()) {
            return PurgeTest.failed(opening + ", and the zone ID is not usable: " + zoneProblem.get());
        }
        List<String> prefixes = PurgeSettings.values(urlPrefixes, false);
        if (prefixes.isEmpty()) {
            return PurgeTest.notTried(opening + ". Set a URL prefix to also test that it may purge zone " + zone + ".");
        }
        String prefix = prefixes.get(0);
        Optional<String> prefixProblem = PlannerSettings.checkPrefix(prefix);
        if (prefixProblem.isPresent()) {
            return PurgeTest.failed(opening + ", and the URL prefix is not usable: " + prefixProblem.get());
        }
        String url = testUrl(prefix);
        try {
            String id = client.purge(zone, PurgeScope.Kind.URLS, List.of(PurgeItem.of(url)));
            return new PurgeTest(
                    true,
                    false,
                    "Test purge: the token may purge zone " + zone + ": Cloudflare accepted the purge of " + url
                            + (id.isEmpty() ? "" : " (request id " + id + ")") + ", a URL no site serves.");
        } catch (CloudflareException e) {
            return PurgeTest.failed(purgeProblem(e, zone));
        }
    }

    private static String purgeProblem(CloudflareException e, String zone) {
        if (e.kind() == FailureKind.AUTHENTICATION) {
            return "Test purge failed: the token may not purge zone " + zone
                    + ": give it the permission Zone > Cache Purge > Purge for this zone "
                    + "(in the Cloudflare dashboard, My Profile > API Tokens, edit the token). Cloudflare said: "
                    + e.getMessage();
        }
        if (e.kind() == FailureKind.ZONE_NOT_FOUND) {
            return "Test purge failed: zone " + zone
                    + " is not one the token can reach: check the zone ID (the zone's Overview page, API section) "
                    + "and that the token's zone resources include it. Cloudflare said: " + e.getMessage();
        }
        return "Test purge failed: " + e.getMessage();
    }

    /** The warning for a token that expires within {@link #EXPIRY_WARNING}, if it does. */
    static Optional<String> expiryWarning(TokenStatus status, Clock clock) {
        if (status.expiresOn().isEmpty()) {
            return Optional.empty();
        }
        Instant expires = status.expiresOn().get();
        Duration left = Duration.between(clock.instant(), expires);
        if (left.compareTo(EXPIRY_WARNING) > 0) {
            return Optional.empty();
        }
        long days = left.toDays();
        return Optional.of("Warning: the token expires on " + DAY.format(expires) + " ("
                + (days < 1 ? "within a day" : "in " + days + (days == 1 ? " day" : " days"))
                + "): roll it or create a new one in the Cloudflare dashboard (My Profile > API Tokens) and update"
                + " the Secret text credential before then, or purges will fail.");
    }

    /** A URL below the prefix that no site serves. */
    static String testUrl(String prefix) {
        String base = prefix.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return base + TEST_PATH + HexFormat.of().formatHex(random);
    }
}

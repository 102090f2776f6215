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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * "Test connection": proves that the token is active ({@code /user/tokens/verify}) and that it may purge the zone,
 * by purging one URL under the first URL prefix that no site serves
 * ({@code <prefix>/cloudflare-purge-connection-test-<random>}). Purging a URL that is not cached does nothing, so
 * the test is harmless; a token without the Cache Purge permission for the zone is refused by Cloudflare all the
 * same. Each problem is told in one sentence that says what to change.
 */
public final class ConnectionCheck {

    /** The path of the test URL below the prefix, before its random part. */
    public static final String TEST_PATH = "/cloudflare-purge-connection-test-";

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The answer.
     *
     * @param ok whether everything that could be tested works
     * @param message what was proven, or what is wrong and how to fix it
     */
    public record Result(boolean ok, String message) {}

    private ConnectionCheck() {}

    /**
     * @param client a client with the token to test
     * @param zoneId the zone to test, as configured
     * @param urlPrefixes the configured URL prefixes; the first is used for the test purge; blank tests the token only
     */
    public static Result run(CloudflareClient client, @CheckForNull String zoneId, @CheckForNull String urlPrefixes)
            throws InterruptedException {
        TokenStatus status;
        try {
            status = client.verifyToken();
        } catch (CloudflareException e) {
            return new Result(false, "Cloudflare did not accept the token: " + e.getMessage());
        }
        if (!status.isActive()) {
            return new Result(
                    false,
                    "The token is " + status.status()
                            + ", not active: enable it or create a new one in the Cloudflare dashboard "
                            + "(My Profile > API Tokens), then update the Secret text credential.");
        }
        String zone = zoneId == null ? "" : zoneId.strip();
        if (zone.isEmpty()) {
            return new Result(
                    true,
                    "The token is active. Set a zone ID and a URL prefix to also test that it may purge the zone.");
        }
        Optional<String> zoneProblem = PurgeInputs.zoneIdProblem(zone);
        if (zoneProblem.isPresent()) {
            return new Result(false, "The token is active, but the zone ID is not usable: " + zoneProblem.get());
        }
        List<String> prefixes = PurgeSettings.values(urlPrefixes, false);
        if (prefixes.isEmpty()) {
            return new Result(
                    true, "The token is active. Set a URL prefix to also test that it may purge zone " + zone + ".");
        }
        String prefix = prefixes.get(0);
        Optional<String> prefixProblem = PlannerSettings.checkPrefix(prefix);
        if (prefixProblem.isPresent()) {
            return new Result(false, "The token is active, but the URL prefix is not usable: " + prefixProblem.get());
        }
        String url = testUrl(prefix);
        try {
            String id = client.purge(zone, PurgeScope.Kind.URLS, List.of(PurgeItem.of(url)));
            return new Result(
                    true,
                    "The token is active and may purge zone " + zone + ": Cloudflare accepted the purge of " + url
                            + (id.isEmpty() ? "" : " (request id " + id + ")") + ", a URL no site serves.");
        } catch (CloudflareException e) {
            return new Result(false, purgeProblem(e, zone));
        }
    }

    private static String purgeProblem(CloudflareException e, String zone) {
        if (e.kind() == FailureKind.AUTHENTICATION) {
            return "The token is active, but it may not purge zone " + zone
                    + ": give it the permission Zone > Cache Purge > Purge for this zone "
                    + "(in the Cloudflare dashboard, My Profile > API Tokens, edit the token). Cloudflare said: "
                    + e.getMessage();
        }
        if (e.kind() == FailureKind.ZONE_NOT_FOUND) {
            return "The token is active, but zone " + zone
                    + " is not one it can reach: check the zone ID (the zone's Overview page, API section) "
                    + "and that the token's zone resources include it. Cloudflare said: " + e.getMessage();
        }
        return "The token is active, but the test purge failed: " + e.getMessage();
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

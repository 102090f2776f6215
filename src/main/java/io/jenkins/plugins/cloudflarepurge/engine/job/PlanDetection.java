package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareException;
import io.jenkins.plugins.cloudflarepurge.engine.client.ZonePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeClock;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses a purge's limits: the plan an administrator configured, else the zone's plan as Cloudflare reports it
 * ({@code GET /zones/{zone_id}}), else the Free plan (the most careful) when the token may not read the zone.
 * Values an administrator set explicitly always win. Answers are kept per token and zone for
 * {@link #ANSWER_EXPIRY} (plans change rarely), failures for {@link #FAILURE_EXPIRY}, so that builds do not pay a
 * lookup each; {@link #shared()} keeps them for the controller's lifetime.
 */
public final class PlanDetection {

    public static final Duration ANSWER_EXPIRY = Duration.ofHours(1);
    public static final Duration FAILURE_EXPIRY = Duration.ofMinutes(10);

    private static final PlanDetection SHARED = new PlanDetection(PurgeClock.system());

    private final PurgeClock clock;
    private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();

    /**
     * @param clock when answers expire; tests pass a {@link io.jenkins.plugins.cloudflarepurge.engine.execution.ManualClock}
     */
    public PlanDetection(PurgeClock clock) {
        this.clock = clock;
    }

    /** The detection whose answers every purge in this JVM shares. */
    public static PlanDetection shared() {
        return SHARED;
    }

    /**
     * The limits chosen for a purge, and why, in words for the console.
     *
     * @param plan the plan whose limits were taken
     * @param reason why that plan: "zone plan Pro, read from Cloudflare", "configured: Free", or why not read
     */
    public record Choice(PurgeLimits limits, CloudflarePlan plan, String reason) {

        /** One console line: which limits, and why. */
        public String consoleLine() {
            return "Limits of the " + plan.displayName() + " plan (" + reason + "): " + limits.urlsPerSecond()
                    + " URLs per second, up to " + limits.urlsPerRequest() + " URLs per request.";
        }
    }

    private record Lookup(Optional<CloudflarePlan> plan, String reason, long expiresAt) {}

    /**
     * Chooses the limits for a purge of {@code zoneId} with {@code client}'s token. Asks Cloudflare at most once
     * per expiry; an interrupt while asking leaves the thread interrupted and chooses the default plan.
     */
    public Choice choose(CloudflareClient client, String zoneId, ApiSettings api) {
        Optional<CloudflarePlan> configured = api.configuredPlan();
        if (configured.isPresent()) {
            CloudflarePlan plan = configured.get();
            return new Choice(api.limitsFor(plan), plan, "configured: " + plan.displayName());
        }
        String key = client.token().fingerprint() + "|" + zoneId;
        long now = clock.nanoTime();
        Lookup lookup = lookups.get(key);
        if (lookup == null || now - lookup.expiresAt() >= 0) {
            lookup = ask(client, zoneId, now);
            if (lookup == null) {
                return fallback("not read from Cloudflare: the build was interrupted", api);
            }
            lookups.put(key, lookup);
        }
        if (lookup.plan().isPresent()) {
            CloudflarePlan plan = lookup.plan().get();
            return new Choice(api.limitsFor(plan), plan, lookup.reason());
        }
        return fallback(lookup.reason(), api);
    }

    private static Choice fallback(String why, ApiSettings api) {
        CloudflarePlan plan = ApiSettings.DEFAULT_PLAN;
        return new Choice(api.limitsFor(plan), plan, "the default: " + why);
    }

    /** Asks Cloudflare; null when interrupted (nothing to keep). */
    @CheckForNull
    private Lookup ask(CloudflareClient client, String zoneId, long now) {
        try {
            ZonePlan zonePlan = client.zonePlan(zoneId);
            Optional<CloudflarePlan> plan = CloudflarePlan.of(zonePlan);
            long expires = now + ANSWER_EXPIRY.toNanos();
            if (plan.isPresent()) {
                return new Lookup(plan, "zone plan " + plan.get().displayName() + ", read from Cloudflare", expires);
            }
            return new Lookup(
                    plan,
                    "the zone's plan '" + zonePlan.name() + "' is not one this plugin knows; choose the plan in"
                            + " Manage Jenkins to use its limits",
                    expires);
        } catch (CloudflareException e) {
            String status = e.httpStatus() == 0 ? "no answer" : "HTTP " + e.httpStatus();
            return new Lookup(
                    Optional.empty(),
                    "the zone's plan could not be read (" + status + "); give the token the Zone > Zone > Read"
                            + " permission, or choose the plan in Manage Jenkins",
                    now + FAILURE_EXPIRY.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

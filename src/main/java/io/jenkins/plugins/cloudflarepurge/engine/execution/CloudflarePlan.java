package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.jenkins.plugins.cloudflarepurge.engine.client.ZonePlan;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Cloudflare's plans, with the purge limits each documents (see the project's fact sheet). A zone's plan sets
 * the default pacing; an administrator may override any limit.
 */
public enum CloudflarePlan {
    FREE("Free", 800, 100, 5, Duration.ofMinutes(1), 25),
    PRO("Pro", 1500, 100, 5, Duration.ofSeconds(1), 25),
    BUSINESS("Business", 1500, 100, 10, Duration.ofSeconds(1), 50),
    ENTERPRISE("Enterprise", 3000, 500, 50, Duration.ofSeconds(1), 500);

    private final String displayName;
    private final int urlsPerSecond;
    private final int documentedUrlsPerRequest;
    private final int requestsPerPeriod;
    private final Duration period;
    private final int requestBurst;

    CloudflarePlan(
            String displayName,
            int urlsPerSecond,
            int documentedUrlsPerRequest,
            int requestsPerPeriod,
            Duration period,
            int requestBurst) {
        this.displayName = displayName;
        this.urlsPerSecond = urlsPerSecond;
        this.documentedUrlsPerRequest = documentedUrlsPerRequest;
        this.requestsPerPeriod = requestsPerPeriod;
        this.period = period;
        this.requestBurst = requestBurst;
    }

    public String displayName() {
        return displayName;
    }

    /** The moving-average URL purge rate. */
    public int urlsPerSecond() {
        return urlsPerSecond;
    }

    /** What Cloudflare's docs say today; older docs (and many accounts in practice) say 30. */
    public int documentedUrlsPerRequest() {
        return documentedUrlsPerRequest;
    }

    /** Tag, host, prefix and purge-everything requests allowed per {@link #period()}. */
    public int requestsPerPeriod() {
        return requestsPerPeriod;
    }

    public Duration period() {
        return period;
    }

    /** The bucket size for tag, host, prefix and purge-everything requests. */
    public int requestBurst() {
        return requestBurst;
    }

    /**
     * The plan of a zone as Cloudflare names it: by its {@code legacy_id} ({@code pro}) when the answer has one,
     * else by its name ({@code Pro Website}); empty for a plan this plugin does not know.
     */
    public static Optional<CloudflarePlan> of(ZonePlan zonePlan) {
        String legacy = zonePlan.legacyId().strip().toLowerCase(Locale.ROOT);
        for (CloudflarePlan p : values()) {
            if (legacy.equals(p.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        String name = zonePlan.name().toLowerCase(Locale.ROOT);
        // Largest first: "Enterprise" must not be read as a smaller plan whose name it might contain.
        for (CloudflarePlan p : new CloudflarePlan[] {ENTERPRISE, BUSINESS, PRO, FREE}) {
            if (name.matches("(?:^|.*\\W)" + p.name().toLowerCase(Locale.ROOT) + "(?:\\W.*|$)")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}

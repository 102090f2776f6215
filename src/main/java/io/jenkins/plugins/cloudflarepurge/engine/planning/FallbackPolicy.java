package io.jenkins.plugins.cloudflarepurge.engine.planning;

/**
 * What to purge when a list of URLs is not the right answer: there is no changeset to work from, or the changes
 * map to more URLs than the configured limit.
 */
public enum FallbackPolicy {
    /** Purge the whole zone: always correct, at the price of a cold cache. */
    EVERYTHING,
    /** Purge every URL on the prefixes' hosts (Cloudflare's hosts purge). */
    HOSTS,
    /**
     * Purge everything below each prefix (Cloudflare's prefix purge, {@code cdn.example.org/site}); a prefix with
     * no base path has nothing narrower than its host, so then the plan purges the hosts instead.
     */
    PREFIXES,
    /** Purge nothing but the extra paths configured for every run. */
    SKIP
}

package io.jenkins.plugins.cloudflarepurge.engine.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Optional;

/**
 * The answer to one purge request: accepted with Cloudflare's request id, or failed. Carried as a value so
 * that many requests in flight can be collected without exceptions crossing threads.
 */
public final class PurgeReceipt {

    private final String requestId;

    @CheckForNull
    private final CloudflareException failure;

    @CheckForNull
    private final RateLimitStatus rateLimit;

    private PurgeReceipt(
            String requestId, @CheckForNull CloudflareException failure, @CheckForNull RateLimitStatus rateLimit) {
        this.requestId = requestId;
        this.failure = failure;
        this.rateLimit = rateLimit;
    }

    public static PurgeReceipt accepted(String requestId) {
        return new PurgeReceipt(requestId, null, null);
    }

    public static PurgeReceipt failed(CloudflareException failure) {
        return new PurgeReceipt("", failure, null);
    }

    public boolean isAccepted() {
        return failure == null;
    }

    /** Cloudflare's id of an accepted request, empty if it gave none. */
    public String requestId() {
        return requestId;
    }

    public Optional<CloudflareException> failure() {
        return Optional.ofNullable(failure);
    }

    /** This receipt with the general API quota the answer reported ({@code Ratelimit} headers), if any. */
    public PurgeReceipt withRateLimit(Optional<RateLimitStatus> status) {
        return status.isEmpty() ? this : new PurgeReceipt(requestId, failure, status.get());
    }

    /** The token's general API quota as this answer reported it, if it did. */
    public Optional<RateLimitStatus> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }
}

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

    private PurgeReceipt(String requestId, @CheckForNull CloudflareException failure) {
        this.requestId = requestId;
        this.failure = failure;
    }

    public static PurgeReceipt accepted(String requestId) {
        return new PurgeReceipt(requestId, null);
    }

    public static PurgeReceipt failed(CloudflareException failure) {
        return new PurgeReceipt("", failure);
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
}

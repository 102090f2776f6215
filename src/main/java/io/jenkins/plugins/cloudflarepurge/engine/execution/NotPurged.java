package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;

/**
 * An item that was not purged, what became of its request, and why, in words a person acts on.
 *
 * @param status whether the item was sent at all, and if so whether Cloudflare's answer was awaited
 */
public record NotPurged(PurgeItem item, Status status, String reason) {

    /** What became of the request that held the item. */
    public enum Status {
        /** Cloudflare answered and refused, or the retries ran out: the item is certainly not purged. */
        FAILED,
        /** Never sent (the purge stopped first): the item is certainly not purged. */
        NOT_SENT,
        /** Sent, but the purge stopped before the answer came: Cloudflare may or may not have purged it. */
        UNANSWERED
    }

    /** An item whose request Cloudflare refused. */
    public NotPurged(PurgeItem item, String reason) {
        this(item, Status.FAILED, reason);
    }
}

package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.time.Duration;

/**
 * What happens during a purge, as it happens. Called on the thread that runs the purge. Every method has an
 * empty default so that a listener names only what it shows.
 */
public interface PurgeListener {

    PurgeListener NONE = new PurgeListener() {};

    /** Before the first request: the kind, how many items, and the requests expected. */
    default void planned(PurgeScope.Kind kind, int items, int expectedRequests, int itemsPerRequest) {}

    /**
     * @param request the request's number, from 1
     * @param expectedRequests the requests expected in all, as now known (splits add to it)
     * @param attempt 1 for the first sending, more for a retry
     */
    default void sent(int request, int expectedRequests, int items, int attempt) {}

    default void accepted(int request, int expectedRequests, int items, String requestId) {}

    default void retryScheduled(int request, int items, int nextAttempt, Duration wait, String reason) {}

    /** Cloudflare said the request was too large: its items are sent again in requests of the smaller size. */
    default void split(int request, int items, int newItemsPerRequest) {}

    /** Sending waits for the account's rate limit; reported only for waits a person would notice. */
    default void waiting(Duration wait, String reason) {}

    /** The items of a request that was sent are given up, with the reason a person reads. */
    default void failed(int request, int items, String reason) {}

    /** Items that were never sent are given up (the purge stopped first). */
    default void notSent(int items, String reason) {}

    /** A request was sent but its answer not awaited (the purge was aborted): its items may or may not be purged. */
    default void unanswered(int request, int items, String reason) {}

    default void finished(PurgeResult result) {}
}

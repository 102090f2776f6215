package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.time.Duration;
import java.util.List;

/**
 * What a purge did: the items purged and not purged (each with its reason), Cloudflare's request ids, how many
 * requests and retries it took, how long it waited, and one verdict.
 *
 * @param retryWait the waits scheduled before retries
 * @param paceWait the time spent waiting for the rate limit with requests ready to send
 */
public record PurgeResult(
        PurgeScope.Kind kind,
        Verdict verdict,
        List<PurgeItem> purged,
        List<NotPurged> notPurged,
        List<String> requestIds,
        int requestsSent,
        int retries,
        int splits,
        Duration retryWait,
        Duration paceWait,
        Duration elapsed) {

    public PurgeResult {
        purged = List.copyOf(purged);
        notPurged = List.copyOf(notPurged);
        requestIds = List.copyOf(requestIds);
    }

    public boolean isSuccess() {
        return verdict == Verdict.SUCCESS;
    }

    /** The first reason an item was not purged, the one worth showing first. */
    public String firstFailureReason() {
        return notPurged.isEmpty() ? "" : notPurged.get(0).reason();
    }
}

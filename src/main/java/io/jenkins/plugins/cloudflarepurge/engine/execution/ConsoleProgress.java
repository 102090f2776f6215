package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns a purge's events into short console lines: the plan, progress as requests are accepted (every request
 * for small purges, every tenth of the way for large ones), every retry, split, wait and failure, and one
 * summary line.
 */
public final class ConsoleProgress implements PurgeListener {

    public static final String PREFIX = "[Cloudflare] ";
    private static final int EVERY_REQUEST_UP_TO = 20;

    private final Consumer<String> out;
    private PurgeScope.Kind kind = PurgeScope.Kind.URLS;
    private int total;
    private int accepted;
    private int lastReportedTenth;

    public ConsoleProgress(Consumer<String> out) {
        this.out = out;
    }

    private void print(String line) {
        out.accept(PREFIX + line);
    }

    @Override
    public void planned(PurgeScope.Kind kind, int items, int expectedRequests, int itemsPerRequest) {
        this.kind = kind;
        this.total = items;
        if (kind == PurgeScope.Kind.EVERYTHING) {
            print("Purging everything in the zone.");
        } else {
            print("Purging " + count(items, kind) + " in " + plural(expectedRequests, "request") + " of up to "
                    + itemsPerRequest + ".");
        }
    }

    @Override
    public void accepted(int request, int expectedRequests, int items, String requestId) {
        accepted += items;
        int tenth = total == 0 ? 10 : (int) (10L * accepted / total);
        boolean report = expectedRequests <= EVERY_REQUEST_UP_TO || tenth > lastReportedTenth || accepted == total;
        if (!report) {
            return;
        }
        lastReportedTenth = tenth;
        String id = requestId.isEmpty() ? "" : " (id " + requestId + ")";
        if (kind == PurgeScope.Kind.EVERYTHING) {
            print("Cloudflare accepted the purge of everything" + id + ".");
        } else {
            print("Request " + request + "/" + expectedRequests + " accepted" + id + ": " + number(accepted) + " of "
                    + count(total, kind) + " purged.");
        }
    }

    @Override
    public void retryScheduled(int request, int items, int nextAttempt, Duration wait, String reason) {
        print("Request " + request + " (" + count(items, kind) + ") will be sent again in "
                + PurgeExecutor.describe(wait) + " (attempt " + nextAttempt + "): " + reason);
    }

    @Override
    public void split(int request, int items, int newItemsPerRequest) {
        print("Request " + request + " (" + count(items, kind)
                + ") was too large for Cloudflare: sending them again, at most " + newItemsPerRequest
                + " per request from now on.");
    }

    @Override
    public void waiting(Duration wait, String reason) {
        print("Waiting " + PurgeExecutor.describe(wait) + " for " + reason + ".");
    }

    @Override
    public void failed(int request, int items, String reason) {
        print("Request " + request + " (" + count(items, kind) + ") failed: " + reason);
    }

    @Override
    public void notSent(int items, String reason) {
        print(count(items, kind) + " not purged. " + reason);
    }

    @Override
    public void unanswered(int request, int items, String reason) {
        print("Request " + request + " (" + count(items, kind) + "): " + reason);
    }

    @Override
    public void finished(PurgeResult result) {
        print(summary(result));
    }

    /** One line that says what the purge did. */
    public static String summary(PurgeResult result) {
        PurgeScope.Kind kind = result.kind();
        int done = result.purged().size();
        int all = done + result.notPurged().size();
        StringBuilder line = new StringBuilder();
        switch (result.verdict()) {
            case SUCCESS ->
                line.append(kind == PurgeScope.Kind.EVERYTHING ? "Purged everything" : "Purged " + count(done, kind));
            case PARTIAL ->
                line.append("Purge incomplete: ")
                        .append(number(done))
                        .append(" of ")
                        .append(count(all, kind))
                        .append(" purged, ")
                        .append(number(all - done))
                        .append(" not purged");
            case FAILED ->
                line.append("Purge failed: ")
                        .append(
                                kind == PurgeScope.Kind.EVERYTHING
                                        ? "nothing purged"
                                        : "none of " + count(all, kind) + " purged");
            case CANCELLED ->
                line.append("Purge aborted: ")
                        .append(number(done))
                        .append(" of ")
                        .append(count(all, kind))
                        .append(" purged");
        }
        line.append(" (").append(plural(result.requestsSent(), "request"));
        if (result.retries() > 0) {
            line.append(", ")
                    .append(plural(result.retries(), "retry"))
                    .append(" after waiting ")
                    .append(PurgeExecutor.describe(result.retryWait()));
        }
        if (result.splits() > 0) {
            line.append(", ").append(plural(result.splits(), "split"));
        }
        line.append(", ").append(seconds(result.elapsed())).append(").");
        if (!result.isSuccess() && !result.notPurged().isEmpty()) {
            line.append(" First reason: ").append(result.firstFailureReason());
        }
        return line.toString();
    }

    /** "1 URL", "1,200 URLs", "3 prefixes": a count with its noun, as every console line writes it. */
    public static String count(int n, PurgeScope.Kind kind) {
        String noun =
                switch (kind) {
                    case URLS -> "URL";
                    case TAGS -> "tag";
                    case HOSTS -> "host";
                    case PREFIXES -> "prefix";
                    case EVERYTHING -> "purge";
                };
        return n == 1 ? "1 " + noun : number(n) + " " + (kind == PurgeScope.Kind.PREFIXES ? "prefixes" : noun + "s");
    }

    /** "1 request", "2,000 requests", "3 retries". */
    public static String plural(int n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return number(n) + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }

    private static String number(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

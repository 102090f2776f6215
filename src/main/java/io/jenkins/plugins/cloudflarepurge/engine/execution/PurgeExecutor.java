package io.jenkins.plugins.cloudflarepurge.engine.execution;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareException;
import io.jenkins.plugins.cloudflarepurge.engine.client.FailureKind;
import io.jenkins.plugins.cloudflarepurge.engine.client.PurgeInputs;
import io.jenkins.plugins.cloudflarepurge.engine.client.PurgeReceipt;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;

/**
 * Carries out a purge: cuts the scope into requests within the per-request limit, paces them to the account's
 * budget, keeps several in flight, retries what may be retried, splits what was too large, and reports every
 * item as purged or not purged with its reason. The calling thread coordinates; answers arrive on the HTTP
 * client's threads and are handed over through a queue. Interrupting the calling thread cancels the purge.
 */
public final class PurgeExecutor {

    /** The single "item" of a purge of everything, so that it is counted and reported like any other. */
    public static final PurgeItem EVERYTHING = PurgeItem.of("everything");

    /** Pacing waits shorter than this are not worth a console line. */
    private static final Duration NOTICEABLE_WAIT = Duration.ofSeconds(2);

    /** How long an aborted purge waits for answers already on their way before it stops listening. */
    static final Duration ABORT_GRACE = Duration.ofMillis(500);

    static final String ABORTED_NOT_SENT = "Not sent: the build was aborted before this request was sent.";
    static final String ABORTED_UNANSWERED = "Sent, answer not awaited: the build was aborted while this request was"
            + " on its way, so Cloudflare may or may not have purged these.";

    /** What the client's messages promise for a failure that is retried; not true of a final reason. */
    private static final Pattern RETRY_PROMISE =
            Pattern.compile("[;,]?\\s*[Tt]he request is retried(?: after the wait Cloudflare asks for)?\\.?");

    private final CloudflareClient client;
    private final PurgeLimits limits;
    private final RateBudget budget;
    private final PurgeClock clock;
    private final RetryDelays retryDelays;
    private final RequestSizes sizes;

    /** An executor that learns request sizes for itself alone (tests, benchmarks); see {@link #forAccount}. */
    public PurgeExecutor(
            CloudflareClient client, PurgeLimits limits, RateBudget budget, PurgeClock clock, RetryDelays retryDelays) {
        this(client, limits, budget, clock, retryDelays, new RequestSizes());
    }

    /**
     * @param sizes the URLs per request learnt so far for each token and zone; this executor adds what it learns
     */
    public PurgeExecutor(
            CloudflareClient client,
            PurgeLimits limits,
            RateBudget budget,
            PurgeClock clock,
            RetryDelays retryDelays,
            RequestSizes sizes) {
        this.client = client;
        this.limits = limits;
        this.budget = budget;
        this.clock = clock;
        this.retryDelays = retryDelays;
        this.sizes = sizes;
    }

    /**
     * An executor on the real clock, sharing the budget of every purge with the same token and the request sizes
     * learnt by every purge in this JVM.
     */
    public static PurgeExecutor forAccount(CloudflareClient client, PurgeLimits limits) {
        return new PurgeExecutor(
                client,
                limits,
                RateBudget.shared(client.token(), limits),
                PurgeClock.system(),
                RetryDelays.of(limits),
                RequestSizes.shared());
    }

    /**
     * Purges {@code scope} from zone {@code zoneId}. Checks every input before the first request.
     *
     * @throws io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException if the zone ID or an item
     *     is not fit to send; nothing was sent then
     */
    public PurgeResult execute(String zoneId, PurgeScope scope, PurgeListener listener) {
        String zone = PurgeInputs.checkZoneId(zoneId);
        PurgeInputs.checkScope(scope);
        return new Run(zone, scope, listener).run();
    }

    /** One request's worth of items, as sent and perhaps sent again. */
    private static final class Batch {
        final int number;
        final List<PurgeItem> items;
        int attempt;
        long notBefore;

        Batch(int number, List<PurgeItem> items) {
            this.number = number;
            this.items = items;
        }
    }

    private record Answer(Batch batch, PurgeReceipt receipt) {}

    /** The state of one purge, confined to the calling thread. */
    private final class Run {
        private final String zone;
        private final PurgeScope.Kind kind;
        private final List<PurgeItem> work;
        private final PurgeListener listener;
        private final long started;
        private final long deadline;

        private final Deque<Batch> ready = new ArrayDeque<>();
        private final PriorityQueue<Batch> delayed =
                new PriorityQueue<>(Comparator.comparingLong((Batch b) -> b.notBefore));
        private final Map<Batch, CompletableFuture<PurgeReceipt>> inFlight = new HashMap<>();
        private final LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        private int cursor;
        private int perRequest;
        private int batchesNumbered;
        /** A URL size above the usual 30 not yet accepted: one request tries it, the others go at 30 meanwhile. */
        private boolean probing;

        @CheckForNull
        private Batch probe;

        private final List<PurgeItem> purged = new ArrayList<>();
        private final List<NotPurged> notPurged = new ArrayList<>();
        private final List<String> requestIds = new ArrayList<>();
        private int requestsSent;
        private int retries;
        private int splits;
        private long retryWaitNanos;
        private long paceWaitNanos;

        @CheckForNull
        private String abortReason;

        Run(String zone, PurgeScope scope, PurgeListener listener) {
            this.zone = zone;
            this.kind = scope.kind();
            this.work = kind == PurgeScope.Kind.EVERYTHING ? List.of(EVERYTHING) : scope.items();
            this.listener = listener;
            this.started = clock.nanoTime();
            this.deadline = started + limits.deadline().toNanos();
            int configured =
                    switch (kind) {
                        case URLS -> (int) Math.min(limits.urlsPerRequest(), budget.urlCapacity());
                        case EVERYTHING -> 1;
                        default -> limits.valuesPerRequest();
                    };
            if (kind == PurgeScope.Kind.URLS) {
                OptionalInt learned = sizes.learned(client.token(), zone);
                if (learned.isPresent()) {
                    configured = Math.min(configured, learned.getAsInt());
                } else {
                    probing = configured > PurgeLimits.DEFAULT_URLS_PER_REQUEST;
                }
            }
            this.perRequest = Math.max(1, configured);
        }

        PurgeResult run() {
            listener.planned(kind, work.size(), expectedRequests(), perRequest);
            boolean cancelled = false;
            try {
                coordinate();
            } catch (InterruptedException e) {
                cancelled = true;
                cancel();
            }
            PurgeResult result = result(cancelled);
            listener.finished(result);
            if (cancelled) {
                Thread.currentThread().interrupt();
            }
            return result;
        }

        private void coordinate() throws InterruptedException {
            while (true) {
                Answer answer;
                while ((answer = answers.poll()) != null) {
                    handle(answer);
                }
                long now = clock.nanoTime();
                if (abortReason == null && now >= deadline && hasUnsent()) {
                    abortReason = "The purge did not finish within its deadline of " + describe(limits.deadline())
                            + "; raise the deadline or purge fewer items.";
                }
                if (abortReason != null) {
                    giveUpUnsent(abortReason);
                }
                while (!delayed.isEmpty() && delayed.peek().notBefore <= now) {
                    ready.addFirst(delayed.poll());
                }
                long paceWait = abortReason == null ? sendWhatMayGo() : 0;
                if (inFlight.isEmpty() && !hasUnsent()) {
                    return;
                }
                long wait = PurgeClock.UNTIL_ANSWER;
                if (paceWait > 0) {
                    wait = paceWait;
                } else if (!delayed.isEmpty() && inFlight.size() < limits.maxInFlight()) {
                    // Never 0: a batch due now was moved to ready above and sent or paced.
                    wait = Math.max(1, delayed.peek().notBefore - now);
                }
                if (paceWait > 0 && Duration.ofNanos(paceWait).compareTo(NOTICEABLE_WAIT) >= 0) {
                    listener.waiting(Duration.ofNanos(paceWait), "Cloudflare's rate limit for this account");
                }
                long before = clock.nanoTime();
                answer = clock.poll(answers, wait);
                if (paceWait > 0) {
                    paceWaitNanos += clock.nanoTime() - before;
                }
                if (answer != null) {
                    handle(answer);
                }
            }
        }

        /** Sends while requests may be in flight and the budget allows. Returns the wait the budget asks for, or 0. */
        private long sendWhatMayGo() {
            while (inFlight.size() < limits.maxInFlight()) {
                Batch batch = nextBatch();
                if (batch == null) {
                    return 0;
                }
                long wait = budget.tryTake(kind, batch.items.size());
                if (wait > 0) {
                    ready.addFirst(batch);
                    return wait;
                }
                send(batch);
            }
            return 0;
        }

        @CheckForNull
        private Batch nextBatch() {
            Batch batch = ready.pollFirst();
            if (batch != null) {
                if (batch.items.size() > perRequest) {
                    // A split elsewhere lowered the size: this one, sent before, must shrink too.
                    Batch rest = newBatch(batch.items.subList(perRequest, batch.items.size()));
                    ready.addFirst(rest);
                    Batch head = new Batch(batch.number, batch.items.subList(0, perRequest));
                    head.attempt = batch.attempt;
                    return head;
                }
                return batch;
            }
            if (cursor >= work.size()) {
                return null;
            }
            int size = probing && probe != null ? PurgeLimits.DEFAULT_URLS_PER_REQUEST : perRequest;
            int end = Math.min(work.size(), cursor + size);
            batch = newBatch(work.subList(cursor, end));
            cursor = end;
            if (probing && probe == null) {
                probe = batch;
            }
            return batch;
        }

        private Batch newBatch(List<PurgeItem> items) {
            return new Batch(++batchesNumbered, List.copyOf(items));
        }

        private void send(Batch batch) {
            batch.attempt++;
            requestsSent++;
            listener.sent(batch.number, expectedRequests(), batch.items.size(), batch.attempt);
            CompletableFuture<PurgeReceipt> future =
                    client.purgeAsync(zone, kind, kind == PurgeScope.Kind.EVERYTHING ? List.of() : batch.items);
            inFlight.put(batch, future);
            future.thenAccept(receipt -> answers.add(new Answer(batch, receipt)));
        }

        private void handle(Answer answer) {
            Batch batch = answer.batch();
            if (inFlight.remove(batch) == null) {
                return;
            }
            PurgeReceipt receipt = answer.receipt();
            receipt.rateLimit().ifPresent(budget::observe);
            if (receipt.isAccepted()) {
                if (kind == PurgeScope.Kind.URLS && batch.items.size() >= perRequest) {
                    // Cloudflare takes this size: later purges with this token and zone start from it.
                    probing = false;
                    sizes.learn(client.token(), zone, perRequest);
                }
                purged.addAll(batch.items);
                if (!receipt.requestId().isEmpty()) {
                    requestIds.add(receipt.requestId());
                }
                listener.accepted(batch.number, expectedRequests(), batch.items.size(), receipt.requestId());
                return;
            }
            CloudflareException failure = receipt.failure().orElseThrow();
            FailureKind failureKind = failure.kind();
            if (failureKind == FailureKind.TOO_MANY_ITEMS && batch.items.size() > 1) {
                split(batch, failure);
                return;
            }
            if (failureKind.retryable()) {
                scheduleRetry(batch, failure);
                return;
            }
            giveUp(batch, failure.getMessage());
            if (failureKind.abortsPurge() && abortReason == null) {
                abortReason = failure.getMessage();
            }
        }

        /**
         * Sends the items again in requests of the size Cloudflare accepts, and keeps to that size: the number its
         * message names, else 30, else half. The batch's URLs go back to the budget: a refused request purged none.
         */
        private void split(Batch batch, CloudflareException failure) {
            int size = batch.items.size();
            // Cloudflare's own words, not the advice around them (which names the HTTP status, a number too).
            StringBuilder cloudflareSaid = new StringBuilder();
            failure.errors().forEach(e -> cloudflareSaid.append(e.message()).append(' '));
            int smaller = RequestSizes.stepDown(size, cloudflareSaid.toString());
            probing = false;
            if (smaller < perRequest) {
                perRequest = smaller;
                if (kind == PurgeScope.Kind.URLS) {
                    sizes.learn(client.token(), zone, perRequest);
                }
            }
            splits++;
            budget.giveBack(kind, size);
            listener.split(batch.number, size, Math.min(perRequest, smaller));
            int step = Math.min(perRequest, smaller);
            List<Batch> parts = new ArrayList<>();
            for (int from = 0; from < size; from += step) {
                parts.add(newBatch(batch.items.subList(from, Math.min(size, from + step))));
            }
            for (int i = parts.size() - 1; i >= 0; i--) {
                ready.addFirst(parts.get(i));
            }
        }

        private void scheduleRetry(Batch batch, CloudflareException failure) {
            if (batch.attempt >= limits.maxAttempts()) {
                giveUp(batch, failure.getMessage() + " Gave up after " + batch.attempt + " attempts.");
                return;
            }
            Duration wait = retryDelays.after(failure, batch.attempt);
            long now = clock.nanoTime();
            if (now + wait.toNanos() > deadline) {
                giveUp(
                        batch,
                        failure.getMessage() + " No retry: the wait of " + describe(wait)
                                + " would pass the purge's deadline of " + describe(limits.deadline()) + ".");
                return;
            }
            if (failure.kind() == FailureKind.RATE_LIMITED) {
                budget.pause(wait);
            }
            batch.notBefore = now + wait.toNanos();
            delayed.add(batch);
            retries++;
            retryWaitNanos += wait.toNanos();
            listener.retryScheduled(batch.number, batch.items.size(), batch.attempt + 1, wait, failure.getMessage());
        }

        private void giveUp(Batch batch, String reason) {
            String finalReason = withoutRetryPromise(reason);
            for (PurgeItem item : batch.items) {
                notPurged.add(new NotPurged(item, NotPurged.Status.FAILED, finalReason));
            }
            listener.failed(batch.number, batch.items.size(), finalReason);
        }

        private boolean hasUnsent() {
            return !ready.isEmpty() || !delayed.isEmpty() || cursor < work.size();
        }

        private void giveUpUnsent(String reason) {
            List<PurgeItem> unsent = new ArrayList<>();
            for (Batch b : ready) {
                unsent.addAll(b.items);
            }
            for (Batch b : delayed) {
                unsent.addAll(b.items);
            }
            unsent.addAll(work.subList(cursor, work.size()));
            ready.clear();
            delayed.clear();
            cursor = work.size();
            if (!unsent.isEmpty()) {
                String notSent = reason.startsWith("Not sent: ") ? reason : "Not sent: " + withoutRetryPromise(reason);
                for (PurgeItem item : unsent) {
                    notPurged.add(new NotPurged(item, NotPurged.Status.NOT_SENT, notSent));
                }
                listener.notSent(unsent.size(), notSent);
            }
        }

        /**
         * Stops sending, takes the answers that come within {@link #ABORT_GRACE}, and cancels the requests still on
         * their way: their items are reported as sent but unanswered, for Cloudflare may have purged them or not.
         */
        private void cancel() {
            giveUpUnsent(ABORTED_NOT_SENT);
            long graceEnd = clock.nanoTime() + ABORT_GRACE.toNanos();
            while (!inFlight.isEmpty()) {
                long left = graceEnd - clock.nanoTime();
                Answer answer;
                try {
                    answer = left > 0 ? clock.poll(answers, left) : answers.poll();
                } catch (InterruptedException again) {
                    answer = answers.poll();
                }
                if (answer == null) {
                    break;
                }
                Batch batch = answer.batch();
                if (answer.receipt().isAccepted()) {
                    handle(answer);
                } else if (inFlight.remove(batch) != null) {
                    giveUp(
                            batch,
                            "Not purged: Cloudflare refused this request and the build was aborted before it"
                                    + " could be sent again. "
                                    + answer.receipt().failure().orElseThrow().getMessage());
                }
            }
            for (Map.Entry<Batch, CompletableFuture<PurgeReceipt>> e : inFlight.entrySet()) {
                e.getValue().cancel(true);
                Batch batch = e.getKey();
                for (PurgeItem item : batch.items) {
                    notPurged.add(new NotPurged(item, NotPurged.Status.UNANSWERED, ABORTED_UNANSWERED));
                }
                listener.unanswered(batch.number, batch.items.size(), ABORTED_UNANSWERED);
            }
            inFlight.clear();
        }

        private int expectedRequests() {
            return batchesNumbered + (work.size() - cursor + perRequest - 1) / perRequest;
        }

        private PurgeResult result(boolean cancelled) {
            Verdict verdict;
            if (cancelled) {
                verdict = Verdict.CANCELLED;
            } else if (notPurged.isEmpty()) {
                verdict = Verdict.SUCCESS;
            } else if (purged.isEmpty()) {
                verdict = Verdict.FAILED;
            } else {
                verdict = Verdict.PARTIAL;
            }
            return new PurgeResult(
                    kind,
                    verdict,
                    purged,
                    notPurged,
                    requestIds,
                    requestsSent,
                    retries,
                    splits,
                    Duration.ofNanos(retryWaitNanos),
                    Duration.ofNanos(paceWaitNanos),
                    Duration.ofNanos(clock.nanoTime() - started));
        }
    }

    /** A failure's message as a final reason: without the client's promise that the request is retried. */
    static String withoutRetryPromise(String message) {
        return RETRY_PROMISE.matcher(message).replaceAll(".").replace("..", ".");
    }

    static String describe(Duration d) {
        long seconds = d.toSeconds();
        if (seconds >= 120) {
            return (seconds / 60) + " min";
        }
        if (seconds >= 1) {
            return seconds + " s";
        }
        return d.toMillis() + " ms";
    }
}

package io.jenkins.plugins.cloudflarepurge.engine.job;

import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one purge did, in plain values: kept on the build page, returned to a Pipeline script as a map, and read
 * by later runs to find the last successful purge of a zone. It holds no secret. Lists are {@link ArrayList}s and
 * numbers primitives, so that Jenkins can store it in {@code build.xml} and a script can read it without approval.
 * Long lists are cut at {@link #MAX_LISTED}; the counts are always complete.
 */
public final class PurgeReport implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How many items and failed items are kept for the build page. */
    public static final int MAX_LISTED = 10_000;

    /** Items that were not purged for one reason. */
    public static final class Failure implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String reason;
        private final int count;
        private final ArrayList<String> items;

        public Failure(String reason, int count, List<String> items) {
            this.reason = reason;
            this.count = count;
            this.items = new ArrayList<>(items);
        }

        public String getReason() {
            return reason;
        }

        /** How many items failed for this reason; {@link #getItems()} may list fewer. */
        public int getCount() {
            return count;
        }

        public List<String> getItems() {
            return Collections.unmodifiableList(items);
        }
    }

    private final String zoneId;
    private final String target;
    private final String mode;
    private final String fallbackReason;
    private final boolean dryRun;
    private final Verdict verdict;
    private final BuildOutcome outcome;
    private final int changedFiles;
    private final int total;
    private final int purged;
    private final int notPurged;
    private final int refusedFiles;
    private final int requests;
    private final int retries;
    private final ArrayList<String> requestIds;
    private final ArrayList<String> items;
    private final ArrayList<Failure> failures;
    private final ArrayList<String> runsIncluded;
    private final long durationMillis;
    private final String summary;

    PurgeReport(Builder b) {
        this.zoneId = b.zoneId;
        this.target = b.target;
        this.mode = b.mode;
        this.fallbackReason = b.fallbackReason;
        this.dryRun = b.dryRun;
        this.verdict = b.verdict;
        this.outcome = b.outcome;
        this.changedFiles = b.changedFiles;
        this.total = b.total;
        this.purged = b.purged;
        this.notPurged = b.notPurged;
        this.refusedFiles = b.refusedFiles;
        this.requests = b.requests;
        this.retries = b.retries;
        this.requestIds = new ArrayList<>(b.requestIds);
        this.items = new ArrayList<>(b.items.subList(0, Math.min(MAX_LISTED, b.items.size())));
        this.failures = new ArrayList<>(b.failures);
        this.runsIncluded = new ArrayList<>(b.runsIncluded);
        this.durationMillis = b.durationMillis;
        this.summary = b.summary;
    }

    public String getZoneId() {
        return zoneId;
    }

    /** What the purge worked from: {@code changes}, {@code paths}, {@code everything}, {@code tags}, {@code hosts} or {@code prefixes}. */
    public String getTarget() {
        return target;
    }

    /** What was purged: {@code urls}, {@code everything}, {@code hosts}, {@code prefixes}, {@code tags}, or {@code skip} for nothing. */
    public String getMode() {
        return mode;
    }

    /** Why a fallback chose the mode; empty when none did. */
    public String getFallbackReason() {
        return fallbackReason;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * What Cloudflare did; only {@link Verdict#SUCCESS} means that everything changed was purged. A dry run has the
     * verdict the real run would have, as far as planning can tell (a refused file makes it incomplete).
     */
    public Verdict getVerdict() {
        return verdict;
    }

    /** What the failure policy made of the verdict, for the glue to apply to the build. */
    public BuildOutcome getOutcome() {
        return outcome;
    }

    public int getChangedFiles() {
        return changedFiles;
    }

    /** How many URLs, tags, hosts or prefixes the purge covered (1 for everything, 0 for nothing). */
    public int getTotal() {
        return total;
    }

    public int getPurged() {
        return purged;
    }

    /** Items (URLs, tags, …) not purged, and changed files refused by the planner: each left something stale. */
    public int getNotPurged() {
        return notPurged;
    }

    /** Changed files the planner refused (a {@code ..} segment, a control character), counted in {@link #getNotPurged()}. */
    public int getRefusedFiles() {
        return refusedFiles;
    }

    /** Requests sent, retries included; in a dry run, the requests that would be sent. */
    public int getRequests() {
        return requests;
    }

    public int getRetries() {
        return retries;
    }

    public List<String> getRequestIds() {
        return Collections.unmodifiableList(requestIds);
    }

    /** The items purged (or, in a dry run, to be purged), at most {@link #MAX_LISTED}. */
    public List<String> getItems() {
        return Collections.unmodifiableList(items);
    }

    /** Whether {@link #getItems()} is cut short. */
    public boolean isItemsTruncated() {
        return items.size() < (dryRun ? total : purged);
    }

    public List<Failure> getFailures() {
        return Collections.unmodifiableList(failures);
    }

    /** Earlier runs whose changes this purge included, newest first ({@code #41}). */
    public List<String> getRunsIncluded() {
        return Collections.unmodifiableList(runsIncluded);
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    /** The console's summary line, without its prefix. */
    public String getSummary() {
        return summary;
    }

    /**
     * The report as a Pipeline script gets it: every getter's value under its name, as strings, integers, booleans,
     * lists of strings and, for {@code failures}, a list of maps ({@code reason}, {@code count}, {@code items}), all
     * readable without script approval. The enums are their names; {@code success} is the verdict's yes or no.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zoneId", zoneId);
        map.put("target", target);
        map.put("mode", mode);
        map.put("fallbackReason", fallbackReason);
        map.put("dryRun", dryRun);
        map.put("verdict", verdict.name());
        map.put("success", verdict == Verdict.SUCCESS);
        map.put("outcome", outcome.name());
        map.put("changedFiles", changedFiles);
        map.put("total", total);
        map.put("purged", purged);
        map.put("notPurged", notPurged);
        map.put("refusedFiles", refusedFiles);
        map.put("requests", requests);
        map.put("retries", retries);
        map.put("requestIds", new ArrayList<>(requestIds));
        map.put("items", new ArrayList<>(items));
        map.put("itemsTruncated", isItemsTruncated());
        List<Map<String, Object>> failureMaps = new ArrayList<>();
        for (Failure f : failures) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("reason", f.getReason());
            failure.put("count", f.getCount());
            failure.put("items", new ArrayList<>(f.getItems()));
            failureMaps.add(failure);
        }
        map.put("failures", failureMaps);
        map.put("runsIncluded", new ArrayList<>(runsIncluded));
        map.put("durationMillis", (int) Math.min(Integer.MAX_VALUE, durationMillis));
        map.put("summary", summary);
        return map;
    }

    @Override
    public String toString() {
        return "PurgeReport[" + zoneId + ", " + mode + ", " + verdict + (dryRun ? ", dry run" : "") + "]";
    }

    static final class Builder {
        String zoneId = "";
        String target = "changes";
        String mode = "skip";
        String fallbackReason = "";
        boolean dryRun;
        Verdict verdict = Verdict.SUCCESS;
        BuildOutcome outcome = BuildOutcome.SUCCESS;
        int changedFiles;
        int total;
        int purged;
        int notPurged;
        int refusedFiles;
        int requests;
        int retries;
        List<String> requestIds = List.of();
        List<String> items = List.of();
        List<Failure> failures = List.of();
        List<String> runsIncluded = List.of();
        long durationMillis;
        String summary = "";

        PurgeReport build() {
            return new PurgeReport(this);
        }
    }
}

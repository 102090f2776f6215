package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One purge as {@code build.xml} keeps it: counts, verdict and ids, no long lists (those are in {@link PurgeDetails},
 * a file beside it). The type belongs to the glue and holds only strings, numbers and lists of strings, so that
 * renaming an engine class never breaks a stored build; the engine's verdict, outcome, target and mode are kept by
 * name. Later runs read it to find the last successful purge of a zone, and {@code /api/json} carries it.
 */
@ExportedBean(defaultVisibility = 3)
public final class PurgeRecord {

    /** How many Cloudflare request ids {@code build.xml} keeps; {@link #getRequestIdCount()} counts them all. */
    static final int MAX_REQUEST_IDS = 100;

    private int number;

    @CheckForNull
    private String zoneId;

    @CheckForNull
    private ArrayList<String> urlPrefixes;

    @CheckForNull
    private String target;

    @CheckForNull
    private String mode;

    @CheckForNull
    private String fallbackReason;

    private boolean dryRun;

    @CheckForNull
    private String verdict;

    @CheckForNull
    private String outcome;

    private int changedFiles;
    private int total;
    private int purged;
    private int notPurged;
    private int requests;
    private int retries;

    @CheckForNull
    private ArrayList<String> requestIds;

    private int requestIdCount;

    @CheckForNull
    private ArrayList<String> runsIncluded;

    private long durationMillis;

    @CheckForNull
    private String summary;

    private PurgeRecord() {}

    /**
     * The one place where the engine's report becomes what a build keeps. The verdict and outcome are kept by name,
     * so that build.xml holds no engine type.
     *
     * @param urlPrefixes the prefixes the purge was planned for, normalised; empty when it used none
     */
    static PurgeRecord of(int number, PurgeReport report, List<String> urlPrefixes) {
        PurgeRecord r = new PurgeRecord();
        r.number = number;
        r.zoneId = report.getZoneId();
        r.urlPrefixes = new ArrayList<>(urlPrefixes);
        r.target = report.getTarget();
        r.mode = report.getMode();
        r.fallbackReason = report.getFallbackReason();
        r.dryRun = report.isDryRun();
        r.verdict = report.getVerdict().name();
        r.outcome = report.getOutcome().name();
        r.changedFiles = report.getChangedFiles();
        r.total = report.getTotal();
        r.purged = report.getPurged();
        r.notPurged = report.getNotPurged();
        r.requests = report.getRequests();
        r.retries = report.getRetries();
        r.setRequestIds(report.getRequestIds());
        r.runsIncluded = new ArrayList<>(report.getRunsIncluded());
        r.durationMillis = report.getDurationMillis();
        r.summary = report.getSummary();
        return r;
    }

    /** A purge from a {@code build.xml} of the plugin's first builds, which held the engine's report itself. */
    static PurgeRecord of(int number, LegacyPurgeReport old) {
        PurgeRecord r = new PurgeRecord();
        r.number = number;
        r.zoneId = old.zoneId;
        r.urlPrefixes = new ArrayList<>();
        r.target = old.target;
        r.mode = old.mode;
        r.fallbackReason = old.fallbackReason;
        r.dryRun = old.dryRun;
        r.verdict = old.verdict;
        r.outcome = old.outcome;
        r.changedFiles = old.changedFiles;
        r.total = old.total;
        r.purged = old.purged;
        r.notPurged = old.notPurged;
        r.requests = old.requests;
        r.retries = old.retries;
        r.setRequestIds(LegacyPurgeReport.nonNull(old.requestIds));
        r.runsIncluded = new ArrayList<>(LegacyPurgeReport.nonNull(old.runsIncluded));
        r.durationMillis = old.durationMillis;
        r.summary = old.summary;
        return r;
    }

    private void setRequestIds(List<String> ids) {
        requestIds = new ArrayList<>(ids.subList(0, Math.min(MAX_REQUEST_IDS, ids.size())));
        requestIdCount = ids.size();
    }

    /** 1 for the run's first purge, 2 for its second, …; its page is {@code cloudflare-purge/<number>/}. */
    @Exported
    public int getNumber() {
        return number;
    }

    @Exported
    public String getZoneId() {
        return text(zoneId);
    }

    /** The URL prefixes the purge mapped files to, normalised ({@code https://www.example.com/docs}). */
    @Exported
    public List<String> getUrlPrefixes() {
        return Collections.unmodifiableList(nonNull(urlPrefixes));
    }

    /** What the purge worked from, as the engine names it: {@code changes}, {@code paths}, {@code everything}, … */
    @Exported
    public String getTarget() {
        return text(target);
    }

    /** What was purged, as the engine names it: {@code urls}, {@code everything}, {@code hosts}, …, {@code skip}. */
    @Exported
    public String getMode() {
        return text(mode);
    }

    /** Why a fallback chose the mode; empty when none did. */
    @Exported
    public String getFallbackReason() {
        return text(fallbackReason);
    }

    @Exported
    public boolean isDryRun() {
        return dryRun;
    }

    /** {@code SUCCESS}, {@code PARTIAL}, {@code FAILED} or {@code CANCELLED}. */
    @Exported
    public String getVerdict() {
        return text(verdict);
    }

    /** Whether every item was purged (or, in a dry run, planned). */
    public boolean isSuccess() {
        return "SUCCESS".equals(verdict);
    }

    /** The failure policy's effect: {@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE} or {@code ABORTED}. */
    @Exported
    public String getOutcome() {
        return text(outcome);
    }

    /** Changed files for a purge of the changes, paths given for a purge of paths, else 0. */
    @Exported
    public int getChangedFiles() {
        return changedFiles;
    }

    /** How many URLs, tags, hosts or prefixes the purge covered (1 for everything, 0 for nothing). */
    @Exported
    public int getTotal() {
        return total;
    }

    @Exported
    public int getPurged() {
        return purged;
    }

    @Exported
    public int getNotPurged() {
        return notPurged;
    }

    /** Requests sent, retries included; in a dry run, the requests that would be sent. */
    @Exported
    public int getRequests() {
        return requests;
    }

    @Exported
    public int getRetries() {
        return retries;
    }

    /** Cloudflare's ids of the accepted requests, at most {@link #MAX_REQUEST_IDS}. */
    @Exported
    public List<String> getRequestIds() {
        return Collections.unmodifiableList(nonNull(requestIds));
    }

    /** How many requests Cloudflare accepted with an id; {@link #getRequestIds()} may list fewer. */
    @Exported
    public int getRequestIdCount() {
        return requestIdCount;
    }

    /** Earlier runs whose changes this purge included, newest first ({@code #41}). */
    @Exported
    public List<String> getRunsIncluded() {
        return Collections.unmodifiableList(nonNull(runsIncluded));
    }

    @Exported
    public long getDurationMillis() {
        return durationMillis;
    }

    /** The console's summary line, without its prefix. */
    @Exported
    public String getSummary() {
        return text(summary);
    }

    /** A text field as the views and {@code /api/json} show it: XStream leaves a field unset that an older build.xml lacks. */
    private static String text(@CheckForNull String value) {
        return value == null ? "" : value;
    }

    private static List<String> nonNull(@CheckForNull List<String> list) {
        return list == null ? List.of() : list;
    }

    @Override
    public String toString() {
        return "PurgeRecord[" + number + ", " + zoneId + ", " + mode + ", " + verdict + (dryRun ? ", dry run" : "")
                + "]";
    }
}

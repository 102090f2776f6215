package io.jenkins.plugins.cloudflarepurge.engine.job;

import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes to purge: those of this run and of every earlier run back to the last one whose purge of the same
 * zone succeeded. A deployment whose purge failed, or that failed before it purged, thus has its changes purged by
 * the next run that gets there. The walk is bounded; when it finds no successful purge (the first purge of this
 * zone by this job, or none within the bound) the changes are not known in full, and the no-changeset fallback
 * applies.
 */
public final class ChangeHistory {

    /** How many earlier runs are looked at, at most. */
    public static final int DEFAULT_MAX_RUNS = 25;

    private ChangeHistory() {}

    /** An earlier run as the walk needs it; the glue reads it from a Jenkins run, lazily. */
    public interface EarlierRun {

        /** The run's name for the console, e.g. {@code #41}. */
        String displayName();

        /** Whether a purge of this zone succeeded in this run (a dry run does not count). */
        boolean purgeSucceeded(String zoneId);

        /** The run's changes; consulted only for runs whose purge did not succeed. */
        ScmChanges changes();
    }

    /**
     * What the planner gets.
     *
     * @param available whether the files are every change since the last successful purge
     * @param files the changed files, this run's first, then earlier runs' newest first, each path once
     * @param runsIncluded the earlier runs whose changes were added, newest first
     * @param notes console lines that say what was found
     */
    public record Collected(boolean available, List<ChangedFile> files, List<String> runsIncluded, List<String> notes) {

        public Collected {
            files = List.copyOf(files);
            runsIncluded = List.copyOf(runsIncluded);
            notes = List.copyOf(notes);
        }
    }

    /**
     * @param zoneId the zone being purged
     * @param current this run's changes
     * @param earlier earlier runs, newest first; read only as far as needed
     * @param maxRuns how many earlier runs to look at, at most
     */
    public static Collected collect(
            String zoneId, ScmChanges current, Iterator<? extends EarlierRun> earlier, int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be positive, not " + maxRuns);
        }
        List<String> notes = new ArrayList<>();
        if (!current.hasChangeset()) {
            notes.add(
                    "This run has no SCM changeset: it has not checked out anything yet. Place the purge after the checkout "
                            + "and the deployment (in Pipeline: after 'checkout scm'), or give the paths to purge explicitly.");
            return new Collected(false, List.of(), List.of(), notes);
        }
        Map<String, ChangedFile> files = new LinkedHashMap<>();
        current.files().forEach(f -> files.putIfAbsent(f.path(), f));
        List<String> included = new ArrayList<>();
        int looked = 0;
        while (true) {
            if (!earlier.hasNext()) {
                notes.add(
                        looked == 0
                                ? "This is the job's first run, so its changes are not known against an earlier deployment."
                                : "No earlier run of this job purged zone " + zoneId
                                        + " successfully, so the changes since the last purge are not known.");
                return new Collected(false, List.copyOf(files.values()), included, notes);
            }
            if (looked == maxRuns) {
                notes.add("Looked back " + maxRuns + " runs (the limit) without finding one that purged zone " + zoneId
                        + " successfully, so the changes since the last purge are not known.");
                return new Collected(false, List.copyOf(files.values()), included, notes);
            }
            EarlierRun run = earlier.next();
            looked++;
            if (run.purgeSucceeded(zoneId)) {
                if (!included.isEmpty()) {
                    notes.add("Also purging the changes of " + String.join(", ", included)
                            + ", which ran after the last successful purge of this zone (" + run.displayName() + ").");
                }
                return new Collected(true, List.copyOf(files.values()), included, notes);
            }
            List<ChangedFile> changes = run.changes().files();
            if (!changes.isEmpty()) {
                changes.forEach(f -> files.putIfAbsent(f.path(), f));
                included.add(run.displayName());
            }
        }
    }
}

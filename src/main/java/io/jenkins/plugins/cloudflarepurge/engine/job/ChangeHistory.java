package io.jenkins.plugins.cloudflarepurge.engine.job;

import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The changes to purge: those of this run and of every earlier run back to the last one that purged the changes of
 * the same zone and URL prefixes successfully. A deployment whose purge failed, or that failed before it purged,
 * thus has its changes purged by the next run that gets there. The walk is bounded; when it finds no such purge
 * (the first purge of this zone by this job, or none within the bound) the changes are not known in full, and the
 * no-changeset fallback applies.
 *
 * <p>Only a purge of the changes (or of everything in the zone) ends the walk: a purge of tags, paths, hosts or
 * prefixes says nothing about which changed files were purged. And it must be the run's last such purge: a run
 * whose later purge of the changes failed has not purged everything it changed.
 */
public final class ChangeHistory {

    /** How many earlier runs are looked at, at most. */
    public static final int DEFAULT_MAX_RUNS = 25;

    private ChangeHistory() {}

    /**
     * One purge of an earlier run, as the walk needs it.
     *
     * @param zoneId the zone purged
     * @param urlPrefixes the normalised URL prefixes it planned with ({@code https://www.example.com}); empty when
     *     it needed none or when the run was recorded before prefixes were kept
     * @param target what it purged
     * @param verdict how it ended
     * @param dryRun whether it was a dry run (which purges nothing)
     */
    public record PastPurge(
            String zoneId, List<String> urlPrefixes, PurgeSettings.Target target, Verdict verdict, boolean dryRun) {

        public PastPurge {
            urlPrefixes = List.copyOf(urlPrefixes);
        }

        /**
         * Whether this purge was meant to cover the changes served under {@code prefixes} in {@code zone}: a real
         * purge of the changes with the same prefixes, or of everything in the zone. Its verdict is not looked at.
         */
        public boolean coversChangesOf(String zone, List<String> prefixes) {
            if (dryRun || !zoneId.equalsIgnoreCase(zone.strip())) {
                return false;
            }
            return switch (target) {
                case EVERYTHING -> true;
                case CHANGES ->
                    !urlPrefixes.isEmpty() && normalised(urlPrefixes).equals(normalised(prefixes));
                default -> false;
            };
        }

        private static Set<String> normalised(List<String> prefixes) {
            Set<String> set = new HashSet<>();
            for (String prefix : prefixes) {
                String p = prefix.strip();
                while (p.endsWith("/")) {
                    p = p.substring(0, p.length() - 1);
                }
                set.add(p.toLowerCase(Locale.ROOT));
            }
            return set;
        }
    }

    /** An earlier run as the walk needs it; the glue reads it from a Jenkins run, lazily. */
    public interface EarlierRun {

        /** The run's name for the console, e.g. {@code #41}. */
        String displayName();

        /** The run's purges, in the order they ran. */
        List<PastPurge> purges();

        /** The run's changes; consulted only for runs that did not end the walk. */
        ScmChanges changes();
    }

    /**
     * Whether a run's purges end the walk: its last purge of the changes of {@code zone} under {@code prefixes} (or
     * of everything in the zone) succeeded.
     */
    public static boolean endsWalk(List<PastPurge> purges, String zone, List<String> prefixes) {
        return lastPurgeOfChanges(purges, zone, prefixes)
                .map(p -> p.verdict() == Verdict.SUCCESS)
                .orElse(false);
    }

    /** The last purge of the list that covers the changes of {@code zone} under {@code prefixes}. */
    public static Optional<PastPurge> lastPurgeOfChanges(List<PastPurge> purges, String zone, List<String> prefixes) {
        for (int i = purges.size() - 1; i >= 0; i--) {
            if (purges.get(i).coversChangesOf(zone, prefixes)) {
                return Optional.of(purges.get(i));
            }
        }
        return Optional.empty();
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
     * @param urlPrefixes the normalised URL prefixes of this purge
     * @param current this run's changes
     * @param earlier earlier runs, newest first; read only as far as needed
     * @param maxRuns how many earlier runs to look at, at most
     */
    public static Collected collect(
            String zoneId,
            List<String> urlPrefixes,
            ScmChanges current,
            Iterator<? extends EarlierRun> earlier,
            int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be positive, not " + maxRuns);
        }
        List<String> notes = new ArrayList<>(current.notes());
        if (!current.hasChangeset()) {
            notes.add("This run has no SCM changeset: it has not checked out anything with a changelog yet (a "
                    + "checkout with changelog: false and a shared library do not count). Place the purge after "
                    + "the checkout and the deployment (in Pipeline: after 'checkout scm'), give the paths to purge "
                    + "explicitly, or purge by the published files with siteDirectory.");
            return new Collected(false, List.of(), List.of(), notes);
        }
        Map<String, ChangedFile> files = new LinkedHashMap<>();
        current.files().forEach(f -> files.putIfAbsent(f.path(), f));
        List<String> included = new ArrayList<>();
        if (current.incompleteReason().isPresent()) {
            notes.add(current.incompleteReason().get());
            return new Collected(false, List.copyOf(files.values()), included, notes);
        }
        String what = "the changes of zone " + zoneId + " under " + String.join(", ", urlPrefixes);
        int looked = 0;
        while (true) {
            if (!earlier.hasNext()) {
                notes.add(
                        looked == 0
                                ? "This is the job's first run, so its changes are not known against an earlier deployment."
                                : "No earlier run of this job purged " + what
                                        + " successfully, so the changes since the last purge are not known.");
                return new Collected(false, List.copyOf(files.values()), included, notes);
            }
            if (looked == maxRuns) {
                notes.add("Looked back " + maxRuns + " runs (the limit) without finding one that purged " + what
                        + " successfully, so the changes since the last purge are not known.");
                return new Collected(false, List.copyOf(files.values()), included, notes);
            }
            EarlierRun run = earlier.next();
            looked++;
            if (endsWalk(run.purges(), zoneId, urlPrefixes)) {
                if (!included.isEmpty()) {
                    notes.add("Also purging the changes of " + String.join(", ", included)
                            + ", which ran after the last successful purge of " + what + " (" + run.displayName()
                            + ").");
                }
                return new Collected(true, List.copyOf(files.values()), included, notes);
            }
            ScmChanges runChanges = run.changes();
            if (runChanges.incompleteReason().isPresent()) {
                notes.add(run.displayName() + ", which ran after the last successful purge: "
                        + runChanges.incompleteReason().get());
                return new Collected(false, List.copyOf(files.values()), included, notes);
            }
            List<ChangedFile> changes = runChanges.files();
            if (!changes.isEmpty()) {
                changes.forEach(f -> files.putIfAbsent(f.path(), f));
                included.add(run.displayName());
            }
        }
    }
}

package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import io.jenkins.plugins.cloudflarepurge.engine.job.ChangeHistory;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeArguments;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeSettings;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteBaseline;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteManifest;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteScan;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteScanner;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * The changes of a purge by the published files ({@code siteDirectory}): the directory is scanned where it is, on
 * the agent, and only its manifest travels to the controller; there it is compared with the manifest stored by the
 * last successful purge of the same zone and URL prefixes ({@link SiteBaseline}), and stored in the run's own
 * directory after this purge succeeds ({@link SiteManifest#fileName}, one file per zone, never in
 * {@code build.xml}).
 */
final class SiteChanges {

    private SiteChanges() {}

    /**
     * Scans the site directory of the workspace on the machine that holds it.
     *
     * @throws AbortException without a workspace, or when the directory is missing: one sentence, nothing sent
     */
    static SiteScan scan(String caller, @CheckForNull FilePath workspace, String siteDirectory)
            throws AbortException, IOException, InterruptedException {
        String argument = caller + ": " + PurgeArguments.SITE_DIRECTORY + ": ";
        if (workspace == null) {
            throw new AbortException(argument + "'" + siteDirectory + "' is in a workspace, and this purge has none: "
                    + "place the step inside node { … }, after the build that generates the site, or remove "
                    + PurgeArguments.SITE_DIRECTORY + ".");
        }
        FilePath directory = workspace.child(siteDirectory);
        if (!directory.exists()) {
            // Checked here too, so that the sentence is the same whether the workspace is on an agent or not.
            throw new AbortException(argument + "The site directory " + directory.getRemote() + " does not exist: give "
                    + "the folder the build publishes, relative to the workspace (such as 'public'), and place the "
                    + "purge after the step that generates it.");
        }
        try {
            return directory.act(new Scan());
        } catch (InvalidInputException e) {
            throw new AbortException(argument + e.getMessage());
        }
    }

    /** Runs the engine's scan where the files are; the files never leave that machine. */
    private static final class Scan extends MasterToSlaveFileCallable<SiteScan> {

        private static final long serialVersionUID = 1L;

        @Override
        public SiteScan invoke(File directory, VirtualChannel channel) throws IOException, InterruptedException {
            return SiteScanner.scan(directory.toPath());
        }
    }

    /** The changes since the baseline, for the planner: with no baseline, none known (the fallback applies). */
    static ChangeHistory.Collected collect(Run<?, ?> run, PurgeSettings settings, SiteScan scan) {
        List<String> notes = new ArrayList<>(scan.notes());
        SiteBaseline.Choice choice = SiteBaseline.choose(
                settings.zoneId(), settings.urlPrefixes(), earlierPurges(run, settings.urlPrefixes()));
        notes.add(choice.note());
        if (!choice.found() && choice.run() != null) {
            // The run is still there (it was just read), so its list is missing for another reason.
            notes.add(choice.run() + " stored no list of published files if that purge was by changelog or of "
                    + "everything, rather than by siteDirectory.");
        }
        if (!choice.found()) {
            notes.add("This is the first purge by the published files that can be compared, so the changes are not "
                    + "known; the next successful purge stores the "
                    + scan.manifest().size()
                    + " files published now to compare with.");
            return new ChangeHistory.Collected(false, List.of(), List.of(), notes);
        }
        Map<String, ChangedFile> changes = new LinkedHashMap<>();
        scan.manifest().changesSince(choice.manifest()).forEach(f -> changes.put(f.path(), f));
        List<String> included = new ArrayList<>();
        for (Run<?, ?> between = run.getPreviousBuild();
                between != null && !name(between).equals(choice.run());
                between = between.getPreviousBuild()) {
            Optional<SiteManifest> attempted;
            try {
                attempted = loadAttempt(between, settings.zoneId(), settings.urlPrefixes());
            } catch (IOException e) {
                notes.add("The list of what " + name(between) + "'s failed purge was to purge cannot be read ("
                        + e.getMessage() + "), so the changes since the last successful purge are not known.");
                return new ChangeHistory.Collected(false, List.of(), List.of(), notes);
            }
            if (attempted.isPresent()) {
                // What a failed purge was to purge: it may have been cached since, even if it changed back now.
                List<ChangedFile> missed = attempted.get().changesSince(choice.manifest());
                missed.forEach(f -> changes.putIfAbsent(f.path(), f));
                if (!missed.isEmpty()) {
                    included.add(name(between));
                }
            }
        }
        if (!included.isEmpty()) {
            notes.add("Also purging what the failed purges of " + String.join(", ", included)
                    + " were to purge, which ran after that purge.");
        }
        return new ChangeHistory.Collected(true, List.copyOf(changes.values()), included, notes);
    }

    /**
     * Stores the manifest in the run's directory: as the baseline when the purge succeeded for real; as what it was
     * to purge when it failed or partly failed, which keeps the earlier baseline, so that nothing it missed is
     * forgotten; not at all for a dry run. Call it after the report's action is added to the run.
     *
     * @return a console line saying what was stored, or why not; empty when nothing is to be said
     */
    static Optional<String> storeIfPurged(Run<?, ?> run, PurgeReport report, List<String> urlPrefixes, SiteScan scan)
            throws IOException {
        if (report.isDryRun()) {
            return Optional.empty();
        }
        if (report.getVerdict() != Verdict.SUCCESS) {
            // Not a baseline; kept so that the next runs purge what this one was to purge, changed back or not.
            write(attemptFile(run, report.getZoneId()).toPath(), scan.manifest());
            return Optional.empty();
        }
        File file = file(run, report.getZoneId());
        if (file.exists() && storedForOtherPrefixes(run, report.getZoneId(), urlPrefixes)) {
            // One file per zone: it cannot hold the baselines of two prefix sets, and a wrong one would miss changes.
            Files.delete(file.toPath());
            return Optional.of("This run purged zone " + report.getZoneId() + " by its published files under other URL "
                    + "prefixes before, so neither list is kept; the next purge of this zone falls back.");
        }
        write(file.toPath(), scan.manifest());
        return Optional.of(
                "Stored the " + scan.manifest().size() + " published files for the next purge to compare with.");
    }

    private static void write(Path target, SiteManifest manifest) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (folder == null) {
            throw new IOException("No folder to write " + target + " in");
        }
        Path temporary = Files.createTempFile(folder, "cloudflare-purge-site", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                manifest.writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Whether an earlier successful purge of this run, of the same zone, had other URL prefixes. */
    private static boolean storedForOtherPrefixes(Run<?, ?> run, String zoneId, List<String> urlPrefixes) {
        for (ChangeHistory.PastPurge p : ChangesetReader.purges(run)) {
            if (p.target() == PurgeSettings.Target.CHANGES
                    && p.verdict() == Verdict.SUCCESS
                    && !p.dryRun()
                    && p.zoneId().equalsIgnoreCase(zoneId)
                    && !p.coversChangesOf(zoneId, urlPrefixes)) {
                return true;
            }
        }
        return false;
    }

    /** A run's name for the console, unique in its job: {@code #41}, or {@code release 2 (#41)}. */
    static String name(Run<?, ?> run) {
        String number = "#" + run.getNumber();
        return run.getDisplayName().equals(number) ? number : run.getDisplayName() + " (" + number + ")";
    }

    static File file(Run<?, ?> run, String zoneId) {
        return new File(run.getRootDir(), SiteManifest.fileName(zoneId));
    }

    /** The list of a purge that did not succeed: what it was to purge, never a baseline. */
    static File attemptFile(Run<?, ?> run, String zoneId) {
        return new File(run.getRootDir(), "attempted-" + SiteManifest.fileName(zoneId));
    }

    /**
     * The list of a run's failed purge of this zone and these prefixes by the published files. When the run's last
     * such purge did not fail (none, or a success), there is none to add.
     */
    private static Optional<SiteManifest> loadAttempt(Run<?, ?> run, String zoneId, List<String> prefixes)
            throws IOException {
        Optional<ChangeHistory.PastPurge> last =
                ChangeHistory.lastPurgeOfChanges(ChangesetReader.purges(run), zoneId, prefixes);
        if (last.isEmpty() || last.get().verdict() == Verdict.SUCCESS) {
            return Optional.empty();
        }
        return read(attemptFile(run, zoneId));
    }

    /**
     * Earlier runs' purges, newest first (a run's last purge first), bounded like the changelog history. A purge
     * of everything counts under the current prefixes: it emptied the zone's cache, so an older manifest behind it
     * must not be used.
     */
    private static List<SiteBaseline.EarlierPurge> earlierPurges(Run<?, ?> run, List<String> prefixes) {
        List<SiteBaseline.EarlierPurge> purges = new ArrayList<>();
        Run<?, ?> earlier = run.getPreviousBuild();
        for (int looked = 0; earlier != null && looked < ChangeHistory.DEFAULT_MAX_RUNS; looked++) {
            Run<?, ?> current = earlier;
            List<ChangeHistory.PastPurge> past = new ArrayList<>(ChangesetReader.purges(current));
            Collections.reverse(past);
            for (ChangeHistory.PastPurge p : past) {
                boolean everything = p.target() == PurgeSettings.Target.EVERYTHING;
                boolean complete = !p.dryRun()
                        && p.verdict() == Verdict.SUCCESS
                        && (everything || p.target() == PurgeSettings.Target.CHANGES);
                purges.add(new SiteBaseline.EarlierPurge(
                        name(current),
                        p.zoneId(),
                        everything ? prefixes : p.urlPrefixes(),
                        complete,
                        () -> load(current, p.zoneId())));
            }
            earlier = current.getPreviousBuild();
        }
        return purges;
    }

    private static Optional<SiteManifest> load(Run<?, ?> run, String zoneId) throws IOException {
        return read(file(run, zoneId));
    }

    private static Optional<SiteManifest> read(File file) throws IOException {
        if (!file.isFile()) {
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()))) {
            return Optional.of(SiteManifest.readFrom(in));
        }
    }
}

package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.SCMListener;
import hudson.scm.ChangeLogParser;
import hudson.scm.ChangeLogSet;
import hudson.scm.EditType;
import hudson.scm.NullSCM;
import hudson.scm.SCM;
import hudson.scm.SCMRevisionState;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import io.jenkins.plugins.cloudflarepurge.engine.job.ChangeHistory;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeSettings;
import io.jenkins.plugins.cloudflarepurge.engine.job.ScmChanges;
import java.io.File;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.scm.RunWithSCM;
import jenkins.util.SystemProperties;

/**
 * Reads the changed files of runs from {@link RunWithSCM#getChangeSets()} (freestyle builds and Pipeline runs), and
 * walks back through earlier runs for {@link ChangeHistory}.
 *
 * <p>{@code getChangeSets()} leaves out empty change logs and does not say which SCM a change log belongs to. The
 * {@link CheckoutListener} therefore keeps, on each run, a {@link Checkouts} record of its checkouts in order: the
 * repository ({@link SCM#getKey()}), whether it recorded a changelog, whether it was a shared library's, and a
 * fingerprint of its change log's entries. The change logs that {@code getChangeSets()} returns are those with
 * entries (workflow-job's {@code WorkflowRun#getChangeSets}, core's {@code AbstractBuild#getChangeSets}); each is
 * matched to the checkout with its fingerprint. A change log that matches none makes the changes incomplete, and
 * the fallback applies: a wrong match could purge another repository's files instead of the changed ones.
 */
final class ChangesetReader {

    private static final Logger LOGGER = Logger.getLogger(ChangesetReader.class.getName());

    /**
     * Held while a run's checkout record is found or added. Not the run itself: a Pipeline run may be locked only
     * after its metadata guard, which a plugin cannot take (as for {@link CloudflarePurgeAction}'s numbering).
     */
    private static final Object RECORDING = new Object();

    private ChangesetReader() {}

    /**
     * The changes of one run.
     *
     * @param repository the repository filter ({@link ScmChanges#repositoryMatches}); null for every repository but
     *     shared libraries
     * @param current whether this is the purging run, whose reading is explained in the console
     */
    static ScmChanges read(Run<?, ?> run, @CheckForNull String repository, boolean current) {
        ScmChanges changes = new ScmChanges();
        if (!(run instanceof RunWithSCM<?, ?> withScm)) {
            return changes;
        }
        List<ChangeLogSet<? extends ChangeLogSet.Entry>> sets = withScm.getChangeSets();
        Checkouts record = run.getAction(Checkouts.class);
        if (record == null) {
            // A run from before the record was kept: every change log is all that is known.
            if (repository != null && !sets.isEmpty()) {
                return changes.incomplete("The run does not record which repository each change log belongs to, "
                        + "so its changes cannot be filtered by repository '" + repository + "'.");
            }
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : sets) {
                changes.markChangeset();
                set.forEach(entry -> readEntry(entry, changes));
            }
            return changes;
        }
        List<Checkout> checkouts = record.list();
        // Each change log to the checkout it came from, by content: parallel branches may record their checkouts
        // here and in the run in different orders.
        List<Checkout> owners = new ArrayList<>();
        boolean[] taken = new boolean[checkouts.size()];
        for (ChangeLogSet<? extends ChangeLogSet.Entry> set : sets) {
            String fingerprint = fingerprint(set);
            int owner = -1;
            for (int i = 0; i < checkouts.size() && owner < 0; i++) {
                if (!taken[i] && fingerprint.equals(checkouts.get(i).fingerprint)) {
                    owner = i;
                }
            }
            if (owner < 0) {
                return changes.incomplete("The run has a change log that none of its recorded checkouts made, so its "
                        + "changes cannot be told apart by repository.");
            }
            taken[owner] = true;
            owners.add(checkouts.get(owner));
        }
        Set<String> used = new LinkedHashSet<>(); // a repository checked out twice is named once
        Set<String> leftOut = new LinkedHashSet<>();
        for (Checkout checkout : checkouts) {
            String why = leftOutBecause(checkout, repository);
            if (why != null) {
                leftOut.add(checkout.repository + " (" + why + ")");
                continue;
            }
            changes.markChangeset();
            used.add(checkout.repository);
            if (current && checkout.fingerprint == null) {
                changes.note("The checkout of " + checkout.repository + " recorded no change. If this run deployed "
                        + "another revision than the last purge (a rollback, or a rebuild of an older commit), a "
                        + "changelog cannot show what changed and nothing of it is purged: purge by the published "
                        + "files' content with siteDirectory instead.");
            }
        }
        for (int i = 0; i < sets.size(); i++) {
            if (leftOutBecause(owners.get(i), repository) == null) {
                sets.get(i).forEach(entry -> readEntry(entry, changes));
            }
        }
        if (current) {
            if (!used.isEmpty()) {
                changes.note("Using the changes of " + String.join(", ", used) + ".");
            }
            if (!leftOut.isEmpty()) {
                changes.note("Leaving out the changes of " + String.join(", ", leftOut) + ".");
            }
            if (used.isEmpty() && repository != null) {
                changes.note("No checkout of this run matches repository '" + repository + "'.");
            }
        }
        return changes;
    }

    /** Why a checkout's changes are not purged; null when they are. */
    @CheckForNull
    private static String leftOutBecause(Checkout checkout, @CheckForNull String repository) {
        if (!checkout.changelog) {
            return "checked out without a changelog";
        }
        if (repository != null) {
            return ScmChanges.repositoryMatches(repository, checkout.repository)
                    ? null
                    : "does not match repository '" + repository + "'";
        }
        return checkout.library ? "a shared library; name it with repository to include it" : null;
    }

    /** What tells change logs apart: the number of entries and a digest of their commit IDs and paths. */
    static String fingerprint(ChangeLogSet<? extends ChangeLogSet.Entry> set) {
        StringBuilder text = new StringBuilder();
        int entries = 0;
        for (ChangeLogSet.Entry entry : set) {
            entries++;
            text.append(entry.getCommitId()).append('\n');
            for (String path : entry.getAffectedPaths()) {
                text.append(path).append('\n');
            }
        }
        return entries + ":" + Util.getDigestOf(text.toString());
    }

    private static void readEntry(ChangeLogSet.Entry entry, ScmChanges changes) {
        try {
            for (ChangeLogSet.AffectedFile file : entry.getAffectedFiles()) {
                EditType type = file.getEditType();
                changes.add(file.getPath(), type == null ? null : type.getName());
            }
        } catch (UnsupportedOperationException e) {
            for (String path : entry.getAffectedPaths()) {
                changes.addPath(path);
            }
        }
    }

    /**
     * The purges of a run in the order they ran, as the history walk sees them. The one place that reads what a
     * {@link CloudflarePurgeAction} keeps ({@link PurgeRecord}s, whose target and verdict are the engine's names).
     */
    static List<ChangeHistory.PastPurge> purges(Run<?, ?> run) {
        List<ChangeHistory.PastPurge> purges = new ArrayList<>();
        for (CloudflarePurgeAction action : run.getActions(CloudflarePurgeAction.class)) {
            for (PurgeRecord purge : action.getPurges()) {
                PurgeSettings.Target target;
                Verdict verdict;
                try {
                    target = PurgeSettings.Target.valueOf(purge.getTarget().toUpperCase(Locale.ROOT));
                    verdict = Verdict.valueOf(purge.getVerdict());
                } catch (IllegalArgumentException unreadable) {
                    // A build.xml this version cannot read (hand-edited, or from a later version): the walk goes on
                    // past it, which can only purge more.
                    continue;
                }
                purges.add(new ChangeHistory.PastPurge(
                        purge.getZoneId(), purge.getUrlPrefixes(), target, verdict, purge.isDryRun()));
            }
        }
        return purges;
    }

    /** Earlier runs of the same job, newest first, read lazily. */
    static Iterator<ChangeHistory.EarlierRun> earlierRuns(Run<?, ?> run, @CheckForNull String repository) {
        return new Iterator<>() {
            @CheckForNull
            private Run<?, ?> next = run.getPreviousBuild();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ChangeHistory.EarlierRun next() {
                Run<?, ?> current = next;
                if (current == null) {
                    throw new NoSuchElementException();
                }
                next = current.getPreviousBuild();
                return new Earlier(current, repository);
            }
        };
    }

    private static final class Earlier implements ChangeHistory.EarlierRun {

        private final Run<?, ?> run;

        @CheckForNull
        private final String repository;

        Earlier(Run<?, ?> run, @CheckForNull String repository) {
            this.run = run;
            this.repository = repository;
        }

        @Override
        public String displayName() {
            return run.getDisplayName();
        }

        @Override
        public List<ChangeHistory.PastPurge> purges() {
            return ChangesetReader.purges(run);
        }

        @Override
        public ScmChanges changes() {
            return read(run, repository, false);
        }
    }

    /** One checkout of a run, as {@link Checkouts} keeps it. */
    static final class Checkout {

        final String repository;
        final boolean changelog;
        final boolean library;

        /** The {@link #fingerprint} of its change log; null when it has no entries. */
        @CheckForNull
        final String fingerprint;

        Checkout(String repository, boolean changelog, boolean library, @CheckForNull String fingerprint) {
            this.repository = repository;
            this.changelog = changelog;
            this.library = library;
            this.fingerprint = fingerprint;
        }
    }

    /** The checkouts of a run, in order; kept in {@code build.xml} (a few words per checkout, no file list). */
    public static final class Checkouts extends InvisibleAction {

        @CheckForNull // when build.xml has none
        private List<Checkout> checkouts = new ArrayList<>();

        synchronized void add(Checkout checkout) {
            if (checkouts == null) {
                checkouts = new ArrayList<>();
            }
            checkouts.add(checkout);
        }

        synchronized List<Checkout> list() {
            return checkouts == null ? List.of() : List.copyOf(checkouts);
        }
    }

    /** Records every checkout of a real SCM (not "None") on its run. */
    @Extension
    public static final class CheckoutListener extends SCMListener {
        @Override
        public void onCheckout(
                Run<?, ?> build,
                SCM scm,
                FilePath workspace,
                TaskListener listener,
                @CheckForNull File changelogFile,
                @CheckForNull SCMRevisionState pollingBaseline) {
            // NullSCM exactly: test-harness's FakeChangeLogSCM extends it and does record changes.
            if (scm.getClass() == NullSCM.class) {
                return;
            }
            // workflow-scm-step's SCMStep#checkout passes a null changelogFile for checkout(changelog: false), and
            // deletes a changelog file the SCM left untouched; pipeline-groovy-lib's SCMBasedRetriever forces
            // changelog false when it clones a library.
            boolean changelog = changelogFile != null;
            Checkout checkout = new Checkout(
                    scm.getKey(),
                    changelog,
                    workspace != null && isLibrary(workspace),
                    changelog ? fingerprintOf(build, scm, changelogFile) : null);
            Checkouts record;
            synchronized (RECORDING) {
                record = build.getAction(Checkouts.class);
                if (record == null) {
                    record = new Checkouts();
                    build.addAction(record);
                }
            }
            record.add(checkout);
        }

        /**
         * Whether a checkout is a shared library's. pipeline-groovy-lib's {@code SCMBasedRetriever#doRetrieve}
         * checks a library out (when not cloning it) into
         * {@code <job workspace>@libs/<LibraryRecord.directoryNameFor(scm.getKey())>}, the {@code @} being
         * {@code WorkspaceList}'s suffix (its system property), possibly with a lease suffix such as {@code @2}.
         */
        static boolean isLibrary(FilePath workspace) {
            FilePath parent = workspace.getParent();
            String libs = SystemProperties.getString(WorkspaceList.class.getName(), "@") + "libs";
            return parent != null && parent.getName().endsWith(libs);
        }

        /**
         * The fingerprint of the change log, parsed as workflow-job's {@code WorkflowRun#onCheckout} and core's
         * {@code AbstractBuild#getChangeSet} parse it; null when it has no entries, like a change log they cannot
         * parse, which is not in {@code getChangeSets()} either.
         */
        @CheckForNull
        private static String fingerprintOf(Run<?, ?> build, SCM scm, File changelogFile) {
            if (!changelogFile.isFile()) {
                return null;
            }
            try {
                ChangeLogParser parser = scm.createChangeLogParser();
                if (parser == null) {
                    return null;
                }
                ChangeLogSet<? extends ChangeLogSet.Entry> set =
                        parser.parse(build, scm.getEffectiveBrowser(), changelogFile);
                return set.isEmptySet() ? null : fingerprint(set);
            } catch (Exception e) {
                LOGGER.log(Level.FINE, "could not parse " + changelogFile, e);
                return null;
            }
        }
    }
}

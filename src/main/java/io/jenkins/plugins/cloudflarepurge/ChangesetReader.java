package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.SCMListener;
import hudson.scm.ChangeLogSet;
import hudson.scm.EditType;
import hudson.scm.NullSCM;
import hudson.scm.SCM;
import hudson.scm.SCMRevisionState;
import io.jenkins.plugins.cloudflarepurge.engine.job.ChangeHistory;
import io.jenkins.plugins.cloudflarepurge.engine.job.ScmChanges;
import java.io.File;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.WeakHashMap;
import jenkins.scm.RunWithSCM;

/**
 * Reads the changed files of runs from {@link RunWithSCM#getChangeSets()} (freestyle builds and Pipeline runs, every
 * SCM of the run), and walks back through earlier runs for {@link ChangeHistory}.
 *
 * <p>{@code getChangeSets()} leaves out empty change logs, so it cannot tell "checked out, nothing changed" from
 * "not checked out yet". An {@link SCMListener} therefore notes which running builds have checked out.
 */
final class ChangesetReader {

    private static final Map<Run<?, ?>, Boolean> CHECKED_OUT = Collections.synchronizedMap(new WeakHashMap<>());

    private ChangesetReader() {}

    /** The changes of one run. */
    static ScmChanges read(Run<?, ?> run) {
        ScmChanges changes = new ScmChanges();
        if (CHECKED_OUT.containsKey(run)) {
            changes.markChangeset();
        }
        if (run instanceof RunWithSCM<?, ?> withScm) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : withScm.getChangeSets()) {
                changes.markChangeset();
                for (ChangeLogSet.Entry entry : set) {
                    readEntry(entry, changes);
                }
            }
        }
        return changes;
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

    /** Earlier runs of the same job, newest first, read lazily. */
    static Iterator<ChangeHistory.EarlierRun> earlierRuns(Run<?, ?> run) {
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
                return new Earlier(current);
            }
        };
    }

    private static final class Earlier implements ChangeHistory.EarlierRun {

        private final Run<?, ?> run;

        Earlier(Run<?, ?> run) {
            this.run = run;
        }

        @Override
        public String displayName() {
            return run.getDisplayName();
        }

        @Override
        public boolean purgeSucceeded(String zoneId) {
            for (CloudflarePurgeAction action : run.getActions(CloudflarePurgeAction.class)) {
                for (PurgeRecord purge : action.getPurges()) {
                    if (!purge.isDryRun()
                            && purge.isSuccess()
                            && purge.getZoneId().equalsIgnoreCase(zoneId.strip())) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public ScmChanges changes() {
            return read(run);
        }
    }

    /** Notes every checkout of a real SCM (not "None"). */
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
            if (scm.getClass() != NullSCM.class) {
                CHECKED_OUT.put(build, Boolean.TRUE);
            }
        }
    }
}

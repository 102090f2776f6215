package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Run;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The purges of one run, on the build page: one sidebar entry and one summary for the run, however many purges it
 * made (parallel branches may purge at the same time), and a page per purge, {@code cloudflare-purge/<number>/}.
 * {@code build.xml} holds a {@link PurgeRecord} per purge; the long lists are files in the run's directory
 * ({@link PurgeDetails}). Later runs read the records to find the last successful purge of a zone.
 */
@ExportedBean
public final class CloudflarePurgeAction implements RunAction2 {

    static final String URL_NAME = "cloudflare-purge";

    private static final Logger LOGGER = Logger.getLogger(CloudflarePurgeAction.class.getName());

    /**
     * Held while a purge is numbered and added. Not the run itself: a Pipeline run must be locked only after its
     * metadata guard, which a plugin cannot take. Recording takes milliseconds, so one lock for all runs is enough.
     */
    private static final Object RECORDING = new Object();

    /** In the order made; replaced whole, never changed, so that a save or a page never sees it half-changed. */
    private volatile ArrayList<PurgeRecord> purges = new ArrayList<>();

    /** Only in a {@code build.xml} of the plugin's first builds, which had one action per purge: its report. */
    @CheckForNull
    private LegacyPurgeReport report;

    /** Only in such a {@code build.xml}: the purge's number, in its address {@code cloudflare-purge-<number>}. */
    @CheckForNull
    private Integer number;

    /** The old report's lists, until {@link #onLoad} has written them to their file. */
    @CheckForNull
    private transient PurgeDetails legacyDetails;

    @CheckForNull
    private transient Run<?, ?> run;

    private CloudflarePurgeAction() {}

    /** Before any build is loaded (Jenkins calls initializers of public classes only). */
    @Initializer(after = InitMilestone.PLUGINS_PREPARED, before = InitMilestone.PLUGINS_STARTED)
    public static void addAliases() {
        LegacyPurgeReport.addAliases();
    }

    /**
     * Keeps a purge on the run, numbered race-free (parallel branches finish purges at the same time), with its
     * lists in the run's directory. A purge that an abort cut short can end after the run has finished and been
     * saved: the run is then saved again, so that the record is not lost.
     *
     * @param urlPrefixes the prefixes the purge was planned for; empty when it used none
     * @param console where a problem storing the lists is reported; it does not change the purge's outcome
     */
    static void record(Run<?, ?> run, PurgeReport report, List<String> urlPrefixes, PrintStream console) {
        // An aborted purge returns with the thread's interrupt flag set, and an interrupted thread cannot write a
        // file through a channel (ClosedByInterruptException in Run#save): write first, then set the flag again.
        boolean interrupted = Thread.interrupted();
        try {
            store(run, report, urlPrefixes, console);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void store(Run<?, ?> run, PurgeReport report, List<String> urlPrefixes, PrintStream console) {
        synchronized (RECORDING) {
            CloudflarePurgeAction action = run.getAction(CloudflarePurgeAction.class);
            boolean isNew = action == null;
            if (action == null) {
                action = new CloudflarePurgeAction();
            }
            PurgeRecord record = PurgeRecord.of(action.nextNumber(), report, urlPrefixes);
            File file = PurgeDetails.file(run, record.getNumber());
            try {
                PurgeDetails.of(report).write(file);
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Cannot write " + file, e);
                console.println(Messages.CloudflarePurgeAction_ListsNotStored(file, e.getMessage()));
            }
            action.add(record);
            if (isNew) {
                run.addAction(action);
            }
        }
        if (!run.isBuilding()) {
            try {
                run.save();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Cannot save " + run + " with its Cloudflare purge", e);
            }
        }
    }

    /** Under {@link #RECORDING}. */
    private int nextNumber() {
        int max = 0;
        for (PurgeRecord r : purges) {
            max = Math.max(max, r.getNumber());
        }
        return max + 1;
    }

    /** Under {@link #RECORDING}. */
    private void add(PurgeRecord record) {
        ArrayList<PurgeRecord> next = new ArrayList<>(purges);
        next.add(record);
        purges = next;
    }

    /** Turns a {@code build.xml} of the plugin's first builds (one action holding the engine's report) into records. */
    @SuppressFBWarnings(
            value = "RCN_REDUNDANT_NULLCHECK_OF_NONNULL_VALUE",
            justification = "XStream leaves purges null when build.xml has none (an old one)")
    private Object readResolve() {
        if (purges == null) {
            purges = new ArrayList<>();
        }
        LegacyPurgeReport old = report;
        if (old != null) {
            ArrayList<PurgeRecord> converted = new ArrayList<>(purges);
            converted.add(PurgeRecord.of(number == null ? 1 : number, old));
            purges = converted;
            legacyDetails = old.details();
            report = null;
        }
        return this;
    }

    /** The run's purges, in the order they finished. */
    @Exported(visibility = 2)
    public List<PurgeRecord> getPurges() {
        return Collections.unmodifiableList(purges);
    }

    /** The pages of the purges, for the views. */
    public List<PurgePage> getPages() {
        Run<?, ?> r = run;
        List<PurgePage> pages = new ArrayList<>();
        if (r != null) {
            List<PurgeRecord> all = purges;
            for (PurgeRecord record : all) {
                pages.add(new PurgePage(r, urlName(), record, all.size()));
            }
        }
        return pages;
    }

    /** {@code cloudflare-purge/<number>/}: the page of one purge. */
    @CheckForNull
    public PurgePage getDynamic(String token, StaplerRequest2 req, StaplerResponse2 rsp) {
        for (PurgePage page : getPages()) {
            if (token.equals(String.valueOf(page.getRecord().getNumber()))) {
                return page;
            }
        }
        return null;
    }

    @CheckForNull
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
        PurgeDetails old = legacyDetails;
        if (old != null) {
            legacyDetails = null;
            File file = PurgeDetails.file(r, purges.get(0).getNumber());
            try {
                if (!file.exists()) {
                    old.write(file);
                }
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Cannot move the lists of an old Cloudflare purge to " + file, e);
            }
        }
    }

    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        Integer old = number;
        if (old != null && old > 1) {
            return Messages.PurgePage_DisplayName(old); // an old build's second purge has an action of its own
        }
        return purges.size() > 1
                ? Messages.CloudflarePurgeAction_DisplayNamePlural()
                : Messages.CloudflarePurgeAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return urlName();
    }

    /** Never null, unlike what {@code Action#getUrlName} may return in general. */
    private String urlName() {
        Integer old = number;
        return old == null || old <= 1 ? URL_NAME : URL_NAME + "-" + old;
    }
}

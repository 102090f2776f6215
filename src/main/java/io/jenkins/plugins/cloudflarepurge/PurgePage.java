package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.ModelObject;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.WebMethod;
import org.kohsuke.stapler.verb.GET;

/**
 * The page of one purge, {@code cloudflare-purge/<number>/}: the record in words people read, and the lists from
 * the run's directory, read when the page is shown ({@code items.txt} and {@code not-purged.txt} serve them whole).
 * Made for each request, never stored.
 */
public final class PurgePage implements ModelObject {

    private static final Logger LOGGER = Logger.getLogger(PurgePage.class.getName());

    /** How many items the page lists before it points to the text file. */
    static final int LISTED_ON_PAGE = 100;

    private final Run<?, ?> run;
    private final String actionUrlName;
    private final PurgeRecord record;
    private final int purgesInRun;

    @CheckForNull
    private PurgeDetails details;

    private boolean detailsRead;

    PurgePage(Run<?, ?> run, String actionUrlName, PurgeRecord record, int purgesInRun) {
        this.run = run;
        this.actionUrlName = actionUrlName;
        this.record = record;
        this.purgesInRun = purgesInRun;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public PurgeRecord getRecord() {
        return record;
    }

    @Override
    public String getDisplayName() {
        return purgesInRun <= 1
                ? Messages.CloudflarePurgeAction_DisplayName()
                : Messages.PurgePage_DisplayName(record.getNumber());
    }

    /** The page's address relative to Jenkins' root, {@code job/site/12/cloudflare-purge/2/}. */
    public String getUrl() {
        return run.getUrl() + actionUrlName + "/" + record.getNumber() + "/";
    }

    /** The Jenkins status symbol of the effect on the build. */
    public String getOutcomeSymbol() {
        return switch (record.getOutcome()) {
            case "SUCCESS" -> "symbol-status-blue";
            case "UNSTABLE" -> "symbol-status-yellow";
            case "ABORTED" -> "symbol-status-aborted";
            default -> "symbol-status-red";
        };
    }

    /** What the purge worked from, in words. */
    public String getTargetText() {
        return switch (record.getTarget()) {
            case "changes" -> Messages.PurgePage_Target_Changes();
            case "paths" -> Messages.PurgePage_Target_Paths();
            case "everything" -> Messages.PurgePage_Target_Everything();
            case "tags" -> Messages.PurgePage_Target_Tags();
            case "hosts" -> Messages.PurgePage_Target_Hosts();
            case "prefixes" -> Messages.PurgePage_Target_Prefixes();
            default -> record.getTarget();
        };
    }

    /** What was purged, in words. */
    public String getModeText() {
        return switch (record.getMode()) {
            case "urls" -> Messages.PurgePage_Mode_Urls();
            case "everything" -> Messages.PurgePage_Mode_Everything();
            case "tags" -> Messages.PurgePage_Mode_Tags();
            case "hosts" -> Messages.PurgePage_Mode_Hosts();
            case "prefixes" -> Messages.PurgePage_Mode_Prefixes();
            case "skip" -> Messages.PurgePage_Mode_Skip();
            default -> record.getMode();
        };
    }

    /** The label of the file count: changed files, or the paths given; empty when the purge used neither. */
    public String getFilesLabel() {
        return switch (record.getTarget()) {
            case "changes" -> Messages.PurgePage_ChangedFiles();
            case "paths" -> Messages.PurgePage_PathsGiven();
            default -> "";
        };
    }

    public String getVerdictText() {
        return switch (record.getVerdict()) {
            case "SUCCESS" ->
                record.isDryRun() ? Messages.PurgePage_Verdict_Planned() : Messages.PurgePage_Verdict_Success();
            case "PARTIAL" -> Messages.PurgePage_Verdict_Partial();
            case "FAILED" -> Messages.PurgePage_Verdict_Failed();
            case "CANCELLED" -> Messages.PurgePage_Verdict_Cancelled();
            default -> record.getVerdict();
        };
    }

    public String getOutcomeText() {
        return switch (record.getOutcome()) {
            case "SUCCESS" -> Messages.PurgePage_Outcome_Success();
            case "UNSTABLE" -> Messages.PurgePage_Outcome_Unstable();
            case "FAILURE" -> Messages.PurgePage_Outcome_Failure();
            case "ABORTED" -> Messages.PurgePage_Outcome_Aborted();
            default -> record.getOutcome();
        };
    }

    /** The heading of the item list: what kind of items, and whether they were purged or would be. */
    public String getItemsHeading() {
        String kind =
                switch (record.getMode()) {
                    case "tags" -> Messages.PurgePage_Items_Tags();
                    case "hosts" -> Messages.PurgePage_Items_Hosts();
                    case "prefixes" -> Messages.PurgePage_Items_Prefixes();
                    default -> Messages.PurgePage_Items_Urls();
                };
        return record.isDryRun() ? Messages.PurgePage_WouldPurge(kind) : Messages.PurgePage_Purged(kind);
    }

    /** The duration for people, such as {@code 1.2 s}. */
    public String getDurationText() {
        Duration d = Duration.ofMillis(record.getDurationMillis());
        return d.toSeconds() >= 120
                ? d.toMinutes() + " min"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public String getRunsIncludedText() {
        return String.join(", ", record.getRunsIncluded());
    }

    public String getRequestIdsText() {
        int more = record.getRequestIdCount() - record.getRequestIds().size();
        String ids = String.join(", ", record.getRequestIds());
        return more > 0 ? Messages.PurgePage_MoreIds(ids, more) : ids;
    }

    /** Whether the lists are in the run's directory (not when the file could not be written or read). */
    public boolean isDetailsAvailable() {
        return details() != null;
    }

    /** The items purged (or to be purged), all that are stored. */
    public List<String> getItems() {
        PurgeDetails d = details();
        return d == null ? List.of() : d.items();
    }

    /** The first {@link #LISTED_ON_PAGE} items. */
    public List<String> getListedItems() {
        List<String> items = getItems();
        return items.subList(0, Math.min(LISTED_ON_PAGE, items.size()));
    }

    /** The items not purged, by reason. */
    public List<PurgeDetails.NotPurged> getNotPurged() {
        PurgeDetails d = details();
        return d == null ? List.of() : d.notPurged();
    }

    /** Why one group was not purged; for the view, which reads no record components of a package-private type. */
    public String reasonOf(PurgeDetails.NotPurged group) {
        return group.reason();
    }

    /** How many items of one group were not purged; {@link #listed} may show fewer. */
    public int countOf(PurgeDetails.NotPurged group) {
        return group.count();
    }

    /** The first {@link #LISTED_ON_PAGE} items of one reason. */
    public List<String> listed(PurgeDetails.NotPurged group) {
        return group.items().subList(0, Math.min(LISTED_ON_PAGE, group.items().size()));
    }

    /** How many items the purge covered that the stored list leaves out (the engine keeps at most 10,000). */
    public int getUnlistedCount() {
        int covered = record.isDryRun() ? record.getTotal() : record.getPurged();
        return Math.max(0, covered - getItems().size());
    }

    /** Every stored item, one a line. */
    @GET
    @WebMethod(name = "items.txt")
    public HttpResponse doItems() {
        run.checkPermission(Item.READ);
        return HttpResponses.text(lines(getItems()));
    }

    /** Every stored item not purged, one a line, under its reason. */
    @GET
    @WebMethod(name = "not-purged.txt")
    public HttpResponse doNotPurged() {
        run.checkPermission(Item.READ);
        StringBuilder text = new StringBuilder();
        for (PurgeDetails.NotPurged group : getNotPurged()) {
            text.append(Messages.PurgePage_NotPurgedHeading(group.count(), group.reason()))
                    .append('\n')
                    .append(lines(group.items()))
                    .append('\n');
        }
        return HttpResponses.text(text.toString());
    }

    private static String lines(List<String> items) {
        StringBuilder text = new StringBuilder();
        for (String item : items) {
            text.append(item).append('\n');
        }
        return text.toString();
    }

    @CheckForNull
    private PurgeDetails details() {
        if (!detailsRead) {
            File file = PurgeDetails.file(run, record.getNumber());
            try {
                details = PurgeDetails.read(file).orElse(null);
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Cannot read " + file, e);
            }
            detailsRead = true;
        }
        return details;
    }
}

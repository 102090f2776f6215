package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport;
import java.time.Duration;
import java.util.Locale;
import jenkins.model.RunAction2;

/**
 * What one purge did, on the build page: a summary next to the build's other results and a page with the details
 * and the list of URLs. Later runs read it to find the last successful purge of a zone. A run that purges several
 * times has one action per purge, numbered.
 */
public final class CloudflarePurgeAction implements RunAction2 {

    private final PurgeReport report;
    private final int number;

    @CheckForNull
    private transient Run<?, ?> run;

    CloudflarePurgeAction(PurgeReport report, int number) {
        this.report = report;
        this.number = number;
    }

    public PurgeReport getReport() {
        return report;
    }

    /** 1 for the run's first purge, 2 for its second, … */
    public int getNumber() {
        return number;
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
    }

    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        return number <= 1
                ? Messages.CloudflarePurgeAction_DisplayName()
                : Messages.CloudflarePurgeAction_DisplayNameNumbered(number);
    }

    @Override
    public String getUrlName() {
        return number <= 1 ? "cloudflare-purge" : "cloudflare-purge-" + number;
    }

    /** The duration for people, such as {@code 1.2 s}. */
    public String getDurationString() {
        Duration d = Duration.ofMillis(report.getDurationMillis());
        return d.toSeconds() >= 120
                ? d.toMinutes() + " min"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public String getRunsIncludedText() {
        return String.join(", ", report.getRunsIncluded());
    }

    public String getRequestIdsText() {
        return String.join(", ", report.getRequestIds());
    }

    /** The Jenkins ball colour class of the outcome, for the summary. */
    public String getOutcomeSymbol() {
        return switch (report.getOutcome()) {
            case SUCCESS -> "symbol-status-blue";
            case UNSTABLE -> "symbol-status-yellow";
            case ABORTED -> "symbol-status-aborted";
            case FAILURE -> "symbol-status-red";
        };
    }
}

package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the purges of the plugin's first builds, whose {@code build.xml} held the engine's report itself (with up
 * to 10,000 items): the same field names, read only, turned into a {@link PurgeRecord} and a {@link PurgeDetails}
 * file when the build loads. Aliases map the engine's class names to these, so the engine can rename its classes.
 */
final class LegacyPurgeReport {

    static final String ENGINE_REPORT = "io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport";

    /** Items not purged for one reason, as {@code build.xml} held them. */
    @SuppressFBWarnings(value = "UWF_UNWRITTEN_FIELD", justification = "XStream sets the fields from an old build.xml")
    static final class Failure {
        @CheckForNull
        String reason;

        int count;

        @CheckForNull
        ArrayList<String> items;
    }

    @CheckForNull
    String zoneId;

    @CheckForNull
    String target;

    @CheckForNull
    String mode;

    @CheckForNull
    String fallbackReason;

    boolean dryRun;

    @CheckForNull
    String verdict;

    @CheckForNull
    String outcome;

    int changedFiles;
    int total;
    int purged;
    int notPurged;
    int requests;
    int retries;

    @CheckForNull
    ArrayList<String> requestIds;

    @CheckForNull
    ArrayList<String> items;

    @CheckForNull
    ArrayList<Failure> failures;

    @CheckForNull
    ArrayList<String> runsIncluded;

    long durationMillis;

    @CheckForNull
    String summary;

    private LegacyPurgeReport() {}

    /** The lists of the old report, for the file that holds them from now on. */
    PurgeDetails details() {
        List<PurgeDetails.NotPurged> notPurgedItems = new ArrayList<>();
        if (failures != null) {
            for (Failure f : failures) {
                notPurgedItems.add(
                        new PurgeDetails.NotPurged(f.reason == null ? "" : f.reason, f.count, nonNull(f.items)));
            }
        }
        return new PurgeDetails(nonNull(items), notPurgedItems);
    }

    static List<String> nonNull(@CheckForNull List<String> list) {
        return list == null ? List.of() : list;
    }

    /** Reads an element named after the engine's classes (should one carry its class name) as these. */
    static void addAliases() {
        Run.XSTREAM2.addCompatibilityAlias(ENGINE_REPORT, LegacyPurgeReport.class);
        Run.XSTREAM2.addCompatibilityAlias(ENGINE_REPORT + "$Failure", Failure.class);
    }
}

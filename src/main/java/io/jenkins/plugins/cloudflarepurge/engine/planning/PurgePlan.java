package io.jenkins.plugins.cloudflarepurge.engine.planning;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one run will purge, and why: the scope handed to execution (or none), the fallback that chose it if any,
 * the changed files it refused, and an explanation per changed file for dry runs.
 */
public final class PurgePlan {

    /** The shape of the plan; {@link #SKIP} purges nothing. */
    public enum Mode {
        URLS,
        EVERYTHING,
        HOSTS,
        PREFIXES,
        TAGS,
        SKIP
    }

    private final Mode mode;

    @CheckForNull
    private final PurgeScope scope;

    @CheckForNull
    private final String fallbackReason;

    private final List<FileExplanation> explanations;
    private final List<RefusedFile> refused;
    private final List<String> extraUrls;
    private final int changedFileCount;
    private final int plannedUrlCount;

    PurgePlan(
            Mode mode,
            @CheckForNull PurgeScope scope,
            @CheckForNull String fallbackReason,
            List<FileExplanation> explanations,
            List<String> extraUrls,
            int changedFileCount,
            int plannedUrlCount) {
        if ((mode == Mode.SKIP) != (scope == null)) {
            throw new IllegalArgumentException("a plan skips exactly when it has no scope");
        }
        this.mode = mode;
        this.scope = scope;
        this.fallbackReason = fallbackReason;
        this.explanations = List.copyOf(explanations);
        this.refused = explanations.stream()
                .filter(e -> e.outcome() == FileExplanation.Outcome.REFUSED)
                .map(e -> new RefusedFile(
                        e.path(), e.kind().orElse(null), e.reason().orElse("")))
                .toList();
        this.extraUrls = List.copyOf(extraUrls);
        this.changedFileCount = changedFileCount;
        this.plannedUrlCount = plannedUrlCount;
    }

    public Mode mode() {
        return mode;
    }

    /** What to purge; empty when there is nothing to purge. */
    public Optional<PurgeScope> scope() {
        return Optional.ofNullable(scope);
    }

    /** Why a fallback replaced the URL list, as a sentence for the console; empty when none did. */
    public Optional<String> fallbackReason() {
        return Optional.ofNullable(fallbackReason);
    }

    /** One entry per changed file (or explicit path), in the order given. */
    public List<FileExplanation> explanations() {
        return explanations;
    }

    /** The changed files that could not be planned, each with its reason, in the order given. */
    public List<RefusedFile> refused() {
        return refused;
    }

    /**
     * The refused files that this plan leaves stale: every one, unless a fallback replaced the URL list (it purges
     * everything, the hosts or the prefixes, which hold the refused files' pages; or nothing, as configured).
     */
    public List<RefusedFile> refusedNotPurged() {
        return fallbackReason == null ? refused : List.of();
    }

    /** The URLs the extra paths produced (purged on every run), without cache-key variants. */
    public List<String> extraUrls() {
        return extraUrls;
    }

    /** How many changed files (or explicit paths) were considered. */
    public int changedFileCount() {
        return changedFileCount;
    }

    /**
     * How many URLs (counting each cache-key variant) the changes mapped to, also when a fallback then replaced
     * them; this is the number compared with the limit.
     */
    public int plannedUrlCount() {
        return plannedUrlCount;
    }

    /** One line saying what will be purged. */
    public String summary() {
        long published =
                explanations.stream().filter(FileExplanation::isPublished).count();
        String files = String.format(
                Locale.ROOT,
                "%,d changed file%s (%,d published, %,d skipped%s)",
                changedFileCount,
                changedFileCount == 1 ? "" : "s",
                published,
                explanations.size() - published - refused.size(),
                refused.isEmpty() ? "" : String.format(Locale.ROOT, ", %,d refused", refused.size()));
        return switch (mode) {
            case SKIP -> "Nothing to purge; " + files + ".";
            case EVERYTHING -> "Purge everything; " + files + ".";
            case URLS -> String.format(Locale.ROOT, "Purge %,d URLs; %s.", size(), files);
            default ->
                String.format(
                        Locale.ROOT, "Purge %,d %s; %s.", size(), mode.name().toLowerCase(Locale.ROOT), files);
        };
    }

    private int size() {
        return scope == null ? 0 : scope.size();
    }

    /**
     * The console lines of a dry run: the summary, the fallback reason, one line per file and the extra URLs.
     *
     * @param maxFileLines how many files to list before saying how many more there are
     */
    public List<String> describe(int maxFileLines) {
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        if (fallbackReason != null) {
            lines.add(fallbackReason);
        }
        int shown = Math.min(Math.max(maxFileLines, 0), explanations.size());
        for (int i = 0; i < shown; i++) {
            lines.add("  " + explanations.get(i).describe());
        }
        if (shown < explanations.size()) {
            lines.add(String.format(Locale.ROOT, "  … and %,d more files", explanations.size() - shown));
        }
        for (String url : extraUrls) {
            lines.add("  every run -> " + url);
        }
        return lines;
    }

    @Override
    public String toString() {
        return summary();
    }
}

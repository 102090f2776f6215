package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.execution.ConsoleProgress;
import io.jenkins.plugins.cloudflarepurge.engine.execution.NotPurged;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeExecutor;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeLimits;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeResult;
import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import io.jenkins.plugins.cloudflarepurge.engine.planning.InvalidSettingException;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PurgePlan;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PurgePlanner;
import io.jenkins.plugins.cloudflarepurge.engine.planning.RefusedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one purge: plan it (from the changes, the paths, or the explicit targets), print the header line, then
 * either explain it (dry run: nothing is sent) or execute it with progress in the console, and report. The
 * failure policy's verdict is in the report; the glue applies it to the build.
 */
public final class PurgeRunner {

    /** Makes the executor once there is something to send; a dry run never calls it. */
    public interface ExecutorFactory {
        PurgeExecutor create(PurgeLimits limits);
    }

    private static final String PREFIX = ConsoleProgress.PREFIX;

    private final PurgePlanner planner = new PurgePlanner();

    /**
     * Runs a purge of what the settings name explicitly (paths, tags, hosts, prefixes, everything): no changes are
     * read.
     *
     * @throws IllegalArgumentException for a purge of the changes, which needs them
     * @see #run(PurgeSettings, Supplier, PurgeLimits, ExecutorFactory, Consumer)
     */
    public PurgeReport run(
            PurgeSettings settings, PurgeLimits limits, ExecutorFactory executors, Consumer<String> console) {
        if (settings.target() == PurgeSettings.Target.CHANGES) {
            throw new IllegalArgumentException("a purge of the changes needs them");
        }
        return execute(settings, null, limits, executors, console);
    }

    /**
     * Runs a purge of any target; the changes are read only when the purge works from them.
     *
     * @param settings the checked settings
     * @param changes the changes since the last successful purge; asked for only when the purge works from them
     * @param limits the account's limits, for the request estimate and the executor
     * @param executors makes the executor; not called in a dry run or when there is nothing to purge
     * @param console receives whole lines, each with the {@code [Cloudflare]} prefix
     * @throws InvalidInputException when a value is refused before anything is sent (a defect of the settings' checks)
     */
    public PurgeReport run(
            PurgeSettings settings,
            Supplier<ChangeHistory.Collected> changes,
            PurgeLimits limits,
            ExecutorFactory executors,
            Consumer<String> console) {
        return execute(settings, changes, limits, executors, console);
    }

    private PurgeReport execute(
            PurgeSettings settings,
            @CheckForNull Supplier<ChangeHistory.Collected> changes,
            PurgeLimits limits,
            ExecutorFactory executors,
            Consumer<String> console) {
        long started = System.nanoTime();
        Consumer<String> out = line -> console.accept(PREFIX + line);
        PurgeReport.Builder report = new PurgeReport.Builder();
        report.zoneId = settings.zoneId();
        report.target = settings.target().name().toLowerCase(Locale.ROOT);
        report.dryRun = settings.dryRun();

        PurgePlan plan;
        try {
            plan = plan(settings, changes, report, out);
        } catch (InvalidSettingException e) {
            throw PurgeSettings.invalid(
                    settings.caller(), settings.target().name().toLowerCase(Locale.ROOT), e.getMessage());
        }
        PurgeScope scope = plan.scope().orElse(null);
        List<RefusedFile> refused = plan.refusedNotPurged();
        report.refusedFiles = refused.size();
        report.mode = plan.mode().name().toLowerCase(Locale.ROOT);
        report.fallbackReason = plan.fallbackReason().orElse("");
        report.changedFiles = plan.changedFileCount();
        report.total = scope == null ? 0 : scope.size();
        int expectedRequests = scope == null ? 0 : expectedRequests(scope, limits);

        out.accept(header(settings, plan, scope, expectedRequests));
        if (settings.dryRun()) {
            plan.describe(Integer.MAX_VALUE).forEach(out);
            List<String> items = describeItems(scope);
            if (!items.isEmpty()) {
                out.accept("Would purge:");
                items.forEach(item -> out.accept("  " + item));
            }
            report.items = items;
            report.requests = expectedRequests;
            report.notPurged = refused.size();
            report.failures = refusalFailures(refused);
            report.verdict = refusedVerdict(scope, refused);
            report.summary = (scope == null
                            ? "Dry run: nothing would be purged"
                            : "Dry run: would purge " + count(scope) + " in " + plural(expectedRequests, "request"))
                    + (refused.isEmpty()
                            ? ""
                            : "; " + plural(refused.size(), "changed file") + (refused.size() == 1 ? " is" : " are")
                                    + " refused and would not be purged")
                    + "; nothing was sent to Cloudflare.";
            return finish(report, settings, started, true, out);
        }
        report.fallbackReason.lines().forEach(out);
        printRefused(refused, out);
        if (scope == null) {
            report.notPurged = refused.size();
            report.failures = refusalFailures(refused);
            report.verdict = refusedVerdict(null, refused);
            if (!refused.isEmpty()) {
                report.summary = "Nothing purged: " + plural(refused.size(), "changed file")
                        + " could not be turned into URLs (see above), so their pages may be stale.";
            } else {
                report.summary = "Nothing to purge"
                        + (plan.fallbackReason().isPresent()
                                ? "."
                                : ": no changed file is published under the URL prefixes.");
            }
            return finish(report, settings, started, true, out);
        }
        PurgeResult result = executors.create(limits).execute(settings.zoneId(), scope, new ConsoleProgress(console));
        report.verdict = refused.isEmpty() || result.verdict() != Verdict.SUCCESS ? result.verdict() : Verdict.PARTIAL;
        report.purged = result.purged().size();
        report.notPurged = result.notPurged().size() + refused.size();
        report.requests = result.requestsSent();
        report.retries = result.retries();
        report.requestIds = result.requestIds();
        report.items = describe(result.purged(), PurgeReport.MAX_LISTED);
        List<PurgeReport.Failure> failures = new ArrayList<>(refusalFailures(refused));
        failures.addAll(failures(result.notPurged()));
        report.failures = failures;
        report.summary = ConsoleProgress.summary(result);
        if (!refused.isEmpty()) {
            String line = plural(refused.size(), "changed file") + " could not be turned into URLs (see above) and "
                    + (refused.size() == 1 ? "was" : "were") + " not purged.";
            out.accept(line);
            report.summary = report.summary + " " + line;
        }
        return finish(report, settings, started, false, out);
    }

    /** How many refused files a run lists in the console before it says how many more there are. */
    static final int MAX_REFUSED_LINES = 100;

    private static void printRefused(List<RefusedFile> refused, Consumer<String> out) {
        for (int i = 0; i < Math.min(refused.size(), MAX_REFUSED_LINES); i++) {
            RefusedFile file = refused.get(i);
            out.accept("Not purged: " + file.reason());
        }
        if (refused.size() > MAX_REFUSED_LINES) {
            out.accept(String.format(Locale.ROOT, "… and %,d more refused files", refused.size() - MAX_REFUSED_LINES));
        }
    }

    /** Nothing refused is a success; otherwise incomplete, or a failure when nothing else is purged. */
    private static Verdict refusedVerdict(@CheckForNull PurgeScope scope, List<RefusedFile> refused) {
        if (refused.isEmpty()) {
            return Verdict.SUCCESS;
        }
        return scope == null ? Verdict.FAILED : Verdict.PARTIAL;
    }

    /** One failure per refused file: each has its own reason, which names it. */
    private static List<PurgeReport.Failure> refusalFailures(List<RefusedFile> refused) {
        List<PurgeReport.Failure> failures = new ArrayList<>();
        for (RefusedFile file : refused) {
            if (failures.size() == PurgeReport.MAX_LISTED) {
                break;
            }
            failures.add(new PurgeReport.Failure(file.reason(), 1, List.of(file.printablePath())));
        }
        return failures;
    }

    private PurgePlan plan(
            PurgeSettings settings,
            @CheckForNull Supplier<ChangeHistory.Collected> changes,
            PurgeReport.Builder report,
            Consumer<String> out) {
        return switch (settings.target()) {
            case CHANGES -> {
                if (changes == null) {
                    throw new IllegalStateException("a purge of the changes is given them");
                }
                ChangeHistory.Collected collected = changes.get();
                collected.notes().forEach(out);
                report.runsIncluded = collected.runsIncluded();
                PlannerSettings planner = settings.planner()
                        .orElseThrow(() -> new IllegalStateException("a purge of the changes has planner settings"));
                yield this.planner.plan(collected.files(), collected.available(), planner);
            }
            case PATHS ->
                settings.planner().isPresent()
                        ? planner.planPaths(
                                settings.values(), settings.planner().get())
                        : planner.planExplicit(PurgeScope.Kind.URLS, settings.values());
            case EVERYTHING -> planner.planEverything();
            case TAGS -> planner.planExplicit(PurgeScope.Kind.TAGS, settings.values());
            case HOSTS -> planner.planExplicit(PurgeScope.Kind.HOSTS, settings.values());
            case PREFIXES -> planner.planExplicit(PurgeScope.Kind.PREFIXES, settings.values());
        };
    }

    private static PurgeReport finish(
            PurgeReport.Builder report,
            PurgeSettings settings,
            long started,
            boolean printSummary,
            Consumer<String> out) {
        report.outcome = settings.failurePolicy().outcome(report.verdict);
        report.durationMillis = (System.nanoTime() - started) / 1_000_000;
        if (printSummary) {
            out.accept(report.summary);
        }
        // Refused files are refused again by every later run: "run it again" is no advice for them.
        String policy = settings.failurePolicy()
                .consoleLine(report.verdict, report.refusedFiles > 0 && report.notPurged == report.refusedFiles);
        if (policy != null) {
            out.accept(policy);
        }
        return report.build();
    }

    /** The header line: zone, mode, changed files, items and requests. */
    static String header(PurgeSettings settings, PurgePlan plan, @CheckForNull PurgeScope scope, int requests) {
        StringBuilder line = new StringBuilder(settings.dryRun() ? "Dry run for zone " : "Zone ")
                .append(settings.zoneId())
                .append(": ");
        line.append(
                switch (plan.mode()) {
                    case SKIP -> "nothing to purge";
                    case EVERYTHING -> "purge everything";
                    default -> "purge " + plan.mode().name().toLowerCase(Locale.ROOT);
                });
        if (settings.target() == PurgeSettings.Target.CHANGES || settings.target() == PurgeSettings.Target.PATHS) {
            line.append(", ")
                    .append(plural(
                            plan.changedFileCount(),
                            settings.target() == PurgeSettings.Target.CHANGES ? "changed file" : "path"));
            if (!plan.refused().isEmpty()) {
                line.append(" (").append(number(plan.refused().size())).append(" refused)");
            }
        }
        if (scope != null && scope.kind() != PurgeScope.Kind.EVERYTHING) {
            line.append(", ").append(count(scope));
        }
        line.append(", ").append(plural(requests, "request")).append('.');
        return line.toString();
    }

    static int expectedRequests(PurgeScope scope, PurgeLimits limits) {
        int per =
                switch (scope.kind()) {
                    case EVERYTHING -> 1;
                    case URLS -> limits.urlsPerRequest();
                    default -> limits.valuesPerRequest();
                };
        return (scope.size() + per - 1) / per;
    }

    private static List<String> describeItems(@CheckForNull PurgeScope scope) {
        if (scope == null) {
            return List.of();
        }
        if (scope.kind() == PurgeScope.Kind.EVERYTHING) {
            return List.of("everything in the zone");
        }
        return describe(scope.items(), Integer.MAX_VALUE);
    }

    private static List<String> describe(List<PurgeItem> items, int max) {
        List<String> lines = new ArrayList<>(Math.min(items.size(), max));
        for (PurgeItem item : items) {
            if (lines.size() == max) {
                break;
            }
            lines.add(describe(item));
        }
        return lines;
    }

    /** An item as a line: the value, then its cache-key headers as {@code [Name: value; …]}. */
    static String describe(PurgeItem item) {
        if (!item.hasHeaders()) {
            return item.value();
        }
        List<String> headers = new ArrayList<>();
        item.headers().forEach((name, value) -> headers.add(name + ": " + value));
        return item.value() + " [" + String.join("; ", headers) + "]";
    }

    private static List<PurgeReport.Failure> failures(List<NotPurged> notPurged) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int listed = 0;
        for (NotPurged n : notPurged) {
            List<String> items = byReason.computeIfAbsent(n.reason(), r -> new ArrayList<>());
            counts.merge(n.reason(), 1, Integer::sum);
            if (listed < PurgeReport.MAX_LISTED) {
                items.add(describe(n.item()));
                listed++;
            }
        }
        List<PurgeReport.Failure> failures = new ArrayList<>();
        byReason.forEach((reason, items) -> failures.add(new PurgeReport.Failure(reason, counts.get(reason), items)));
        return failures;
    }

    private static String count(PurgeScope scope) {
        return scope.kind() == PurgeScope.Kind.EVERYTHING
                ? "everything"
                : ConsoleProgress.count(scope.size(), scope.kind());
    }

    private static String plural(int n, String noun) {
        return ConsoleProgress.plural(n, noun);
    }

    private static String number(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

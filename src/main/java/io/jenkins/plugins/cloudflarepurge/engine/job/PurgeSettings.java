package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.client.PurgeInputs;
import io.jenkins.plugins.cloudflarepurge.engine.planning.FallbackPolicy;
import io.jenkins.plugins.cloudflarepurge.engine.planning.InvalidSettingException;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PurgePlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one purge: a job's arguments over the global defaults, checked. Every problem is an
 * {@link InvalidInputException} whose field is the argument's name and whose message starts with the caller and
 * the argument, as in {@code cloudflarePurge: zoneId: 'example.com' looks like a zone name …}, so a user finds
 * what to change in their script or form.
 */
public final class PurgeSettings {

    /** What the purge works from. */
    public enum Target {
        /** The changed files since the last successful purge (the default). */
        CHANGES(null),
        /** Paths or URLs given explicitly. */
        PATHS(PurgeArguments.PATHS),
        /** The whole zone. */
        EVERYTHING(PurgeArguments.PURGE_EVERYTHING),
        TAGS(PurgeArguments.TAGS),
        HOSTS(PurgeArguments.HOSTS),
        PREFIXES(PurgeArguments.PREFIXES);

        @CheckForNull
        private final String argument;

        Target(@CheckForNull String argument) {
            this.argument = argument;
        }
    }

    private final String caller;
    private final String credentialsId;
    private final String zoneId;
    private final Target target;
    private final List<String> values;

    @CheckForNull
    private final PlannerSettings planner;

    @CheckForNull
    private final String siteDirectory;

    @CheckForNull
    private final String repository;

    private final boolean dryRun;
    private final FailurePolicy failurePolicy;

    private PurgeSettings(
            String caller,
            String credentialsId,
            String zoneId,
            Target target,
            List<String> values,
            @CheckForNull PlannerSettings planner,
            @CheckForNull String siteDirectory,
            @CheckForNull String repository,
            boolean dryRun,
            FailurePolicy failurePolicy) {
        this.caller = caller;
        this.credentialsId = credentialsId;
        this.zoneId = zoneId;
        this.target = target;
        this.values = List.copyOf(values);
        this.planner = planner;
        this.siteDirectory = siteDirectory;
        this.repository = repository;
        this.dryRun = dryRun;
        this.failurePolicy = failurePolicy;
    }

    /**
     * Merges and checks.
     *
     * @param caller how the user knows the caller, for messages: {@code cloudflarePurge} for the step
     * @param args the job's arguments
     * @param defaultCredentialsId the global default credential ID, blank for none
     * @param defaultZoneId the global default zone ID, blank for none
     * @param defaultUrlPrefixes the global default URL prefixes, blank for none; used only with the global zone
     * @throws InvalidInputException for the first problem, naming the argument
     */
    public static PurgeSettings resolve(
            String caller,
            PurgeArguments args,
            @CheckForNull String defaultCredentialsId,
            @CheckForNull String defaultZoneId,
            @CheckForNull String defaultUrlPrefixes) {
        boolean dryRun = args.isDryRun();
        FailurePolicy policy = argument(
                caller,
                PurgeArguments.ON_FAILURE,
                () -> FailurePolicy.parse(PurgeArguments.ON_FAILURE, args.getOnFailure()));

        String credentialsId = firstNonBlank(args.getCredentialsId(), defaultCredentialsId);
        if (credentialsId.isEmpty() && !dryRun) {
            throw invalid(
                    caller,
                    PurgeArguments.CREDENTIALS_ID,
                    "no credential is set: give the ID of a Secret text credential holding the Cloudflare API token, or set a default under Manage Jenkins > System > Cloudflare cache purge");
        }

        boolean zoneFromJob = !blank(args.getZoneId());
        String rawZone = firstNonBlank(args.getZoneId(), defaultZoneId);
        if (rawZone.isEmpty()) {
            throw invalid(
                    caller,
                    PurgeArguments.ZONE_ID,
                    "no zone ID is set: copy it from the zone's Overview page in the Cloudflare dashboard, or set a default under Manage Jenkins > System > Cloudflare cache purge");
        }
        Optional<String> zoneProblem = PurgeInputs.zoneIdProblem(rawZone);
        if (zoneProblem.isPresent()) {
            throw invalid(caller, PurgeArguments.ZONE_ID, zoneProblem.get());
        }
        String zoneId = PurgeInputs.checkZoneId(rawZone);
        boolean otherZone = zoneFromJob && !blank(defaultZoneId) && !zoneId.equalsIgnoreCase(defaultZoneId.strip());

        Map<Target, List<String>> explicit = new LinkedHashMap<>();
        if (args.isPurgeEverything()) {
            explicit.put(Target.EVERYTHING, List.of());
        }
        putIfGiven(explicit, Target.TAGS, values(args.getTags(), true));
        putIfGiven(explicit, Target.HOSTS, values(args.getHosts(), false));
        putIfGiven(explicit, Target.PREFIXES, values(args.getPrefixes(), false));
        putIfGiven(explicit, Target.PATHS, lines(args.getPaths()));
        if (explicit.size() > 1) {
            List<String> names = new ArrayList<>();
            explicit.keySet().forEach(t -> names.add(t.argument));
            throw invalid(
                    caller,
                    names.get(1),
                    "give only one of purgeEverything, tags, hosts, prefixes and paths, not "
                            + String.join(" and ", names)
                            + ": Cloudflare takes one kind of purge per request; use the step once per kind");
        }
        Target target = explicit.isEmpty()
                ? Target.CHANGES
                : explicit.keySet().iterator().next();
        List<String> values = explicit.getOrDefault(target, List.of());

        String siteDirectory = stripped(args.getSiteDirectory());
        String repository = stripped(args.getRepository());
        if (siteDirectory != null) {
            checkSiteDirectory(caller, siteDirectory, args, target);
        }
        if (repository != null) {
            if (target != Target.CHANGES) {
                throw invalid(
                        caller,
                        PurgeArguments.REPOSITORY,
                        "it picks the repository whose changelog is purged, so it cannot be combined with "
                                + target.argument + ", which names what to purge; remove one of the two");
            }
            if (siteDirectory != null) {
                throw invalid(
                        caller,
                        PurgeArguments.REPOSITORY,
                        "with siteDirectory the changes are read from the published files, not from a changelog; "
                                + "remove repository or siteDirectory");
            }
        }

        PurgePlanner planner = new PurgePlanner();
        switch (target) {
            case TAGS, HOSTS, PREFIXES ->
                argument(
                        caller,
                        Objects.requireNonNull(target.argument),
                        () -> planner.planExplicit(PurgeScope.Kind.valueOf(target.name()), values));
            default -> {}
        }

        List<String> prefixes = values(args.getUrlPrefixes(), false);
        if (prefixes.isEmpty() && !otherZone) {
            prefixes = values(defaultUrlPrefixes, false);
        }
        boolean needsPrefixes = target == Target.CHANGES
                || (target == Target.PATHS && values.stream().anyMatch(v -> !hasScheme(v)));
        PlannerSettings plannerSettings = null;
        if (needsPrefixes) {
            if (prefixes.isEmpty()) {
                throw invalid(
                        caller,
                        PurgeArguments.URL_PREFIXES,
                        otherZone
                                ? "no URL prefix is set for zone " + zoneId
                                        + ": the global URL prefixes belong to the global zone, so give this zone's public URL, such as https://www.example.com"
                                : "no URL prefix is set: give the public URL the site is served at, such as https://www.example.com, or set a default under Manage Jenkins");
            }
            plannerSettings = plannerSettings(caller, args, prefixes);
        } else if (!prefixes.isEmpty() && target == Target.PATHS) {
            plannerSettings = plannerSettings(caller, args, prefixes);
        }
        if (target == Target.PATHS && plannerSettings != null) {
            PlannerSettings checked = plannerSettings;
            argument(caller, PurgeArguments.PATHS, () -> planner.planPaths(values, checked));
        } else if (target == Target.PATHS) {
            argument(caller, PurgeArguments.PATHS, () -> planner.planExplicit(PurgeScope.Kind.URLS, values));
        }
        return new PurgeSettings(
                caller,
                credentialsId,
                zoneId,
                target,
                values,
                plannerSettings,
                siteDirectory,
                repository,
                dryRun,
                policy);
    }

    /** A workspace-relative folder, for purging the changes only, without sourceRoot. */
    private static void checkSiteDirectory(String caller, String siteDirectory, PurgeArguments args, Target target) {
        String arg = PurgeArguments.SITE_DIRECTORY;
        if (target != Target.CHANGES) {
            throw invalid(
                    caller,
                    arg,
                    "it purges the files that changed under that folder, so it cannot be combined with "
                            + target.argument + ", which names what to purge; remove one of the two");
        }
        if (!blank(args.getSourceRoot())) {
            throw invalid(
                    caller,
                    arg,
                    "give siteDirectory or sourceRoot, not both: with siteDirectory the paths are already relative "
                            + "to the published site, so remove sourceRoot");
        }
        check(caller, arg, checkSiteDirectory(siteDirectory));
    }

    /**
     * The problem with a site directory's path, if it has one: it must name one folder inside the workspace.
     * Blank is no problem (the argument is not given).
     */
    public static Optional<String> checkSiteDirectory(@CheckForNull String siteDirectory) {
        if (siteDirectory == null || siteDirectory.isBlank()) {
            return Optional.empty();
        }
        String folder = siteDirectory.strip();
        if (folder.startsWith("/")
                || folder.startsWith("\\")
                || folder.matches("(?s)[A-Za-z]:.*")
                || folder.startsWith("~")) {
            return Optional.of("'" + folder + "' is not relative to the workspace: give the folder the site is built "
                    + "into, as the build sees it from the workspace, such as public or dist/site");
        }
        for (String segment : folder.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return Optional.of("'" + folder + "' leaves the workspace with '..': give a folder inside the "
                        + "workspace, such as public or dist/site");
            }
            if (segment.contains("*") || segment.contains("?")) {
                return Optional.of("'" + folder + "' is a pattern: give the one folder the site is built into, and "
                        + "use includes and excludes to pick files");
            }
        }
        return Optional.empty();
    }

    private static PlannerSettings plannerSettings(String caller, PurgeArguments args, List<String> prefixes) {
        for (String prefix : prefixes) {
            PlannerSettings.checkPrefix(prefix).ifPresent(problem -> {
                throw invalid(caller, PurgeArguments.URL_PREFIXES, problem);
            });
        }
        check(caller, PurgeArguments.SOURCE_ROOT, PlannerSettings.checkSourceRoot(args.getSourceRoot()));
        check(caller, PurgeArguments.INCLUDES, PlannerSettings.checkPatterns(args.getIncludes(), args.getSourceRoot()));
        check(caller, PurgeArguments.EXCLUDES, PlannerSettings.checkPatterns(args.getExcludes(), args.getSourceRoot()));
        check(caller, PurgeArguments.INDEX_DOCUMENTS, PlannerSettings.checkIndexDocuments(args.getIndexDocuments()));
        List<String> extras = lines(args.getExtraUrls());
        for (String extra : extras) {
            check(caller, PurgeArguments.EXTRA_URLS, PlannerSettings.checkExtraPath(extra));
        }
        List<Map<String, String>> variants =
                argument(caller, PurgeArguments.VARIANTS, () -> Variants.parse(args.getVariants()));
        check(caller, PurgeArguments.MAX_URLS, PlannerSettings.checkMaxUrls(args.getMaxUrls()));
        FallbackPolicy fallback = argument(caller, PurgeArguments.FALLBACK, () -> parseFallback(args.getFallback()));
        return argument(
                caller,
                PurgeArguments.URL_PREFIXES,
                () -> PlannerSettings.builder()
                        .prefixes(prefixes)
                        .sourceRoot(args.getSourceRoot())
                        .includes(args.getIncludes())
                        .excludes(args.getExcludes())
                        .indexDocuments(args.getIndexDocuments())
                        .purgeDirectoryWithoutSlash(args.isPurgeDirectoryWithoutSlash())
                        .extraPaths(extras)
                        .variants(variants)
                        .maxUrls(args.getMaxUrls())
                        .tooManyUrlsFallback(fallback)
                        .noChangesetFallback(fallback)
                        .build());
    }

    /** {@code everything}, {@code hosts}, {@code prefixes} or {@code skip} in any case; blank for {@code everything}. */
    public static FallbackPolicy parseFallback(@CheckForNull String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            return FallbackPolicy.EVERYTHING;
        }
        for (FallbackPolicy policy : FallbackPolicy.values()) {
            if (policy.name().equalsIgnoreCase(text)) {
                return policy;
            }
        }
        throw new InvalidInputException(
                PurgeArguments.FALLBACK,
                "'" + text + "' is not a fallback: use 'everything', 'hosts', 'prefixes' or 'skip'");
    }

    // ---- helpers ----

    private interface Check<T> {
        T get();
    }

    /** Runs a check, turning its exception into one that names the argument and the caller. */
    private static <T> T argument(String caller, String argument, Check<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException | InvalidSettingException e) {
            throw invalid(caller, argument, e.getMessage());
        }
    }

    private static void check(String caller, String argument, Optional<String> problem) {
        if (problem.isPresent()) {
            throw invalid(caller, argument, problem.get());
        }
    }

    static InvalidInputException invalid(String caller, String argument, String problem) {
        return new InvalidInputException(argument, caller + ": " + argument + ": " + problem);
    }

    private static void putIfGiven(Map<Target, List<String>> explicit, Target target, List<String> values) {
        if (!values.isEmpty()) {
            explicit.put(target, values);
        }
    }

    /** The text without surrounding blanks; null when there is none. */
    @CheckForNull
    private static String stripped(@CheckForNull String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean blank(@CheckForNull String s) {
        return s == null || s.isBlank();
    }

    private static String firstNonBlank(@CheckForNull String first, @CheckForNull String second) {
        return !blank(first) ? first.strip() : blank(second) ? "" : second.strip();
    }

    private static boolean hasScheme(String value) {
        return value.strip().toLowerCase(Locale.ROOT).matches("[a-z][a-z0-9+.-]*://.*");
    }

    /** The non-blank lines of a text, trimmed: for paths and URLs, which may contain commas and spaces. */
    public static List<String> lines(@CheckForNull String text) {
        return PlannerSettings.lines(text);
    }

    /**
     * The values of a text, separated by new lines or commas, and also by spaces unless {@code spacesAllowed}
     * (tags may contain spaces; URL prefixes, hosts and prefixes cannot).
     */
    public static List<String> values(@CheckForNull String text, boolean spacesAllowed) {
        List<String> values = new ArrayList<>();
        if (text != null) {
            for (String piece : text.split(spacesAllowed ? "[,\\r\\n]+" : "[,\\s]+")) {
                String value = piece.strip();
                if (!value.isEmpty() && !values.contains(value)) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    // ---- accessors ----

    /** How messages name the caller, e.g. {@code cloudflarePurge}. */
    public String caller() {
        return caller;
    }

    /** The credential's ID; empty only in a dry run without one. */
    public String credentialsId() {
        return credentialsId;
    }

    /** The zone ID, lower case. */
    public String zoneId() {
        return zoneId;
    }

    public Target target() {
        return target;
    }

    /** The tags, hosts, prefixes or paths given explicitly; empty for the changes and for everything. */
    public List<String> values() {
        return values;
    }

    /** The planner's settings; empty when the target needs no URL prefix and none was given. */
    public Optional<PlannerSettings> planner() {
        return Optional.ofNullable(planner);
    }

    /** The workspace-relative folder of the published site; when present, the changes are read from its files. */
    public Optional<String> siteDirectory() {
        return Optional.ofNullable(siteDirectory);
    }

    /** The repository filter for the changelogs; empty for every repository but shared libraries. */
    public Optional<String> repository() {
        return Optional.ofNullable(repository);
    }

    /** The normalised URL prefixes the planner works with; empty when the purge needs none. */
    public List<String> urlPrefixes() {
        List<String> prefixes = new ArrayList<>();
        if (planner != null) {
            planner.prefixes().forEach(p -> prefixes.add(p.toString()));
        }
        return prefixes;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }
}

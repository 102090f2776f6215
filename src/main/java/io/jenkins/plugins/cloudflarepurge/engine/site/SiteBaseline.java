package io.jenkins.plugins.cloudflarepurge.engine.site;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.planning.InvalidSettingException;
import io.jenkins.plugins.cloudflarepurge.engine.planning.UrlPrefix;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses the manifest to compare the site directory with: the one stored by the <strong>last successful purge of
 * the site's changes for the same zone and the same URL prefixes</strong>. A purge that failed or partly failed never
 * replaces it, so that what it did not purge is compared again, and purged, next time. An older success behind the
 * last one is never used in its place: a file changed and changed back since then would be missed (the cache may
 * hold the version between), so when the last one's manifest is gone there is no baseline at all.
 */
public final class SiteBaseline {

    private SiteBaseline() {}

    /** Reads a purge's stored manifest; empty when it is gone (the build was deleted, or its file removed). */
    @FunctionalInterface
    public interface StoredManifest {
        Optional<SiteManifest> load() throws IOException;
    }

    /**
     * A purge that an earlier run made, as the glue recorded it.
     *
     * @param run the run's name for the console, e.g. {@code #41}
     * @param zoneId the zone purged
     * @param urlPrefixes the URL prefixes it purged under (order and a trailing slash do not matter)
     * @param siteChangesPurged whether it purged the site directory's changes (or, as the fallback, everything)
     *     completely, with nothing failed or left out; a dry run, a failed or partial purge, and a purge of tags,
     *     hosts, prefixes or explicit paths are {@code false}
     * @param manifest its stored manifest, read only if this purge is the one chosen
     */
    public record EarlierPurge(
            String run, String zoneId, List<String> urlPrefixes, boolean siteChangesPurged, StoredManifest manifest) {

        public EarlierPurge {
            urlPrefixes = List.copyOf(urlPrefixes);
        }
    }

    /**
     * The baseline chosen, or why there is none.
     *
     * @param manifest the manifest to pass to {@link SiteManifest#changesSince}; {@code null} when there is none, and
     *     the no-changeset fallback applies
     * @param run the run whose purge stored it, or that should have ({@code null} if no purge matched)
     * @param note one console line that says which baseline is used, or why there is none
     */
    public record Choice(
            @CheckForNull SiteManifest manifest,
            @CheckForNull String run,
            String note) {

        /** Whether there is a baseline. */
        public boolean found() {
            return manifest != null;
        }
    }

    /**
     * @param zoneId the zone being purged now
     * @param urlPrefixes the URL prefixes being purged now
     * @param newestFirst earlier purges of this job, the newest first (a run's last purge first); iterated only up to
     *     the first match
     */
    public static Choice choose(
            String zoneId, Collection<String> urlPrefixes, Iterable<? extends EarlierPurge> newestFirst) {
        Set<String> prefixes = normalised(urlPrefixes);
        String what = "zone " + zoneId + " with the URL prefixes " + String.join(", ", prefixes);
        for (EarlierPurge purge : newestFirst) {
            if (!purge.siteChangesPurged()
                    || !purge.zoneId().equals(zoneId)
                    || !normalised(purge.urlPrefixes()).equals(prefixes)) {
                continue;
            }
            Optional<SiteManifest> manifest;
            try {
                manifest = purge.manifest().load();
            } catch (IOException e) {
                return new Choice(
                        null,
                        purge.run(),
                        "The last successful purge of " + what + " was " + purge.run() + ", but its list of published"
                                + " files cannot be read (" + e.getMessage() + "), so the changes since then are not"
                                + " known.");
            }
            if (manifest.isEmpty()) {
                return new Choice(
                        null,
                        purge.run(),
                        "The last successful purge of " + what + " was " + purge.run() + ", but its list of published"
                                + " files is gone (the build that held it was deleted), so the changes since then are"
                                + " not known.");
            }
            return new Choice(
                    manifest.get(),
                    purge.run(),
                    "Comparing the site directory with the " + manifest.get().size() + " files published at the last"
                            + " successful purge of " + what + " (" + purge.run() + ").");
        }
        return new Choice(
                null,
                null,
                "No earlier successful purge of " + what + " by this job, so the changes since then are not known.");
    }

    /** A prefix in one spelling ({@code https://Example.org/site/} is {@code https://example.org/site}). */
    private static Set<String> normalised(Collection<String> prefixes) {
        Set<String> out = new TreeSet<>();
        for (String prefix : prefixes) {
            try {
                out.add(UrlPrefix.parse(prefix).toString());
            } catch (InvalidSettingException e) {
                out.add(prefix.trim()); // not this class's to refuse: compared as written
            }
        }
        return out;
    }
}

package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import java.io.Serializable;
import java.util.Objects;

/**
 * The arguments of one purge as a job gives them, unvalidated: the Pipeline step's named arguments and the
 * post-build action's fields are the same, and both keep an instance of this class. Unset text is null or blank;
 * {@link PurgeSettings#resolve} merges it over the global defaults and checks it. The argument names are the
 * step's, so that messages name what the user wrote.
 */
public final class PurgeArguments implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String CREDENTIALS_ID = "credentialsId";
    public static final String ZONE_ID = "zoneId";
    public static final String URL_PREFIXES = "urlPrefixes";
    public static final String PURGE_EVERYTHING = "purgeEverything";
    public static final String SOURCE_ROOT = "sourceRoot";
    public static final String SITE_DIRECTORY = "siteDirectory";
    public static final String REPOSITORY = "repository";
    public static final String INCLUDES = "includes";
    public static final String EXCLUDES = "excludes";
    public static final String INDEX_DOCUMENTS = "indexDocuments";
    public static final String PURGE_DIRECTORY_WITHOUT_SLASH = "purgeDirectoryWithoutSlash";
    public static final String EXTRA_URLS = "extraUrls";
    public static final String VARIANTS = "variants";
    public static final String TAGS = "tags";
    public static final String HOSTS = "hosts";
    public static final String PREFIXES = "prefixes";
    public static final String PATHS = "paths";
    public static final String MAX_URLS = "maxUrls";
    public static final String FALLBACK = "fallback";
    public static final String DRY_RUN = "dryRun";
    public static final String ON_FAILURE = "onFailure";

    public static final String DEFAULT_FALLBACK = "everything";

    @CheckForNull
    private String credentialsId;

    @CheckForNull
    private String zoneId;

    @CheckForNull
    private String urlPrefixes;

    private boolean purgeEverything;

    @CheckForNull
    private String sourceRoot;

    @CheckForNull
    private String siteDirectory;

    @CheckForNull
    private String repository;

    @CheckForNull
    private String includes;

    @CheckForNull
    private String excludes;

    @CheckForNull
    private String indexDocuments = PlannerSettings.DEFAULT_INDEX_DOCUMENTS;

    private boolean purgeDirectoryWithoutSlash;

    @CheckForNull
    private String extraUrls;

    @CheckForNull
    private String variants;

    @CheckForNull
    private String tags;

    @CheckForNull
    private String hosts;

    @CheckForNull
    private String prefixes;

    @CheckForNull
    private String paths;

    private int maxUrls = PlannerSettings.DEFAULT_MAX_URLS;

    @CheckForNull
    private String fallback = DEFAULT_FALLBACK;

    private boolean dryRun;

    @CheckForNull
    private String onFailure = FailurePolicy.DEFAULT.argument();

    /** The ID of a Secret text credential holding the API token; blank for the global default. */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    public PurgeArguments setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = credentialsId;
        return this;
    }

    @CheckForNull
    public String getZoneId() {
        return zoneId;
    }

    public PurgeArguments setZoneId(@CheckForNull String zoneId) {
        this.zoneId = zoneId;
        return this;
    }

    /** Public URL prefixes, one per line (commas and spaces also separate them). */
    @CheckForNull
    public String getUrlPrefixes() {
        return urlPrefixes;
    }

    public PurgeArguments setUrlPrefixes(@CheckForNull String urlPrefixes) {
        this.urlPrefixes = urlPrefixes;
        return this;
    }

    public boolean isPurgeEverything() {
        return purgeEverything;
    }

    public PurgeArguments setPurgeEverything(boolean purgeEverything) {
        this.purgeEverything = purgeEverything;
        return this;
    }

    @CheckForNull
    public String getSourceRoot() {
        return sourceRoot;
    }

    public PurgeArguments setSourceRoot(@CheckForNull String sourceRoot) {
        this.sourceRoot = sourceRoot;
        return this;
    }

    /**
     * The workspace folder holding the published site ({@code public}); when set, the changes are the files whose
     * content differs from the last successful purge's, not the SCM changelog's.
     */
    @CheckForNull
    public String getSiteDirectory() {
        return siteDirectory;
    }

    public PurgeArguments setSiteDirectory(@CheckForNull String siteDirectory) {
        this.siteDirectory = siteDirectory;
        return this;
    }

    /**
     * The repository whose changelog is purged, when a run checks out several: matched against the SCM's key or
     * remote URL ({@link ScmChanges#repositoryMatches}); blank for every repository but shared libraries.
     */
    @CheckForNull
    public String getRepository() {
        return repository;
    }

    public PurgeArguments setRepository(@CheckForNull String repository) {
        this.repository = repository;
        return this;
    }

    @CheckForNull
    public String getIncludes() {
        return includes;
    }

    public PurgeArguments setIncludes(@CheckForNull String includes) {
        this.includes = includes;
        return this;
    }

    @CheckForNull
    public String getExcludes() {
        return excludes;
    }

    public PurgeArguments setExcludes(@CheckForNull String excludes) {
        this.excludes = excludes;
        return this;
    }

    /** Index document names, comma-separated; {@code index.html} unless set, blank for none. */
    @CheckForNull
    public String getIndexDocuments() {
        return indexDocuments;
    }

    public PurgeArguments setIndexDocuments(@CheckForNull String indexDocuments) {
        this.indexDocuments = indexDocuments;
        return this;
    }

    public boolean isPurgeDirectoryWithoutSlash() {
        return purgeDirectoryWithoutSlash;
    }

    public PurgeArguments setPurgeDirectoryWithoutSlash(boolean purgeDirectoryWithoutSlash) {
        this.purgeDirectoryWithoutSlash = purgeDirectoryWithoutSlash;
        return this;
    }

    /** Paths ({@code /sitemap.xml}) or absolute URLs purged on every run, one per line. */
    @CheckForNull
    public String getExtraUrls() {
        return extraUrls;
    }

    public PurgeArguments setExtraUrls(@CheckForNull String extraUrls) {
        this.extraUrls = extraUrls;
        return this;
    }

    /** Cache-key variants, one per line, headers separated by {@code ;}: {@code CF-Device-Type: mobile}. */
    @CheckForNull
    public String getVariants() {
        return variants;
    }

    public PurgeArguments setVariants(@CheckForNull String variants) {
        this.variants = variants;
        return this;
    }

    @CheckForNull
    public String getTags() {
        return tags;
    }

    public PurgeArguments setTags(@CheckForNull String tags) {
        this.tags = tags;
        return this;
    }

    @CheckForNull
    public String getHosts() {
        return hosts;
    }

    public PurgeArguments setHosts(@CheckForNull String hosts) {
        this.hosts = hosts;
        return this;
    }

    /** Cloudflare prefix purges ({@code www.example.com/blog}), not to be confused with the URL prefixes. */
    @CheckForNull
    public String getPrefixes() {
        return prefixes;
    }

    public PurgeArguments setPrefixes(@CheckForNull String prefixes) {
        this.prefixes = prefixes;
        return this;
    }

    /** Paths or URLs to purge instead of the changeset, one per line. */
    @CheckForNull
    public String getPaths() {
        return paths;
    }

    public PurgeArguments setPaths(@CheckForNull String paths) {
        this.paths = paths;
        return this;
    }

    public int getMaxUrls() {
        return maxUrls;
    }

    public PurgeArguments setMaxUrls(int maxUrls) {
        this.maxUrls = maxUrls;
        return this;
    }

    /** {@code everything}, {@code hosts}, {@code prefixes} or {@code skip}. */
    @CheckForNull
    public String getFallback() {
        return fallback;
    }

    public PurgeArguments setFallback(@CheckForNull String fallback) {
        this.fallback = fallback;
        return this;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public PurgeArguments setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** {@code fail}, {@code unstable} or {@code warn}. */
    @CheckForNull
    public String getOnFailure() {
        return onFailure;
    }

    public PurgeArguments setOnFailure(@CheckForNull String onFailure) {
        this.onFailure = onFailure;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PurgeArguments a
                && purgeEverything == a.purgeEverything
                && purgeDirectoryWithoutSlash == a.purgeDirectoryWithoutSlash
                && maxUrls == a.maxUrls
                && dryRun == a.dryRun
                && Objects.equals(credentialsId, a.credentialsId)
                && Objects.equals(zoneId, a.zoneId)
                && Objects.equals(urlPrefixes, a.urlPrefixes)
                && Objects.equals(sourceRoot, a.sourceRoot)
                && Objects.equals(siteDirectory, a.siteDirectory)
                && Objects.equals(repository, a.repository)
                && Objects.equals(includes, a.includes)
                && Objects.equals(excludes, a.excludes)
                && Objects.equals(indexDocuments, a.indexDocuments)
                && Objects.equals(extraUrls, a.extraUrls)
                && Objects.equals(variants, a.variants)
                && Objects.equals(tags, a.tags)
                && Objects.equals(hosts, a.hosts)
                && Objects.equals(prefixes, a.prefixes)
                && Objects.equals(paths, a.paths)
                && Objects.equals(fallback, a.fallback)
                && Objects.equals(onFailure, a.onFailure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                credentialsId,
                zoneId,
                urlPrefixes,
                purgeEverything,
                sourceRoot,
                siteDirectory,
                repository,
                includes,
                excludes,
                indexDocuments,
                purgeDirectoryWithoutSlash,
                extraUrls,
                variants,
                tags,
                hosts,
                prefixes,
                paths,
                maxUrls,
                fallback,
                dryRun,
                onFailure);
    }

    /** The arguments by name, for messages and tests; the credential's ID is shown, never a secret (this class holds none). */
    @Override
    public String toString() {
        return "PurgeArguments[zoneId=" + zoneId + ", urlPrefixes=" + urlPrefixes + ", credentialsId=" + credentialsId
                + ", dryRun=" + dryRun + "]";
    }
}

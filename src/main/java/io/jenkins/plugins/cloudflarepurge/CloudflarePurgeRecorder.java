package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeArguments;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The freestyle post-build action: the same settings and the same execution as the {@code cloudflarePurge} step,
 * run after the build when its result is at least {@link #getResultThreshold()}. It has no {@code @Symbol}: the
 * step owns {@code cloudflarePurge}, and a second name for the same purge in Pipeline would only confuse.
 */
public final class CloudflarePurgeRecorder extends Recorder implements SimpleBuildStep {

    static final String DEFAULT_THRESHOLD = "SUCCESS";

    private PurgeArguments arguments = new PurgeArguments();

    @CheckForNull
    private String resultThreshold = DEFAULT_THRESHOLD;

    @DataBoundConstructor
    public CloudflarePurgeRecorder() {}

    @SuppressFBWarnings(
            value = "RCN_REDUNDANT_NULLCHECK_OF_NONNULL_VALUE",
            justification = "XStream skips field initializers: an old config.xml leaves it null")
    private Object readResolve() {
        if (arguments == null) {
            arguments = new PurgeArguments();
        }
        return this;
    }

    PurgeArguments arguments() {
        return arguments;
    }

    @CheckForNull
    public String getCredentialsId() {
        return arguments.getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        arguments.setCredentialsId(PurgeForms.text(credentialsId));
    }

    @CheckForNull
    public String getZoneId() {
        return arguments.getZoneId();
    }

    @DataBoundSetter
    public void setZoneId(@CheckForNull String zoneId) {
        arguments.setZoneId(PurgeForms.text(zoneId));
    }

    @CheckForNull
    public String getUrlPrefixes() {
        return arguments.getUrlPrefixes();
    }

    @DataBoundSetter
    public void setUrlPrefixes(@CheckForNull String urlPrefixes) {
        arguments.setUrlPrefixes(PurgeForms.text(urlPrefixes));
    }

    public boolean isPurgeEverything() {
        return arguments.isPurgeEverything();
    }

    @DataBoundSetter
    public void setPurgeEverything(boolean purgeEverything) {
        arguments.setPurgeEverything(purgeEverything);
    }

    @CheckForNull
    public String getSourceRoot() {
        return arguments.getSourceRoot();
    }

    @DataBoundSetter
    public void setSourceRoot(@CheckForNull String sourceRoot) {
        arguments.setSourceRoot(PurgeForms.text(sourceRoot));
    }

    /** The workspace folder of the published site; its files' content, not the changelog, says what changed. */
    @CheckForNull
    public String getSiteDirectory() {
        return arguments.getSiteDirectory();
    }

    @DataBoundSetter
    public void setSiteDirectory(@CheckForNull String siteDirectory) {
        arguments.setSiteDirectory(PurgeForms.text(siteDirectory));
    }

    /** The repository whose changelog is purged, when the run checks out several. */
    @CheckForNull
    public String getRepository() {
        return arguments.getRepository();
    }

    @DataBoundSetter
    public void setRepository(@CheckForNull String repository) {
        arguments.setRepository(PurgeForms.text(repository));
    }

    @CheckForNull
    public String getIncludes() {
        return arguments.getIncludes();
    }

    @DataBoundSetter
    public void setIncludes(@CheckForNull String includes) {
        arguments.setIncludes(PurgeForms.text(includes));
    }

    @CheckForNull
    public String getExcludes() {
        return arguments.getExcludes();
    }

    @DataBoundSetter
    public void setExcludes(@CheckForNull String excludes) {
        arguments.setExcludes(PurgeForms.text(excludes));
    }

    @CheckForNull
    public String getIndexDocuments() {
        return arguments.getIndexDocuments();
    }

    @DataBoundSetter
    public void setIndexDocuments(@CheckForNull String indexDocuments) {
        arguments.setIndexDocuments(indexDocuments);
    }

    public boolean isPurgeDirectoryWithoutSlash() {
        return arguments.isPurgeDirectoryWithoutSlash();
    }

    @DataBoundSetter
    public void setPurgeDirectoryWithoutSlash(boolean purgeDirectoryWithoutSlash) {
        arguments.setPurgeDirectoryWithoutSlash(purgeDirectoryWithoutSlash);
    }

    @CheckForNull
    public String getExtraUrls() {
        return arguments.getExtraUrls();
    }

    @DataBoundSetter
    public void setExtraUrls(@CheckForNull String extraUrls) {
        arguments.setExtraUrls(PurgeForms.text(extraUrls));
    }

    @CheckForNull
    public String getVariants() {
        return arguments.getVariants();
    }

    @DataBoundSetter
    public void setVariants(@CheckForNull String variants) {
        arguments.setVariants(PurgeForms.text(variants));
    }

    @CheckForNull
    public String getTags() {
        return arguments.getTags();
    }

    @DataBoundSetter
    public void setTags(@CheckForNull String tags) {
        arguments.setTags(PurgeForms.text(tags));
    }

    @CheckForNull
    public String getHosts() {
        return arguments.getHosts();
    }

    @DataBoundSetter
    public void setHosts(@CheckForNull String hosts) {
        arguments.setHosts(PurgeForms.text(hosts));
    }

    @CheckForNull
    public String getPrefixes() {
        return arguments.getPrefixes();
    }

    @DataBoundSetter
    public void setPrefixes(@CheckForNull String prefixes) {
        arguments.setPrefixes(PurgeForms.text(prefixes));
    }

    @CheckForNull
    public String getPaths() {
        return arguments.getPaths();
    }

    @DataBoundSetter
    public void setPaths(@CheckForNull String paths) {
        arguments.setPaths(PurgeForms.text(paths));
    }

    public int getMaxUrls() {
        return arguments.getMaxUrls();
    }

    @DataBoundSetter
    public void setMaxUrls(int maxUrls) {
        arguments.setMaxUrls(maxUrls);
    }

    @CheckForNull
    public String getFallback() {
        return arguments.getFallback();
    }

    @DataBoundSetter
    public void setFallback(@CheckForNull String fallback) {
        arguments.setFallback(PurgeForms.text(fallback));
    }

    public boolean isDryRun() {
        return arguments.isDryRun();
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        arguments.setDryRun(dryRun);
    }

    @CheckForNull
    public String getOnFailure() {
        return arguments.getOnFailure();
    }

    @DataBoundSetter
    public void setOnFailure(@CheckForNull String onFailure) {
        arguments.setOnFailure(PurgeForms.text(onFailure));
    }

    /** {@code SUCCESS} (the default) or {@code UNSTABLE}: the worst build result that still purges. */
    public String getResultThreshold() {
        return resultThreshold == null ? DEFAULT_THRESHOLD : resultThreshold;
    }

    @DataBoundSetter
    public void setResultThreshold(@CheckForNull String resultThreshold) {
        String value = Util.fixEmptyAndTrim(resultThreshold);
        this.resultThreshold = value == null ? DEFAULT_THRESHOLD : value;
    }

    private Result threshold() {
        return "UNSTABLE".equalsIgnoreCase(getResultThreshold()) ? Result.UNSTABLE : Result.SUCCESS;
    }

    /** Only {@code siteDirectory} reads the workspace; without it the purge runs even when there is none. */
    @Override
    public boolean requiresWorkspace() {
        String siteDirectory = arguments.getSiteDirectory();
        return siteDirectory != null && !siteDirectory.isBlank();
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.STEP; // the previous build's purge is recorded before this one looks for it
    }

    /** Called with the build's workspace whenever it has one (core's {@code BuildStepCompatibilityLayer}). */
    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        purge(run, workspace, listener);
    }

    /** Called when the build has no workspace; never with siteDirectory ({@link #requiresWorkspace()}). */
    @Override
    public void perform(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        purge(run, null, listener);
    }

    private void purge(Run<?, ?> run, @CheckForNull FilePath workspace, TaskListener listener)
            throws InterruptedException, IOException {
        Result result = run.getResult();
        Result threshold = threshold();
        if (result != null && result.isWorseThan(threshold)) {
            listener.getLogger().println(Messages.Recorder_NotRun(result, threshold));
            return;
        }
        PurgeReport report =
                PurgeService.purge(Messages.CloudflarePurgeRecorder_Caller(), arguments, run, workspace, listener);
        switch (report.getOutcome()) {
            case FAILURE -> throw new AbortException(report.getSummary());
            case UNSTABLE -> run.setResult(Result.UNSTABLE);
            case ABORTED -> throw new InterruptedException(Messages.Service_Aborted());
            case SUCCESS -> {}
        }
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> {

        public DescriptorImpl() {
            for (String field : PurgeForms.sharedFields()) {
                addHelpFileRedirect(field, CloudflarePurgeStep.class, field);
            }
        }

        /** Where config.jelly finds the fields it shares with the step (a class, not a name to load). */
        public Class<CloudflarePurgeStep> getSharedFieldsClass() {
            return CloudflarePurgeStep.class;
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.CloudflarePurgeRecorder_DisplayName();
        }

        public ListBoxModel doFillResultThresholdItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.Recorder_Threshold_Success(), "SUCCESS");
            items.add(Messages.Recorder_Threshold_Unstable(), "UNSTABLE");
            return items;
        }

        public ListBoxModel doFillCredentialsIdItems(
                @AncestorInPath @CheckForNull Item item, @QueryParameter String credentialsId) {
            return PurgeForms.fillCredentialsIdItems(item, credentialsId);
        }

        public FormValidation doCheckCredentialsId(
                @AncestorInPath @CheckForNull Item item, @QueryParameter String value) {
            return PurgeForms.checkCredentialsId(item, value);
        }

        // The checks below parse only their own value (and the source root), the drop-downs are fixed lists: no
        // permission is needed, so that the Snippet Generator works for users who may only read.

        public FormValidation doCheckZoneId(@QueryParameter String value) {
            return PurgeForms.checkZoneId(value);
        }

        public FormValidation doCheckUrlPrefixes(@QueryParameter String value) {
            return PurgeForms.checkUrlPrefixes(value);
        }

        public FormValidation doCheckSourceRoot(@QueryParameter String value) {
            return PurgeForms.checkSourceRoot(value);
        }

        public FormValidation doCheckSiteDirectory(@QueryParameter String value, @QueryParameter String sourceRoot) {
            return PurgeForms.checkSiteDirectory(value, sourceRoot);
        }

        public FormValidation doCheckRepository(@QueryParameter String value, @QueryParameter String siteDirectory) {
            return PurgeForms.checkRepository(value, siteDirectory);
        }

        public FormValidation doCheckIncludes(@QueryParameter String value, @QueryParameter String sourceRoot) {
            return PurgeForms.checkPatterns(value, sourceRoot);
        }

        public FormValidation doCheckExcludes(@QueryParameter String value, @QueryParameter String sourceRoot) {
            return PurgeForms.checkPatterns(value, sourceRoot);
        }

        public FormValidation doCheckIndexDocuments(@QueryParameter String value) {
            return PurgeForms.checkIndexDocuments(value);
        }

        public FormValidation doCheckExtraUrls(@QueryParameter String value) {
            return PurgeForms.checkExtraUrls(value);
        }

        public FormValidation doCheckVariants(@QueryParameter String value) {
            return PurgeForms.checkVariants(value);
        }

        public FormValidation doCheckTags(@QueryParameter String value) {
            return PurgeForms.checkExplicit(PurgeScope.Kind.TAGS, value);
        }

        public FormValidation doCheckHosts(@QueryParameter String value) {
            return PurgeForms.checkExplicit(PurgeScope.Kind.HOSTS, value);
        }

        public FormValidation doCheckPrefixes(@QueryParameter String value) {
            return PurgeForms.checkExplicit(PurgeScope.Kind.PREFIXES, value);
        }

        public FormValidation doCheckPaths(@QueryParameter String value) {
            return PurgeForms.checkPaths(value);
        }

        public FormValidation doCheckMaxUrls(@QueryParameter String value) {
            return PurgeForms.checkMaxUrls(value);
        }

        public ListBoxModel doFillFallbackItems() {
            return PurgeForms.fallbackItems();
        }

        public ListBoxModel doFillOnFailureItems() {
            return PurgeForms.onFailureItems();
        }

        /** For config.jelly: the engine's defaults, so that an untouched form saves what a build would use. */
        public String getDefaultIndexDocuments() {
            return PlannerSettings.DEFAULT_INDEX_DOCUMENTS;
        }

        public int getDefaultMaxUrls() {
            return PlannerSettings.DEFAULT_MAX_URLS;
        }
    }
}

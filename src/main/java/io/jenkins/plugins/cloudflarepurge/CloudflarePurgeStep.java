package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeArguments;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code cloudflarePurge}: purges Cloudflare's cache for the changes since the last successful purge, or for what
 * the arguments name. Every argument is optional where Manage Jenkins has a default. Needs no workspace or node,
 * except with {@code siteDirectory}.
 * Returns a map of plain values (mode, counts, request ids, the URLs of a dry run, verdict) that a script reads
 * without approval.
 */
public final class CloudflarePurgeStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Logger LOGGER = Logger.getLogger(CloudflarePurgeStep.class.getName());

    static final String FUNCTION_NAME = "cloudflarePurge";

    private final PurgeArguments arguments = new PurgeArguments();

    @DataBoundConstructor
    public CloudflarePurgeStep() {}

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

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(arguments, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final PurgeArguments arguments;

        Execution(PurgeArguments arguments, StepContext context) {
            super(context);
            this.arguments = arguments;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            // Null outside node: only siteDirectory needs it, and PurgeService says so then.
            FilePath workspace = getContext().get(FilePath.class);
            PurgeReport report = PurgeService.purge(FUNCTION_NAME, arguments, run, workspace, listener);
            switch (report.getOutcome()) {
                case FAILURE -> throw new AbortException(FUNCTION_NAME + ": " + report.getSummary());
                case UNSTABLE -> {
                    FlowNode node = getContext().get(FlowNode.class);
                    if (node != null) {
                        node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(report.getSummary()));
                    }
                    run.setResult(Result.UNSTABLE);
                }
                case ABORTED -> throw new InterruptedException(Messages.Service_Aborted());
                case SUCCESS -> {}
            }
            return report.toMap();
        }

        /**
         * A restart of the controller stopped the purge's thread; the step cannot pick it up again (the default
         * fails it with a generic message). Say in the build's console what that means for the cache first.
         */
        @Override
        public void onResume() {
            try {
                TaskListener listener = getContext().get(TaskListener.class);
                if (listener != null) {
                    listener.getLogger().println(Messages.Step_Resumed());
                }
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "No console to explain the failed resume in", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.onResume();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        /**
         * A workspace ({@link FilePath}) is not required: {@link StepDescriptor#getRequiredContext} lists what the
         * step cannot do without, and Pipeline would then refuse it outside {@code node}. Only {@code siteDirectory}
         * needs one; the execution asks for it and gets null outside {@code node}.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return Messages.CloudflarePurgeStep_DisplayName();
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

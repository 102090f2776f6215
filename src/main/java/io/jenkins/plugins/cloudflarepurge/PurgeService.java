package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.PluginWrapper;
import hudson.ProxyConfiguration;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.execution.ConsoleProgress;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeExecutor;
import io.jenkins.plugins.cloudflarepurge.engine.job.ApiSettings;
import io.jenkins.plugins.cloudflarepurge.engine.job.ChangeHistory;
import io.jenkins.plugins.cloudflarepurge.engine.job.PlanDetection;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeArguments;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeRunner;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeSettings;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteScan;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/**
 * The one execution path of the step and the post-build action: settings over the global defaults, the token from
 * the credential, the changes (from the changelogs of the run and its predecessors, or from the published files of
 * the site directory), the engine's runner, and the report kept on the build as a {@link CloudflarePurgeAction}. The
 * caller applies the report's outcome to the build.
 */
final class PurgeService {

    private PurgeService() {}

    /**
     * @param caller how messages name the caller ({@code cloudflarePurge} for the step)
     * @param workspace the workspace, for {@code siteDirectory}; null when there is none (a step outside
     *     {@code node})
     * @throws AbortException for a configuration problem (bad argument, missing credential, no workspace or site
     *     directory): the build fails, whatever the failure policy, and nothing is sent
     */
    static PurgeReport purge(
            String caller,
            PurgeArguments arguments,
            Run<?, ?> run,
            @CheckForNull FilePath workspace,
            TaskListener listener)
            throws AbortException, IOException, InterruptedException {
        CloudflarePurgeConfiguration global = CloudflarePurgeConfiguration.get();
        PurgeSettings settings;
        ApiSettings api;
        try {
            settings = PurgeSettings.resolve(
                    caller, arguments, global.getCredentialsId(), global.getZoneId(), global.getUrlPrefixes());
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
        try {
            api = global.apiSettings();
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.CloudflarePurgeConfiguration_Caller() + ": " + e.getMessage());
        }
        // A dry run sends nothing, so it needs no usable credential (the help promises that).
        ApiToken token = settings.credentialsId().isEmpty() || settings.dryRun()
                ? null
                : CredentialsLookup.token(run, settings.credentialsId(), caller, api.baseUrl());
        PrintStream console = listener.getLogger();
        SiteScan site = settings.siteDirectory().isPresent()
                ? SiteChanges.scan(caller, workspace, settings.siteDirectory().get())
                : null;
        Supplier<ChangeHistory.Collected> changes = site != null
                ? () -> SiteChanges.collect(run, settings, site)
                : () -> ChangeHistory.collect(
                        settings.zoneId(),
                        settings.urlPrefixes(),
                        ChangesetReader.read(run, settings.repository().orElse(null), true),
                        ChangesetReader.earlierRuns(run, settings.repository().orElse(null)),
                        ChangeHistory.DEFAULT_MAX_RUNS);
        PurgeRunner.ExecutorFactory executors = configuredLimits -> {
            if (token == null) {
                throw new IllegalStateException("a purge that sends requests has a token");
            }
            CloudflareClient client = client(api, token);
            // The configured plan, else the zone's own as Cloudflare reports it, under the administrator's values.
            PlanDetection.Choice chosen = PlanDetection.shared().choose(client, settings.zoneId(), api);
            console.println(ConsoleProgress.PREFIX + chosen.consoleLine());
            return PurgeExecutor.forAccount(client, chosen.limits());
        };
        PurgeReport report;
        try {
            report = new PurgeRunner().run(settings, changes, api.limits(), executors, console::println);
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
        CloudflarePurgeAction.record(run, report, settings.urlPrefixes(), console);
        // After the record: should storing fail, the next run finds this success without a list and falls back,
        // rather than compare with an older list that misses what this purge saw.
        if (site != null) {
            SiteChanges.storeIfPurged(run, report, settings.urlPrefixes(), site)
                    .ifPresent(line -> console.println(ConsoleProgress.PREFIX + line));
        }
        if (Thread.interrupted()) {
            throw new InterruptedException(Messages.Service_Aborted());
        }
        return report;
    }

    /**
     * A client on the controller's proxy settings, with the administrator's timeouts and a {@code User-Agent} that
     * names this plugin's version. Redirects are not followed.
     */
    static CloudflareClient client(ApiSettings api, ApiToken token) {
        HttpClient http = ProxyConfiguration.newHttpClientBuilder()
                .connectTimeout(api.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        PluginWrapper plugin = Jenkins.get().getPluginManager().whichPlugin(PurgeService.class);
        String version = plugin == null ? null : plugin.getVersion();
        return new CloudflareClient(
                http, api.baseUrl(), token, api.requestTimeout(), CloudflareClient.userAgent(version));
    }
}

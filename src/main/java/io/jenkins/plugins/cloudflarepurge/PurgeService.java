package io.jenkins.plugins.cloudflarepurge;

import hudson.AbortException;
import hudson.PluginWrapper;
import hudson.ProxyConfiguration;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeExecutor;
import io.jenkins.plugins.cloudflarepurge.engine.job.ApiSettings;
import io.jenkins.plugins.cloudflarepurge.engine.job.ChangeHistory;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeArguments;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeRunner;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeSettings;
import io.jenkins.plugins.cloudflarepurge.engine.planning.UrlPrefix;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The one execution path of the step and the post-build action: settings over the global defaults, the token from
 * the credential, the changes from the run and its predecessors, the engine's runner, and the report kept on the
 * build as a {@link CloudflarePurgeAction}. The caller applies the report's outcome to the build.
 */
final class PurgeService {

    private PurgeService() {}

    /**
     * @param caller how messages name the caller ({@code cloudflarePurge} for the step)
     * @throws AbortException for a configuration problem (bad argument, missing credential): the build fails,
     *     whatever the failure policy
     */
    static PurgeReport purge(String caller, PurgeArguments arguments, Run<?, ?> run, TaskListener listener)
            throws AbortException, InterruptedException {
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
        ApiToken token = settings.credentialsId().isEmpty()
                ? null
                : CredentialsLookup.token(run, settings.credentialsId(), caller);
        PrintStream console = listener.getLogger();
        PurgeRunner.ExecutorFactory executors = limits -> {
            if (token == null) {
                throw new IllegalStateException("a purge that sends requests has a token");
            }
            return PurgeExecutor.forAccount(client(api, token), limits);
        };
        PurgeReport report;
        try {
            report = new PurgeRunner()
                    .run(
                            settings,
                            () -> ChangeHistory.collect(
                                    settings.zoneId(),
                                    ChangesetReader.read(run),
                                    ChangesetReader.earlierRuns(run),
                                    ChangeHistory.DEFAULT_MAX_RUNS),
                            api.limits(),
                            executors,
                            console::println);
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
        CloudflarePurgeAction.record(run, report, urlPrefixes(settings), console);
        if (Thread.interrupted()) {
            throw new InterruptedException(Messages.Service_Aborted());
        }
        return report;
    }

    /** The URL prefixes the purge was planned for, normalised; none for a purge of tags, hosts or everything. */
    private static List<String> urlPrefixes(PurgeSettings settings) {
        return settings.planner()
                .map(planner ->
                        planner.prefixes().stream().map(UrlPrefix::toString).toList())
                .orElse(List.of());
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

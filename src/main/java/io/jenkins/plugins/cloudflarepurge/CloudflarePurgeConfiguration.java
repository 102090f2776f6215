package io.jenkins.plugins.cloudflarepurge;

import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeLimits;
import io.jenkins.plugins.cloudflarepurge.engine.job.ApiSettings;
import io.jenkins.plugins.cloudflarepurge.engine.job.ConnectionCheck;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins > System > Cloudflare cache purge: the defaults every job may override (credential, zone ID,
 * URL prefixes) and what only an administrator may set (the plan and its limits, timeouts, the API base URL).
 * In Configuration as Code: {@code unclassified: cloudflarePurge: …}.
 */
@Extension
@Symbol("cloudflarePurge")
public class CloudflarePurgeConfiguration extends GlobalConfiguration {

    @CheckForNull
    private String credentialsId;

    @CheckForNull
    private String zoneId;

    @CheckForNull
    private String urlPrefixes;

    @CheckForNull
    private String plan;

    @CheckForNull
    private Integer urlsPerRequest;

    @CheckForNull
    private Integer urlsPerSecond;

    @CheckForNull
    private Integer maxInFlight;

    @CheckForNull
    private Integer connectTimeoutSeconds;

    @CheckForNull
    private Integer requestTimeoutSeconds;

    @CheckForNull
    private String apiBaseUrl;

    public CloudflarePurgeConfiguration() {
        load();
    }

    @Override
    public String getDisplayName() {
        return Messages.CloudflarePurgeConfiguration_DisplayName();
    }

    public static CloudflarePurgeConfiguration get() {
        return ExtensionList.lookupSingleton(CloudflarePurgeConfiguration.class);
    }

    /**
     * The API settings for a purge.
     *
     * @throws InvalidInputException naming the field when a value is out of range (Configuration as Code can set any)
     */
    public ApiSettings apiSettings() {
        return ApiSettings.builder()
                .baseUrl(apiBaseUrl)
                .plan(plan)
                .urlsPerRequest(urlsPerRequest)
                .urlsPerSecond(urlsPerSecond)
                .maxInFlight(maxInFlight)
                .connectTimeoutSeconds(connectTimeoutSeconds)
                .requestTimeoutSeconds(requestTimeoutSeconds)
                .build();
    }

    // ---- properties ----

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    @CheckForNull
    public String getZoneId() {
        return zoneId;
    }

    @DataBoundSetter
    public void setZoneId(@CheckForNull String zoneId) {
        this.zoneId = Util.fixEmptyAndTrim(zoneId);
        save();
    }

    @CheckForNull
    public String getUrlPrefixes() {
        return urlPrefixes;
    }

    @DataBoundSetter
    public void setUrlPrefixes(@CheckForNull String urlPrefixes) {
        this.urlPrefixes = PurgeForms.text(urlPrefixes);
        save();
    }

    /** {@code FREE}, {@code PRO}, {@code BUSINESS} or {@code ENTERPRISE}; null to read the zone's plan from Cloudflare. */
    @CheckForNull
    public String getPlan() {
        return plan;
    }

    @DataBoundSetter
    public void setPlan(@CheckForNull String plan) {
        this.plan = Util.fixEmptyAndTrim(plan);
        save();
    }

    @CheckForNull
    public Integer getUrlsPerRequest() {
        return urlsPerRequest;
    }

    @DataBoundSetter
    public void setUrlsPerRequest(@CheckForNull Integer urlsPerRequest) {
        this.urlsPerRequest = positiveOrNull(urlsPerRequest);
        save();
    }

    @CheckForNull
    public Integer getUrlsPerSecond() {
        return urlsPerSecond;
    }

    @DataBoundSetter
    public void setUrlsPerSecond(@CheckForNull Integer urlsPerSecond) {
        this.urlsPerSecond = positiveOrNull(urlsPerSecond);
        save();
    }

    @CheckForNull
    public Integer getMaxInFlight() {
        return maxInFlight;
    }

    @DataBoundSetter
    public void setMaxInFlight(@CheckForNull Integer maxInFlight) {
        this.maxInFlight = positiveOrNull(maxInFlight);
        save();
    }

    @CheckForNull
    public Integer getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(@CheckForNull Integer connectTimeoutSeconds) {
        this.connectTimeoutSeconds = positiveOrNull(connectTimeoutSeconds);
        save();
    }

    @CheckForNull
    public Integer getRequestTimeoutSeconds() {
        return requestTimeoutSeconds;
    }

    @DataBoundSetter
    public void setRequestTimeoutSeconds(@CheckForNull Integer requestTimeoutSeconds) {
        this.requestTimeoutSeconds = positiveOrNull(requestTimeoutSeconds);
        save();
    }

    /** The Cloudflare API base URL; null for {@code https://api.cloudflare.com/client/v4}. */
    @CheckForNull
    public String getApiBaseUrl() {
        return apiBaseUrl;
    }

    @DataBoundSetter
    public void setApiBaseUrl(@CheckForNull String apiBaseUrl) {
        String value = Util.fixEmptyAndTrim(apiBaseUrl);
        this.apiBaseUrl = value == null || value.equals(CloudflareClient.DEFAULT_BASE_URL.toString()) ? null : value;
        save();
    }

    /** 0 or less is "not set": Configuration as Code and old forms may write 0 for an empty field. */
    @CheckForNull
    private static Integer positiveOrNull(@CheckForNull Integer value) {
        return value == null || value <= 0 ? null : value;
    }

    // ---- form ----

    // The limits and defaults config.jelly shows, from the engine, so that the form cannot disagree with a build.

    public int getMaxUrlsPerRequest() {
        return PurgeLimits.MAX_URLS_PER_REQUEST;
    }

    public int getDefaultUrlsPerRequest() {
        return ApiSettings.DEFAULT_PLAN.documentedUrlsPerRequest();
    }

    public int getMaxRequestsInFlight() {
        return PurgeLimits.MAX_IN_FLIGHT;
    }

    public int getDefaultMaxInFlight() {
        return PurgeLimits.DEFAULT_MAX_IN_FLIGHT;
    }

    public int getMaxTimeoutSeconds() {
        return ApiSettings.MAX_TIMEOUT_SECONDS;
    }

    public long getDefaultConnectTimeoutSeconds() {
        return CloudflareClient.DEFAULT_CONNECT_TIMEOUT.toSeconds();
    }

    public long getDefaultRequestTimeoutSeconds() {
        return CloudflareClient.DEFAULT_REQUEST_TIMEOUT.toSeconds();
    }

    public String getDefaultApiBaseUrl() {
        return CloudflareClient.DEFAULT_BASE_URL.toString();
    }

    /**
     * The Secret text credentials of Jenkins that builds may use (not the System scope: a build could not use the
     * default then), for an administrator; only the current value for anyone else.
     */
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        return PurgeForms.fillCredentialsIdItems(null, credentialsId);
    }

    public FormValidation doCheckCredentialsId(@QueryParameter String value) {
        if (Util.fixEmptyAndTrim(value) == null && Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok(Messages.Global_Credentials_None()); // not a job's blank: there is no default
        }
        return PurgeForms.checkCredentialsId(null, value);
    }

    // The checks below parse only their own value and the drop-down is a fixed list: no permission is needed, so
    // that a user who may only read the configuration sees it as it is.

    public FormValidation doCheckZoneId(@QueryParameter String value) {
        return PurgeForms.checkZoneIdValue(value);
    }

    public FormValidation doCheckUrlPrefixes(@QueryParameter String value) {
        return PurgeForms.checkUrlPrefixValues(value);
    }

    public ListBoxModel doFillPlanItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.Form_Plan_Detect(), "");
        for (CloudflarePlan p : CloudflarePlan.values()) {
            items.add(p.displayName(), p.name());
        }
        return items;
    }

    public FormValidation doCheckUrlsPerRequest(@QueryParameter String value) {
        return checkNumber(
                value,
                Messages.Form_UrlsPerRequest_Default(
                        CloudflarePlan.FREE.documentedUrlsPerRequest(),
                        CloudflarePlan.ENTERPRISE.documentedUrlsPerRequest()),
                ApiSettings::checkUrlsPerRequest);
    }

    public FormValidation doCheckUrlsPerSecond(@QueryParameter String value, @QueryParameter String plan) {
        CloudflarePlan chosen = null;
        try {
            chosen = Util.fixEmptyAndTrim(plan) == null ? null : ApiSettings.parsePlan(plan);
        } catch (InvalidInputException e) {
            // the plan field reports its own problem; this one then speaks of the zone's plan
        }
        return checkNumber(
                value,
                chosen == null
                        ? Messages.Form_Number_DetectedPlanDefault(ApiSettings.DEFAULT_PLAN.urlsPerSecond())
                        : Messages.Form_Number_PlanDefault(chosen.displayName(), chosen.urlsPerSecond()),
                ApiSettings::checkUrlsPerSecond);
    }

    public FormValidation doCheckMaxInFlight(@QueryParameter String value) {
        return checkNumber(
                value,
                Messages.Form_MaxInFlight_Default(
                        PurgeLimits.forPlan(CloudflarePlan.FREE).maxInFlight(),
                        PurgeLimits.forPlan(CloudflarePlan.PRO).maxInFlight(),
                        PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE).maxInFlight()),
                ApiSettings::checkMaxInFlight);
    }

    public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
        return checkTimeout(value, getDefaultConnectTimeoutSeconds(), Messages.Form_ConnectTimeout());
    }

    public FormValidation doCheckRequestTimeoutSeconds(@QueryParameter String value) {
        return checkTimeout(value, getDefaultRequestTimeoutSeconds(), Messages.Form_RequestTimeout());
    }

    public FormValidation doCheckApiBaseUrl(@QueryParameter String value) {
        return PurgeForms.toValidation(ApiSettings.checkBaseUrl(value));
    }

    /**
     * Proves the token active and allowed to purge the zone, with the values in the form (not yet saved): the
     * credential as a build would find it as the default, and the API base URL and timeouts as typed.
     */
    @POST
    public FormValidation doTestConnection(
            @QueryParameter String credentialsId,
            @QueryParameter String zoneId,
            @QueryParameter String urlPrefixes,
            @QueryParameter String apiBaseUrl,
            @QueryParameter String connectTimeoutSeconds,
            @QueryParameter String requestTimeoutSeconds) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            return FormValidation.error(Messages.TestConnection_NoCredentials());
        }
        ApiSettings api;
        try {
            api = ApiSettings.builder()
                    .baseUrl(apiBaseUrl)
                    .connectTimeoutSeconds(parseOrZero(connectTimeoutSeconds))
                    .requestTimeoutSeconds(parseOrZero(requestTimeoutSeconds))
                    .build();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
        List<DomainRequirement> requirements = CredentialsLookup.requirements(api.baseUrl());
        StringCredentials credential = CredentialsLookup.forBuildsOnJenkins(id, requirements);
        if (credential == null) {
            return FormValidation.error(
                    CredentialsLookup.isSystemScoped(id, requirements)
                            ? Messages.TestConnection_SystemScoped(id)
                            : Messages.TestConnection_NotFound(id));
        }
        try {
            ApiToken token = CredentialsLookup.parse(credential, id, Messages.TestConnection_Caller());
            ConnectionCheck.Result result = ConnectionCheck.run(PurgeService.client(api, token), zoneId, urlPrefixes);
            return switch (result.level()) {
                case OK -> FormValidation.ok(result.message());
                case WARNING -> FormValidation.warning(result.message());
                case ERROR -> FormValidation.error(result.message());
            };
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FormValidation.error(Messages.TestConnection_Interrupted());
        }
    }

    /** A number as typed; 0 (the default) when blank or not a number, which the field's own check reports. */
    private static int parseOrZero(@CheckForNull String value) {
        try {
            return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private interface RangeCheck {
        Optional<String> check(int value);
    }

    private static FormValidation checkNumber(@CheckForNull String value, String whenEmpty, RangeCheck check) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok(whenEmpty);
        }
        try {
            return PurgeForms.toValidation(check.check(Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.Form_NotAWholeNumber(text));
        }
    }

    private static FormValidation checkTimeout(@CheckForNull String value, long defaultSeconds, String field) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok(Messages.Form_Timeout_Default(defaultSeconds));
        }
        try {
            return PurgeForms.toValidation(ApiSettings.checkTimeout(field, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.Form_NotWholeSeconds(text));
        }
    }
}

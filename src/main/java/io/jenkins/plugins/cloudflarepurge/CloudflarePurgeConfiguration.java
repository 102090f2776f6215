package io.jenkins.plugins.cloudflarepurge;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.security.ACL;
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
        return ApiSettings.resolve(
                apiBaseUrl,
                plan,
                orZero(urlsPerRequest),
                orZero(urlsPerSecond),
                orZero(maxInFlight),
                orZero(connectTimeoutSeconds),
                orZero(requestTimeoutSeconds));
    }

    private static int orZero(@CheckForNull Integer value) {
        return value == null ? 0 : value;
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

    /** {@code FREE}, {@code PRO}, {@code BUSINESS} or {@code ENTERPRISE}; null for the default (Free). */
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

    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(credentialsId);
    }

    public FormValidation doCheckCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.warning(Messages.Credentials_DefaultUsed());
        }
        return findCredential(value.trim()) == null
                ? FormValidation.error(Messages.Credentials_NotFound())
                : FormValidation.ok();
    }

    public FormValidation doCheckZoneId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return PurgeForms.checkZoneId(value, true);
    }

    public FormValidation doCheckUrlPrefixes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return PurgeForms.checkUrlPrefixes(value, true);
    }

    public ListBoxModel doFillPlanItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ListBoxModel items = new ListBoxModel();
        for (CloudflarePlan p : CloudflarePlan.values()) {
            items.add(
                    p == ApiSettings.DEFAULT_PLAN ? Messages.Form_Plan_Default(p.displayName()) : p.displayName(),
                    p.name());
        }
        return items;
    }

    public FormValidation doCheckUrlsPerRequest(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkNumber(value, PurgeLimits.DEFAULT_URLS_PER_REQUEST, ApiSettings::checkUrlsPerRequest);
    }

    public FormValidation doCheckUrlsPerSecond(@QueryParameter String value, @QueryParameter String plan) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        int planDefault;
        try {
            planDefault = ApiSettings.parsePlan(plan).urlsPerSecond();
        } catch (InvalidInputException e) {
            planDefault = ApiSettings.DEFAULT_PLAN.urlsPerSecond();
        }
        return checkNumber(value, planDefault, ApiSettings::checkUrlsPerSecond);
    }

    public FormValidation doCheckMaxInFlight(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkNumber(value, PurgeLimits.DEFAULT_MAX_IN_FLIGHT, ApiSettings::checkMaxInFlight);
    }

    public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkTimeout(value, (int) CloudflareClient.DEFAULT_CONNECT_TIMEOUT.toSeconds(), "Connect timeout");
    }

    public FormValidation doCheckRequestTimeoutSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkTimeout(value, (int) CloudflareClient.DEFAULT_REQUEST_TIMEOUT.toSeconds(), "Request timeout");
    }

    public FormValidation doCheckApiBaseUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return PurgeForms.toValidation(ApiSettings.checkBaseUrl(value));
    }

    /** Proves the token active and allowed to purge the zone, with the values in the form (not yet saved). */
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
        StringCredentials credential = findCredential(id);
        if (credential == null) {
            return FormValidation.error(Messages.TestConnection_NotFound(id));
        }
        try {
            ApiSettings api = ApiSettings.resolve(
                    apiBaseUrl, null, 0, 0, 0, parseOrZero(connectTimeoutSeconds), parseOrZero(requestTimeoutSeconds));
            ApiToken token = ApiToken.of(credential.getSecret().getPlainText());
            CloudflareClient client = PurgeService.client(api, token);
            ConnectionCheck.Result result = ConnectionCheck.run(client, zoneId, urlPrefixes);
            return switch (result.level()) {
                case OK -> FormValidation.ok(result.message());
                case WARNING -> FormValidation.warning(result.message());
                case ERROR -> FormValidation.error(result.message());
            };
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FormValidation.error(Messages.TestConnection_Interrupted());
        }
    }

    @CheckForNull
    private static StringCredentials findCredential(String id) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(id));
    }

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

    private static FormValidation checkNumber(@CheckForNull String value, int defaultValue, RangeCheck check) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok(Messages.Form_Number_Default(defaultValue));
        }
        try {
            return PurgeForms.toValidation(check.check(Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return FormValidation.error("'" + text + "' is not a whole number.");
        }
    }

    private static FormValidation checkTimeout(@CheckForNull String value, int defaultSeconds, String field) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok(Messages.Form_Timeout_Default(defaultSeconds));
        }
        try {
            return PurgeForms.toValidation(ApiSettings.checkTimeout(field, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return FormValidation.error("'" + text + "' is not a whole number of seconds.");
        }
    }
}

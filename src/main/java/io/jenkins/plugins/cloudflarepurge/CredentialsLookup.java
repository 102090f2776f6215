package io.jenkins.plugins.cloudflarepurge;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.job.ApiSettings;
import java.net.URI;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Finds the Cloudflare API token: a Secret text credential in a domain that admits the API's URL. A build looks it
 * up as itself and records it as used; the global default and Test connection look up only what builds can use
 * (never a credential of the {@link CredentialsScope#SYSTEM System} scope, which is Jenkins' own). Every problem is a
 * message that names the ID, never the secret.
 */
final class CredentialsLookup {

    private CredentialsLookup() {}

    /** What the domain of the credential must admit: the API's URL, so that a domain for api.cloudflare.com works. */
    static List<DomainRequirement> requirements(@CheckForNull URI apiBaseUrl) {
        URI url = apiBaseUrl == null ? CloudflareClient.DEFAULT_BASE_URL : apiBaseUrl;
        return URIRequirementBuilder.fromUri(url.toString()).build();
    }

    /** The requirements for an API base URL as typed; Cloudflare's when blank or invalid (a build rejects it). */
    static List<DomainRequirement> requirements(@CheckForNull String apiBaseUrl) {
        try {
            return requirements(ApiSettings.parseBaseUrl(apiBaseUrl));
        } catch (InvalidInputException e) {
            return requirements((URI) null);
        }
    }

    /** The requirements for the administrator's API base URL. */
    static List<DomainRequirement> requirements() {
        return requirements(CloudflarePurgeConfiguration.get().getApiBaseUrl());
    }

    /** Credentials a build may use: all but the System scope, which only Jenkins itself may use. */
    static CredentialsMatcher usableByBuilds() {
        return CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM));
    }

    /**
     * The token of a build: the credential the build may use, recorded as used.
     *
     * @throws AbortException naming the caller and the ID when there is no such credential, it is not Secret text,
     *     or it holds no usable token
     */
    static ApiToken token(Run<?, ?> run, String credentialsId, String caller, @CheckForNull URI apiBaseUrl)
            throws AbortException {
        List<DomainRequirement> requirements = requirements(apiBaseUrl);
        StringCredentials credential =
                CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run, requirements);
        if (credential == null) {
            IdCredentials other =
                    CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run, requirements);
            throw new AbortException(
                    other != null
                            ? Messages.Credentials_WrongType(caller, credentialsId)
                            : Messages.Credentials_Missing(caller, credentialsId));
        }
        CredentialsProvider.track(run, credential);
        return parse(credential, credentialsId, caller);
    }

    /**
     * The global credential with this ID that builds may use, for Test connection; null when there is none.
     * Jenkins looks it up as itself ({@link ACL#SYSTEM2}), as for every setting of Manage Jenkins.
     */
    @CheckForNull
    static StringCredentials forBuildsOnJenkins(String credentialsId, List<DomainRequirement> requirements) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(credentialsId), usableByBuilds()));
    }

    /** Whether Jenkins holds a System-scoped credential with this ID: found, but no build may use it. */
    static boolean isSystemScoped(String credentialsId, List<DomainRequirement> requirements) {
        return !CredentialsProvider.listCredentialsInItemGroup(
                        StringCredentials.class,
                        Jenkins.get(),
                        ACL.SYSTEM2,
                        requirements,
                        CredentialsMatchers.allOf(
                                CredentialsMatchers.withId(credentialsId),
                                CredentialsMatchers.withScope(CredentialsScope.SYSTEM)))
                .isEmpty();
    }

    /** @throws AbortException when the credential holds no token, or one that cannot be sent */
    static ApiToken parse(StringCredentials credential, String credentialsId, String caller) throws AbortException {
        String secret = credential.getSecret().getPlainText();
        if (secret.isBlank()) {
            throw new AbortException(Messages.Credentials_Empty(caller, credentialsId));
        }
        try {
            return ApiToken.of(secret);
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.Credentials_Invalid(caller, credentialsId, e.getMessage()));
        }
    }
}

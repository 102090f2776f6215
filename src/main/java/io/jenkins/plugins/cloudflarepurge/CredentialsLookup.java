package io.jenkins.plugins.cloudflarepurge;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Finds the Cloudflare API token of a build: a Secret text credential the build may use, recorded as used. Every
 * problem is an {@link AbortException} that names the argument and the ID, never the secret.
 */
final class CredentialsLookup {

    private CredentialsLookup() {}

    static ApiToken token(Run<?, ?> run, String credentialsId, String caller) throws AbortException {
        StringCredentials credential =
                CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
        if (credential == null) {
            IdCredentials other = CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run);
            throw new AbortException(
                    other != null
                            ? Messages.Credentials_WrongType(caller, credentialsId)
                            : Messages.Credentials_Missing(caller, credentialsId));
        }
        CredentialsProvider.track(run, credential);
        String secret = credential.getSecret().getPlainText();
        if (secret.isBlank()) {
            throw new AbortException(Messages.Credentials_Empty(caller, credentialsId));
        }
        try {
            return ApiToken.of(secret);
        } catch (InvalidInputException e) {
            throw new AbortException(caller + ": credentialsId: '" + credentialsId + "': " + e.getMessage());
        }
    }
}

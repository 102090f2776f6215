package io.jenkins.plugins.cloudflarepurge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.HostnameSpecification;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Which credentials are offered and used: only those a build can use (no System scope as the global default or in
 * Test connection), in a domain that admits the API's URL, and none at all for a dry run.
 */
@WithJenkins
class CloudflarePurgeCredentialsITest {

    private static final String SYSTEM_ID = "jenkins-only-token";
    private static final String ELSEWHERE_ID = "token-for-another-host";

    private JenkinsRule j;
    private CloudflareStub cloudflare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        cloudflare = new CloudflareStub().configure();
        CredentialsStore store =
                CredentialsProvider.lookupStores(j.jenkins).iterator().next();
        store.addCredentials(
                Domain.global(),
                new StringCredentialsImpl(
                        CredentialsScope.SYSTEM, SYSTEM_ID, "System scope", Secret.fromString(CloudflareStub.TOKEN)));
        Credentials elsewhere = new StringCredentialsImpl(
                CredentialsScope.GLOBAL, ELSEWHERE_ID, "Another host", Secret.fromString(CloudflareStub.TOKEN));
        store.addDomain(
                new Domain("elsewhere", null, List.of(new HostnameSpecification("other.example.org", null))),
                elsewhere);
    }

    @AfterEach
    void tearDown() {
        cloudflare.close();
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }

    @Test
    void theGlobalDefaultOffersOnlyWhatBuildsCanUseInTheApisDomain() {
        CloudflarePurgeConfiguration global = CloudflarePurgeConfiguration.get();
        List<String> offered = values(global.doFillCredentialsIdItems(""));
        assertTrue(offered.contains(CloudflareStub.CREDENTIALS_ID), offered.toString());
        assertFalse(offered.contains(SYSTEM_ID), "a System-scoped credential cannot be used by builds");
        assertFalse(offered.contains(ELSEWHERE_ID), "its domain does not admit the API's host");

        FormValidation system = global.doCheckCredentialsId(SYSTEM_ID);
        assertEquals(FormValidation.Kind.ERROR, system.kind);
        assertTrue(system.getMessage().contains("System scope"), system.getMessage());
        assertEquals(FormValidation.Kind.OK, global.doCheckCredentialsId(CloudflareStub.CREDENTIALS_ID).kind);
    }

    @Test
    void theStepsDropDownWithoutAJobOffersNoSystemScopedCredential() {
        CloudflarePurgeStep.DescriptorImpl step =
                j.jenkins.getDescriptorByType(CloudflarePurgeStep.DescriptorImpl.class);
        List<String> offered = values(step.doFillCredentialsIdItems(null, ""));
        assertTrue(offered.contains(CloudflareStub.CREDENTIALS_ID), offered.toString());
        assertFalse(offered.contains(SYSTEM_ID), offered.toString());
    }

    @Test
    void testConnectionDoesNotUseASystemScopedCredential() {
        FormValidation answer = CloudflarePurgeConfiguration.get()
                .doTestConnection(
                        SYSTEM_ID, CloudflareStub.ZONE, CloudflareStub.PREFIX, cloudflare.apiBaseUrl(), "", "");
        assertEquals(FormValidation.Kind.ERROR, answer.kind);
        assertTrue(answer.getMessage().contains("System scope"), answer.getMessage());
        assertTrue(cloudflare.purges().isEmpty(), "nothing was sent with it");
    }

    @Test
    void aBuildDoesNotUseACredentialWhoseDomainExcludesTheApi() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        CloudflarePurgeRecorder recorder = new CloudflarePurgeRecorder();
        recorder.setCredentialsId(ELSEWHERE_ID);
        recorder.setPurgeEverything(true);
        project.getPublishersList().add(recorder);
        j.assertLogContains(
                "no credential with the ID '" + ELSEWHERE_ID + "'",
                j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0)));
        assertTrue(cloudflare.purges().isEmpty());
    }

    @Test
    void aDryRunNeedsNoUsableCredential() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "dry");
        job.setDefinition(new CpsFlowDefinition(
                "cloudflarePurge dryRun: true, purgeEverything: true, credentialsId: 'no-such-credential'", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        j.assertLogContains("nothing was sent to Cloudflare", run);
        assertTrue(cloudflare.purges().isEmpty());
    }
}

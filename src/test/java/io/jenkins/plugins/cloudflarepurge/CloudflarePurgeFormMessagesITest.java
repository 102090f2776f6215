package io.jenkins.plugins.cloudflarepurge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.FormValidation;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeLimits;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What the fields say about an empty value: on a fresh install nothing warns on Manage Jenkins itself, a job's blank
 * says "the default is used" only when there is one (and otherwise what happens), and a limit that does not depend
 * on the plan does not claim to be the plan's.
 */
@WithJenkins
class CloudflarePurgeFormMessagesITest {

    private JenkinsRule j;
    private CloudflarePurgeConfiguration global;
    private CloudflarePurgeStep.DescriptorImpl step;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
        global = CloudflarePurgeConfiguration.get();
        step = j.jenkins.getDescriptorByType(CloudflarePurgeStep.DescriptorImpl.class);
    }

    @Test
    void aFreshInstallShowsNoWarningOnManageJenkins() {
        for (FormValidation answer : new FormValidation[] {
            global.doCheckCredentialsId(""),
            global.doCheckZoneId(""),
            global.doCheckUrlPrefixes(""),
            global.doCheckUrlsPerRequest(""),
            global.doCheckUrlsPerSecond("", ""),
            global.doCheckMaxInFlight(""),
            global.doCheckConnectTimeoutSeconds(""),
            global.doCheckRequestTimeoutSeconds(""),
            global.doCheckApiBaseUrl("")
        }) {
            assertEquals(FormValidation.Kind.OK, answer.kind, answer.getMessage());
            String message = answer.getMessage() == null ? "" : answer.getMessage();
            assertFalse(message.contains("default credential from Manage Jenkins"), message);
        }
    }

    @Test
    void aJobsBlankSaysDefaultOnlyWhenThereIsOne() throws Exception {
        FormValidation credential = step.doCheckCredentialsId(null, "");
        assertEquals(FormValidation.Kind.WARNING, credential.kind, credential.getMessage());
        assertTrue(credential.getMessage().contains("no default credential"), credential.getMessage());
        FormValidation zone = step.doCheckZoneId("");
        assertEquals(FormValidation.Kind.WARNING, zone.kind, zone.getMessage());
        assertTrue(zone.getMessage().contains("no default zone ID"), zone.getMessage());
        assertTrue(step.doCheckUrlPrefixes("").getMessage().contains("no default URL prefixes"));

        try (CloudflareStub cloudflare = new CloudflareStub().configure()) {
            credential = step.doCheckCredentialsId(null, "");
            assertEquals(FormValidation.Kind.OK, credential.kind);
            assertTrue(credential.getMessage().contains(CloudflareStub.CREDENTIALS_ID), credential.getMessage());
            zone = step.doCheckZoneId("");
            assertEquals(FormValidation.Kind.OK, zone.kind);
            assertTrue(zone.getMessage().contains(CloudflareStub.ZONE), zone.getMessage());
            assertTrue(step.doCheckUrlPrefixes("").getMessage().contains("default URL prefixes from Manage Jenkins"));
        }
    }

    @Test
    void onlyThePlanDependentLimitsNameThePlan() {
        List<FormValidation> independent =
                List.of(global.doCheckConnectTimeoutSeconds(""), global.doCheckRequestTimeoutSeconds(""));
        for (FormValidation answer : independent) {
            assertFalse(answer.getMessage().contains("plan"), answer.getMessage());
        }
        // Requests in flight follow the plan's rate: the hint gives each plan's number.
        String inFlight = global.doCheckMaxInFlight("").getMessage();
        assertTrue(inFlight.contains("plan"), inFlight);
        assertTrue(
                inFlight.contains(String.valueOf(
                        PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE).maxInFlight())),
                inFlight);

        // The request size starts at the plan's documented one; the rate is the chosen plan's, or the zone's.
        String perRequest = global.doCheckUrlsPerRequest("").getMessage();
        assertTrue(perRequest.contains("plan"), perRequest);
        assertTrue(perRequest.contains(String.valueOf(CloudflarePlan.FREE.documentedUrlsPerRequest())), perRequest);
        String perSecond =
                global.doCheckUrlsPerSecond("", CloudflarePlan.PRO.name()).getMessage();
        assertTrue(perSecond.contains(CloudflarePlan.PRO.displayName()), perSecond);
        // Messages format numbers as the locale does (1,500), and so does %,d
        assertTrue(perSecond.contains(String.format("%,d", CloudflarePlan.PRO.urlsPerSecond())), perSecond);
        String detected = global.doCheckUrlsPerSecond("", "").getMessage();
        assertTrue(detected.contains("zone"), detected);
    }

    @Test
    void aNumberThatIsNotOneIsNamed() {
        FormValidation answer = global.doCheckConnectTimeoutSeconds("ten");
        assertEquals(FormValidation.Kind.ERROR, answer.kind);
        // getMessage() is HTML, with the quotes escaped
        assertTrue(answer.getMessage().contains("ten"), answer.getMessage());
        assertTrue(answer.getMessage().contains("is not a whole number of seconds"), answer.getMessage());
        FormValidation maxUrls = step.doCheckMaxUrls("lots");
        assertEquals(FormValidation.Kind.ERROR, maxUrls.kind);
        assertTrue(maxUrls.getMessage().contains("lots"), maxUrls.getMessage());
    }

    @Test
    void theSiteDirectoryAndTheRepositoryAreCheckedInTheFormAsTheBuildWould() {
        CloudflarePurgeRecorder.DescriptorImpl recorder =
                j.jenkins.getDescriptorByType(CloudflarePurgeRecorder.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.OK, step.doCheckSiteDirectory("public", "").kind);
        assertEquals(FormValidation.Kind.OK, recorder.doCheckSiteDirectory("", "").kind);
        for (FormValidation outside :
                List.of(step.doCheckSiteDirectory("../public", ""), recorder.doCheckSiteDirectory("/var/www", ""))) {
            assertEquals(FormValidation.Kind.ERROR, outside.kind, outside.getMessage());
            assertTrue(outside.getMessage().contains("workspace"), outside.getMessage());
        }
        FormValidation both = step.doCheckSiteDirectory("public", "public");
        assertEquals(FormValidation.Kind.ERROR, both.kind);
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        assertEquals(FormValidation.Kind.OK, recorder.doCheckRepository("acme/site", "").kind);
        FormValidation repository = step.doCheckRepository("acme/site", "public");
        assertEquals(FormValidation.Kind.ERROR, repository.kind);
        assertTrue(repository.getMessage().contains("leave the repository empty"), repository.getMessage());
    }
}

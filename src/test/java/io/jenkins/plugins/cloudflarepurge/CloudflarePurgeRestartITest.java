package io.jenkins.plugins.cloudflarepurge;

import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.ZONE;
import static org.junit.jupiter.api.Assertions.assertNull;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart in the middle of a purge: the step fails on resume, and the console says what that means. */
class CloudflarePurgeRestartITest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aRestartDuringAPurgeFailsTheStepAndTheConsoleSaysWhatToDo() throws Throwable {
        try (CloudflareStub cloudflare = new CloudflareStub()) {
            cloudflare.acceptAfter(60_000); // still on its way when the controller stops
            sessions.then(j -> {
                cloudflare.configure();
                CloudflarePurgeConfiguration.get().setRequestTimeoutSeconds(120);
                WorkflowJob job = j.createProject(WorkflowJob.class, "restarted");
                job.setDefinition(new CpsFlowDefinition("cloudflarePurge paths: '/a.css'", true));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                j.waitForMessage("[Cloudflare] Zone " + ZONE, run);
                cloudflare.awaitPurgeRequest();
            });
            sessions.then(j -> {
                WorkflowRun run = j.jenkins
                        .getItemByFullName("restarted", WorkflowJob.class)
                        .getBuildByNumber(1);
                j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
                j.assertLogContains("The controller restarted while this purge was running", run);
                j.assertLogContains("the next successful purge also purges the changes of this run", run);
                j.assertLogContains("cannot be resumed after a controller restart", run);
                assertNull(run.getAction(CloudflarePurgeAction.class), "an unfinished purge records nothing");
            });
        }
    }
}

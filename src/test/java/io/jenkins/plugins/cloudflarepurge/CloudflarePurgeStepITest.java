package io.jenkins.plugins.cloudflarepurge;

import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.PREFIX;
import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.TOKEN;
import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class CloudflarePurgeStepITest {

    /** Registers {@link ChangesScm} for the Pipeline scripts of this class. */
    @TestExtension
    public static class ScmDescriptor extends ChangesScm.Descriptor {}

    private JenkinsRule j;
    private CloudflareStub cloudflare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        cloudflare = new CloudflareStub().configure();
    }

    @AfterEach
    void tearDown() {
        cloudflare.close();
    }

    /** A script that checks out the given changes, then runs the given step call and echoes its result. */
    private static String script(List<String> changes, String step) {
        StringBuilder paths = new StringBuilder();
        for (String path : changes) {
            paths.append(paths.length() == 0 ? "" : ", ")
                    .append('\'')
                    .append(path)
                    .append('\'');
        }
        return "node {\n"
                + "  checkout([$class: 'ChangesScm', paths: [" + paths + "]])\n"
                + "}\n"
                + "def r = " + step + "\n"
                + "echo \"result: mode=${r.mode} verdict=${r.verdict} purged=${r.purged} total=${r.total} items=${r.items} ids=${r.requestIds}\"\n";
    }

    private WorkflowRun run(WorkflowJob job, List<String> changes, String step, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script(changes, step), true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void theFirstRunFallsBackThenTheNextPurgesExactlyTheChangedUrls() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "site");
        WorkflowRun first =
                run(job, List.of("public/index.html"), "cloudflarePurge(sourceRoot: 'public')", Result.SUCCESS);
        assertTrue(cloudflare.purgedEverything(), cloudflare.bodies().toString());
        j.assertLogContains("first run", first);

        cloudflare.forgetRequests();
        WorkflowRun second = run(
                job,
                List.of("public/css/site.css", "public/blog/index.html", "README.md"),
                "cloudflarePurge(sourceRoot: 'public')",
                Result.SUCCESS);
        assertEquals(
                new TreeSet<>(Set.of(PREFIX + "/css/site.css", PREFIX + "/blog/", PREFIX + "/blog/index.html")),
                cloudflare.purgedUrls());
        assertFalse(cloudflare.purgedEverything());
        j.assertLogContains("[Cloudflare] Zone " + ZONE + ": purge urls, 3 changed files, 3 URLs, 1 request.", second);
        // items lists what was purged (in one request: in the plan's order, sorted by path).
        j.assertLogContains(
                "result: mode=urls verdict=SUCCESS purged=3 total=3 items=[" + PREFIX + "/blog/, " + PREFIX
                        + "/blog/index.html, " + PREFIX + "/css/site.css] ids=[purge-req-1]",
                second);
        j.assertLogNotContains(TOKEN, second);

        CloudflarePurgeAction action = second.getAction(CloudflarePurgeAction.class);
        PurgeRecord purge = action.getPurges().get(0);
        assertEquals(3, purge.getPurged());
        assertTrue(purge.isSuccess());
        assertEquals(ZONE, purge.getZoneId());
        String buildXml = Files.readString(second.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8);
        assertFalse(buildXml.contains(TOKEN));
        JenkinsRule.WebClient web = j.createWebClient();
        // The purge's own page, not the build's: the test SCM's changelog has no views to render the build page.
        String page = web.getPage(second, action.getUrlName() + "/").asNormalizedText();
        assertTrue(page.contains(PREFIX + "/css/site.css"), page);
        assertTrue(page.contains("Purged 3 URLs"), page);
    }

    @Test
    void purgeEverythingNeedsNoNodeAndNoChanges() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "everything");
        job.setDefinition(new CpsFlowDefinition(
                "def r = cloudflarePurge purgeEverything: true\necho \"mode=${r.mode} success=${r.success}\"", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        assertTrue(cloudflare.purgedEverything());
        assertEquals(1, cloudflare.purges().size());
        j.assertLogContains("mode=everything success=true", run);
    }

    @Test
    void aDryRunSendsNothingAndExplainsEveryUrl() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "dry");
        run(job, List.of("a.css"), "cloudflarePurge(purgeEverything: true)", Result.SUCCESS);
        cloudflare.forgetRequests();
        WorkflowRun dry = run(job, List.of("css/site.css"), "cloudflarePurge(dryRun: true)", Result.SUCCESS);
        assertTrue(cloudflare.purges().isEmpty(), cloudflare.bodies().toString());
        j.assertLogContains("M css/site.css -> " + PREFIX + "/css/site.css", dry);
        j.assertLogContains("Would purge:", dry);
        j.assertLogContains("items=[" + PREFIX + "/css/site.css]", dry);
        j.assertLogContains("nothing was sent to Cloudflare", dry);
        assertTrue(dry.getAction(CloudflarePurgeAction.class).getPurges().get(0).isDryRun());
    }

    @Test
    void theFailurePolicyDecidesTheBuildResult() throws Exception {
        cloudflare.refuse();
        WorkflowJob job = j.createProject(WorkflowJob.class, "policies");
        WorkflowRun failed = run(job, List.of("a.css"), "cloudflarePurge(purgeEverything: true)", Result.FAILURE);
        j.assertLogContains("onFailure: 'fail'", failed);
        WorkflowRun unstable = run(
                job,
                List.of("a.css"),
                "cloudflarePurge(purgeEverything: true, onFailure: 'unstable')",
                Result.UNSTABLE);
        j.assertLogContains("verdict=FAILED", unstable);
        WorkflowRun warned =
                run(job, List.of("a.css"), "cloudflarePurge(purgeEverything: true, onFailure: 'warn')", Result.SUCCESS);
        j.assertLogContains("Warning: the purge failed", warned);
        for (WorkflowRun r : List.of(failed, unstable, warned)) {
            j.assertLogNotContains(TOKEN, r);
            assertFalse(Files.readString(r.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8)
                    .contains(TOKEN));
        }
    }

    @Test
    void aFailedPurgesChangesArePurgedByTheNextGoodRun() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "catch-up");
        run(job, List.of(), "cloudflarePurge()", Result.SUCCESS);
        cloudflare.refuse();
        run(job, List.of("failed.css"), "cloudflarePurge()", Result.FAILURE);
        cloudflare.accept();
        cloudflare.forgetRequests();
        WorkflowRun third = run(job, List.of("next.css"), "cloudflarePurge()", Result.SUCCESS);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/failed.css", PREFIX + "/next.css")), cloudflare.purgedUrls());
        j.assertLogContains("Also purging the changes of #2", third);
    }

    @Test
    void withoutACheckoutTheFallbackAppliesAndTheLogSaysWhereToPlaceTheStep() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "no-checkout");
        run(job, List.of(), "cloudflarePurge()", Result.SUCCESS);
        cloudflare.forgetRequests();
        job.setDefinition(new CpsFlowDefinition("cloudflarePurge(fallback: 'hosts')", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        j.assertLogContains("Place the purge after the checkout", run);
        assertEquals(List.of("{\"hosts\":[\"www.example.com\"]}"), cloudflare.bodies());
    }

    @Test
    void anInvalidArgumentFailsFastNamingIt() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "invalid");
        job.setDefinition(new CpsFlowDefinition("cloudflarePurge zoneId: 'example.com'", true));
        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        j.assertLogContains("cloudflarePurge: zoneId: 'example.com' looks like a zone name", run);
        assertTrue(cloudflare.purges().isEmpty());
    }

    @Test
    void aMissingCredentialIsNamed() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "no-credential");
        job.setDefinition(new CpsFlowDefinition("cloudflarePurge purgeEverything: true, credentialsId: 'nope'", true));
        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        j.assertLogContains("cloudflarePurge: credentialsId: no credential with the ID 'nope'", run);
        assertTrue(cloudflare.purges().isEmpty());
    }

    @Test
    void theSnippetGeneratorKnowsEverySettingAndItsHelp() throws Exception {
        DescribableModel<CloudflarePurgeStep> model = DescribableModel.of(CloudflarePurgeStep.class);
        TreeSet<String> names = new TreeSet<>();
        for (DescribableParameter p : model.getParameters()) {
            names.add(p.getName());
        }
        assertEquals(new TreeSet<>(PurgeForms.sharedFields()), names);
        HelpFiles.assertEachLoads(j, CloudflarePurgeStep.class, PurgeForms.sharedFields());

        CloudflarePurgeStep step = new CloudflarePurgeStep();
        step.setZoneId(ZONE);
        step.setOnFailure("unstable");
        step.setDryRun(true);
        assertEquals(
                "cloudflarePurge dryRun: true, onFailure: 'unstable', zoneId: '" + ZONE + "'",
                Snippetizer.object2Groovy(step));
        String bare = Snippetizer.object2Groovy(new CloudflarePurgeStep());
        assertTrue(bare.startsWith("cloudflarePurge") && !bare.contains(":"), bare);
    }
}

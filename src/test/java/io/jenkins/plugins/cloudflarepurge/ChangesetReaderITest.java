package io.jenkins.plugins.cloudflarepurge;

import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.PREFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.libs.GlobalLibraries;
import org.jenkinsci.plugins.workflow.libs.LibraryConfiguration;
import org.jenkinsci.plugins.workflow.libs.SCMRetriever;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The changelog mode in real pipelines: shared libraries, checkouts without changelog, several repositories. */
@WithJenkins
class ChangesetReaderITest {

    static final String SITE = "git https://example.org/acme/site.git";
    static final String TOOLS = "git https://example.org/acme/tools.git";
    static final String LIBRARY = "git https://example.org/acme/pipeline-library.git";

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

    /** A checkout of the given repository (an SCM key) with the given changed paths. */
    static String checkout(String key, String... paths) {
        StringBuilder list = new StringBuilder();
        for (String path : paths) {
            list.append(list.length() == 0 ? "" : ", ")
                    .append('\'')
                    .append(path)
                    .append('\'');
        }
        return "checkout([$class: 'ChangesScm', keyText: '" + key + "', paths: [" + list + "]])\n";
    }

    private WorkflowRun build(WorkflowJob job, String script, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    /** The shared library {@code lib}, checked out with a changelog, reporting the given changes next time. */
    private void library(String... changes) {
        ChangesScm scm = new ChangesScm(List.of(changes));
        scm.setKeyText(LIBRARY);
        scm.setFiles(List.of("vars/hello.groovy"));
        LibraryConfiguration lib = new LibraryConfiguration("lib", new SCMRetriever(scm));
        lib.setDefaultVersion("main");
        GlobalLibraries.get().setLibraries(List.of(lib));
    }

    /** The job's first build: the library, the site's checkout, the first purge (which falls back). */
    private void firstBuildWithTheLibrary(WorkflowJob job) throws Exception {
        library();
        build(job, "@Library('lib') _\nnode {\n" + checkout(SITE) + "}\ncloudflarePurge()", Result.SUCCESS);
        cloudflare.forgetRequests();
    }

    @Test
    void aSharedLibraryCheckoutIsNotACheckoutOfTheSite() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "library-before-checkout");
        firstBuildWithTheLibrary(job);

        library("vars/hello.groovy");
        WorkflowRun purgeFirst = build(
                job,
                "@Library('lib') _\ncloudflarePurge(fallback: 'hosts')\nnode {\n" + checkout(SITE, "a.css") + "}",
                Result.SUCCESS);
        j.assertLogContains("Place the purge after the checkout", purgeFirst);
        j.assertLogNotContains("Nothing to purge", purgeFirst);
        assertEquals(List.of("{\"hosts\":[\"www.example.com\"]}"), cloudflare.bodies());
    }

    @Test
    void aSharedLibrarysChangesAreLeftOutUnlessNamed() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "library-changes");
        firstBuildWithTheLibrary(job);

        library("vars/lib.css");
        WorkflowRun run = build(
                job,
                "@Library('lib') _\nnode {\n" + checkout(SITE, "css/site.css") + "}\ncloudflarePurge()",
                Result.SUCCESS);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/css/site.css")), cloudflare.purgedUrls());
        j.assertLogContains("Using the changes of " + SITE + ".", run);
        j.assertLogContains("Leaving out the changes of " + LIBRARY + " (a shared library", run);

        cloudflare.forgetRequests();
        library("vars/lib.css");
        WorkflowRun named = build(
                job,
                "@Library('lib') _\nnode {\n" + checkout(SITE, "css/other.css")
                        + "}\ncloudflarePurge(repository: 'acme/pipeline-library')",
                Result.SUCCESS);
        j.assertLogContains("Using the changes of " + LIBRARY + ".", named);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/vars/lib.css")), cloudflare.purgedUrls());
    }

    @Test
    void aCheckoutWithoutChangelogIsNotACheckoutOfTheSite() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "no-changelog");
        build(job, "node {\n" + checkout(SITE) + "}\ncloudflarePurge()", Result.SUCCESS);
        cloudflare.forgetRequests();
        WorkflowRun run = build(
                job,
                "node {\n  checkout(changelog: false, scm: [$class: 'ChangesScm', keyText: '" + TOOLS
                        + "', paths: ['tools.css']])\n}\ncloudflarePurge(fallback: 'hosts')",
                Result.SUCCESS);
        j.assertLogContains("Place the purge after the checkout", run);
        j.assertLogContains("checked out without a changelog", run);
        assertEquals(List.of("{\"hosts\":[\"www.example.com\"]}"), cloudflare.bodies());
    }

    @Test
    void withTwoRepositoriesTheFilterPicksOneAndTheConsoleSaysWhich() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "two-repositories");
        String purge = "cloudflarePurge(repository: 'https://example.org/acme/site')";
        build(job, "node {\n" + checkout(SITE) + checkout(TOOLS) + "}\n" + purge, Result.SUCCESS);
        cloudflare.forgetRequests();

        WorkflowRun filtered = build(
                job,
                "node {\n" + checkout(SITE, "css/site.css") + checkout(TOOLS, "css/tools.css") + "}\n" + purge,
                Result.SUCCESS);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/css/site.css")), cloudflare.purgedUrls());
        j.assertLogContains("Using the changes of " + SITE + ".", filtered);
        j.assertLogContains(
                "Leaving out the changes of " + TOOLS + " (does not match repository 'https://example.org/acme/site')",
                filtered);

        cloudflare.forgetRequests();
        WorkflowRun both = build(
                job,
                "node {\n" + checkout(SITE, "css/site.css") + checkout(TOOLS, "css/tools.css") + "}\ncloudflarePurge()",
                Result.SUCCESS);
        assertEquals(
                new TreeSet<>(Set.of(PREFIX + "/css/site.css", PREFIX + "/css/tools.css")), cloudflare.purgedUrls());
        j.assertLogContains("Using the changes of " + SITE + ", " + TOOLS + ".", both);
    }

    @Test
    void aTagsPurgeFollowedByAFailedPurgeOfTheChangesLeavesThemToTheNextRun() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "tags-then-failure");
        build(job, "node {\n" + checkout(SITE) + "}\ncloudflarePurge()", Result.SUCCESS);

        cloudflare.refuseFilePurges();
        WorkflowRun second = build(
                job,
                "node {\n" + checkout(SITE, "css/missed.css")
                        + "}\ncloudflarePurge(tags: 'blog')\ncloudflarePurge(onFailure: 'warn')",
                Result.SUCCESS);
        j.assertLogContains("Warning: the purge failed", second);
        assertEquals(
                2, second.getAction(CloudflarePurgeAction.class).getPurges().size());

        cloudflare.acceptFilePurges();
        cloudflare.forgetRequests();
        WorkflowRun third =
                build(job, "node {\n" + checkout(SITE, "css/next.css") + "}\ncloudflarePurge()", Result.SUCCESS);
        assertEquals(
                new TreeSet<>(Set.of(PREFIX + "/css/missed.css", PREFIX + "/css/next.css")), cloudflare.purgedUrls());
        j.assertLogContains("Also purging the changes of #2", third);
    }

    @Test
    void anEmptyChangelogAfterACheckoutPointsToTheSiteDirectory() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "rebuild");
        build(job, "node {\n" + checkout(SITE, "a.css") + "}\ncloudflarePurge()", Result.SUCCESS);
        cloudflare.forgetRequests();
        WorkflowRun rebuild = build(job, "node {\n" + checkout(SITE) + "}\ncloudflarePurge()", Result.SUCCESS);
        j.assertLogContains("The checkout of " + SITE + " recorded no change.", rebuild);
        j.assertLogContains("purge by the published files' content with siteDirectory", rebuild);
        assertTrue(cloudflare.purges().isEmpty(), cloudflare.bodies().toString());
    }
}

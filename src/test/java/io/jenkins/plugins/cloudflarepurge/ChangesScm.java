package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.scm.SCMDescriptor;
import hudson.scm.SCMRevisionState;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jvnet.hudson.test.FakeChangeLogSCM;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A {@link FakeChangeLogSCM} whose changes a Pipeline script names:
 * {@code checkout([$class: 'ChangesScm', paths: ['public/css/site.css']])}. Optionally it has a key of its own
 * ({@code key: 'git https://example.org/acme/site.git'}), as a real SCM's names its repository, and writes files
 * into the checkout ({@code files: ['vars/hello.groovy']}, for a shared library). Unlike its parent it accepts a
 * checkout without a changelog ({@code checkout(changelog: false, …)}). Its descriptor is registered by a
 * {@code @TestExtension} in the test class that uses it ({@link Descriptor}).
 */
public class ChangesScm extends FakeChangeLogSCM {

    private static final long serialVersionUID = 1L;

    private final List<String> paths;

    @CheckForNull
    private String key;

    private List<String> files = new ArrayList<>();

    @DataBoundConstructor
    public ChangesScm(List<String> paths) {
        this.paths = new ArrayList<>(paths);
        for (String path : paths) {
            addChange().withPath(path);
        }
    }

    public List<String> getPaths() {
        return paths;
    }

    @CheckForNull
    public String getKeyText() {
        return key;
    }

    @DataBoundSetter
    public void setKeyText(@CheckForNull String key) {
        this.key = key;
    }

    public List<String> getFiles() {
        return files;
    }

    @DataBoundSetter
    public void setFiles(List<String> files) {
        this.files = new ArrayList<>(files);
    }

    @Override
    public String getKey() {
        return key == null ? super.getKey() : key;
    }

    @Override
    public void checkout(
            Run<?, ?> build,
            Launcher launcher,
            FilePath remoteDir,
            TaskListener listener,
            @CheckForNull File changeLogFile,
            SCMRevisionState baseline)
            throws IOException, InterruptedException {
        for (String file : files) {
            remoteDir.child(file).write("// " + file + "\n", StandardCharsets.UTF_8.name());
        }
        if (changeLogFile != null) {
            super.checkout(build, launcher, remoteDir, listener, changeLogFile, baseline);
        }
    }

    @Override
    public SCMDescriptor<?> getDescriptor() {
        return (SCMDescriptor<?>) Jenkins.get().getDescriptorOrDie(getClass());
    }

    /** Subclassed as a {@code @TestExtension} by each test class that checks out with this SCM. */
    public static class Descriptor extends SCMDescriptor<ChangesScm> {
        public Descriptor() {
            super(ChangesScm.class, null);
        }
    }
}

package io.jenkins.plugins.cloudflarepurge;

import hudson.scm.SCMDescriptor;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jvnet.hudson.test.FakeChangeLogSCM;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A {@link FakeChangeLogSCM} whose changes a Pipeline script names:
 * {@code checkout([$class: 'ChangesScm', paths: ['public/css/site.css']])}. Its descriptor is registered by a
 * {@code @TestExtension} in the test class that uses it ({@link Descriptor}).
 */
public class ChangesScm extends FakeChangeLogSCM {

    private static final long serialVersionUID = 1L;

    private final List<String> paths;

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

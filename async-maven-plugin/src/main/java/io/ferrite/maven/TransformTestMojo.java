package io.ferrite.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Rewrites the {@code @Async} methods and async lambdas of the test classes, in place in
 * {@code target/test-classes}, right after test compilation, so tests may be {@code @Async}
 * code themselves. Types are resolved against the test class path, which includes the main
 * classes. Diagnostics and incremental behaviour are those of the {@code transform} goal.
 *
 * <p>Example: {@code <goal>transform-test</goal>} beside {@code transform} in the plugin's
 * execution.
 */
@Mojo(name = "transform-test", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class TransformTestMojo extends AbstractTransformMojo {

    /** The directory of the test classes, transformed in place. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    private File testClassesDirectory;

    /** Creates the Mojo; Maven injects its parameters. */
    public TransformTestMojo() {
    }

    @Override
    protected Path classesDirectory() {
        return testClassesDirectory.toPath();
    }

    @Override
    protected List<String> classPath() throws DependencyResolutionRequiredException {
        return project.getTestClasspathElements();
    }

    @Override
    protected List<String> sourceRoots() {
        return project.getTestCompileSourceRoots();
    }

    @Override
    protected String goal() {
        return "transform-test";
    }
}

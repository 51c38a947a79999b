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
 * Rewrites the {@code @Async} methods and async lambdas of the main classes into state machines,
 * in place in {@code target/classes}, right after compilation.
 *
 * <p>Errors (an {@code await} outside an {@code @Async} method, inside {@code synchronized}, an
 * {@code @Async} method not returning {@code io.ferrite.Future}, ...) are printed in the
 * compiler's format with the source line and a caret, and fail the build without writing
 * anything. A rebuild only reads the class files the compiler rewrote.
 *
 * <p>Example:
 * <pre>{@code
 * <plugin>
 *   <groupId>io.ferrite</groupId>
 *   <artifactId>ferrite-maven-plugin</artifactId>
 *   <version>${ferrite.version}</version>
 *   <executions>
 *     <execution>
 *       <goals><goal>transform</goal><goal>transform-test</goal></goals>
 *     </execution>
 *   </executions>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "transform", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class TransformMojo extends AbstractTransformMojo {

    /** The directory of the main classes, transformed in place. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    /** Creates the Mojo; Maven injects its parameters. */
    public TransformMojo() {
    }

    @Override
    protected Path classesDirectory() {
        return classesDirectory.toPath();
    }

    @Override
    protected List<String> classPath() throws DependencyResolutionRequiredException {
        return project.getCompileClasspathElements();
    }

    @Override
    protected List<String> sourceRoots() {
        return project.getCompileSourceRoots();
    }

    @Override
    protected String goal() {
        return "transform";
    }
}

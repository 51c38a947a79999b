package io.ferrite.maven;

import io.ferrite.transformer.AsyncTransformer;
import io.ferrite.transformer.ClassHierarchy;
import io.ferrite.transformer.ClassPathHierarchy;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the {@code transform} and {@code transform-test} goals share: their parameters, and
 * handing a directory, its class path and its source roots to {@link ClassDirectoryTransformer}.
 * The Mojos themselves only say which directory, class path and source roots.
 */
abstract class AbstractTransformMojo extends AbstractMojo {

    /**
     * Skips the goal: the classes stay as the compiler wrote them, and any {@code await} in them
     * throws at run time. Useful to build quickly with the {@code -javaagent} doing the work.
     */
    @Parameter(property = "ferrite.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Ant-style patterns of the class files to transform, relative to the classes directory,
     * e.g. {@code com/acme/**} or {@code **}{@code /*Service.class}. Empty means every class file.
     */
    @Parameter
    private List<String> includes;

    /**
     * Ant-style patterns of class files to leave alone, relative to the classes directory, e.g.
     * {@code com/acme/legacy/**}. Exclusions win over inclusions.
     */
    @Parameter
    private List<String> excludes;

    /** Fails the build on transformer warnings too, not only on errors. */
    @Parameter(property = "ferrite.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /**
     * Logs each transformed class and the state machines generated for it, the class path used
     * to resolve types, and how many class files were actually read.
     */
    @Parameter(property = "ferrite.verbose", defaultValue = "false")
    private boolean verbose;

    /** The encoding of the source files, used to show the source line of a diagnostic. */
    @Parameter(property = "ferrite.encoding", defaultValue = "${project.build.sourceEncoding}")
    private String encoding;

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** This plugin, for its version: an incremental state of another version is not reused. */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    /**
     * Returns the directory of class files this goal transforms in place.
     *
     * @return the directory
     */
    protected abstract Path classesDirectory();

    /**
     * Returns the class path against which types are resolved: the directory itself, the
     * project's other outputs and its dependencies.
     *
     * @return the class path entries
     * @throws DependencyResolutionRequiredException if dependencies were not resolved
     */
    protected abstract List<String> classPath() throws DependencyResolutionRequiredException;

    /**
     * Returns the source roots where the sources of the classes are found for diagnostics.
     *
     * @return the source roots
     */
    protected abstract List<String> sourceRoots();

    /**
     * Returns the goal's name, which names its incremental state file.
     *
     * @return e.g. {@code transform}
     */
    protected abstract String goal();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ferrite: skipped (ferrite.skip)");
            return;
        }
        List<Path> classPath;
        try {
            classPath = classPath().stream().map(Paths::get).collect(Collectors.toList());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("ferrite: the class path of " + project.getId() + " is not resolved: " + e, e);
        }
        if (verbose) {
            getLog().info("ferrite: class path " + classPath);
        }
        List<Path> roots = new ArrayList<>();
        sourceRoots().forEach(root -> roots.add(Paths.get(root)));
        Path base = project.getBasedir().toPath();
        ClassDirectoryTransformer.Request request = new ClassDirectoryTransformer.Request(
                classesDirectory(),
                Paths.get(project.getBuild().getDirectory(), "ferrite", goal() + ".state"),
                new ClassFileFilter(includes, excludes),
                failOnWarning,
                verbose,
                plugin.getVersion());
        DiagnosticPrinter printer = new DiagnosticPrinter(roots, base, charset());
        try (ClassPathHierarchy hierarchy = ClassHierarchy.ofClassPath(classPath)) {
            new ClassDirectoryTransformer(request, printer, getLog()).run(new AsyncTransformer(hierarchy));
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("ferrite: cannot read the class path of " + project.getId() + ": "
                    + e.getMessage(), e);
        }
    }

    private Charset charset() {
        try {
            return encoding == null || encoding.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            getLog().warn("ferrite: unknown encoding " + encoding + ", reading sources as UTF-8");
            return StandardCharsets.UTF_8;
        }
    }
}

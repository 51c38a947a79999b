package io.ferrite.transformer.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts JVMs with {@code -javaagent} (an agent jar holding only the manifest; the agent's
 * classes come from the test class path) and checks what the programs print.
 */
class FerriteAgentTest {

    @TempDir
    Path dir;

    /** What a child JVM did. */
    record Run(int exitCode, String out, String err) {
    }

    @Test
    void agent_should_transform_async_methods_when_the_classes_load() throws Exception {
        Run run = java(true, "com.example.agent.AgentApp");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("hello agent", "worker sees the holder's secret", "completed on another thread"),
                run.out().lines().toList());
        assertEquals("", run.err());
    }

    @Test
    void program_should_fail_at_the_first_await_when_started_without_the_agent() throws Exception {
        Run run = java(false, "com.example.agent.AgentApp");

        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("java.lang.IllegalStateException"), run.err());
    }

    @Test
    void agent_should_make_a_class_with_errors_fail_to_initialise_with_the_diagnostic() throws Exception {
        Run run = java(true, "com.example.agent.Bad");

        assertNotEquals(0, run.exitCode());
        assertEquals("", run.out());
        List<String> err = run.err().lines().toList();
        assertTrue(err.get(0).startsWith("ferrite: com/example/agent/Bad.java:[16] await() is called inside a"
                + " synchronized block"), run.err());
        assertTrue(run.err().contains("java.lang.ExceptionInInitializerError"), run.err());
        assertTrue(run.err().contains("Caused by: java.lang.IllegalStateException: ferrite: 1 error in"
                + " com.example.agent.Bad, which cannot be used until it is fixed:\n"
                + "com/example/agent/Bad.java:[16] await() is called inside a synchronized block"), run.err());
        assertFalse(run.err().contains("internal error"), run.err());
    }

    @Test
    void agent_should_transform_generators_when_the_classes_load() throws Exception {
        Run run = java(true, "com.example.agent.Counter");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("sum 10"), run.out().lines().toList());
    }

    @Test
    void agent_should_reject_a_generator_emitting_the_wrong_type_with_file_line_and_both_types() throws Exception {
        Run run = java(true, "com.example.agent.BadGenerator");

        assertNotEquals(0, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ferrite: com/example/agent/BadGenerator.java:[14] emit() is given a"
                + " java.lang.String in method numbers() of class com.example.agent.BadGenerator, whose declared"
                + " item type is java.lang.Integer"), run.err());
        assertTrue(run.err().contains("java.lang.ExceptionInInitializerError"), run.err());
    }

    @Test
    void agent_should_print_a_warning_and_still_transform_the_class() throws Exception {
        Run run = java(true, "com.example.agent.Warned");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("rested"), run.out().lines().toList());
        List<String> err = run.err().lines().toList();
        assertEquals(1, err.size(), run.err());
        assertTrue(err.get(0).startsWith("ferrite: warning: com/example/agent/Warned.java:[14] Thread.sleep() is called"
                + " in method nap(Future) of class com.example.agent.Warned, an async body"), run.err());
    }

    @Test
    void skips_should_leave_jdk_and_ferrite_classes_alone_but_not_user_code_under_io_ferrite() {
        ClassLoader app = ClassLoader.getSystemClassLoader();

        assertTrue(AgentTransformer.skips(null, "com/acme/Orders"));
        assertTrue(AgentTransformer.skips(ClassLoader.getPlatformClassLoader(), "com/acme/Orders"));
        assertTrue(AgentTransformer.skips(app, "java/util/List"));
        assertTrue(AgentTransformer.skips(app, "sun/misc/Unsafe"));
        assertTrue(AgentTransformer.skips(app, "io/ferrite/Await"));
        assertTrue(AgentTransformer.skips(app, "io/ferrite/runtime/BlockOn"));
        assertTrue(AgentTransformer.skips(app, "io/ferrite/transformer/shaded/asm/ClassReader"));
        assertFalse(AgentTransformer.skips(app, "com/acme/Orders"));
        assertFalse(AgentTransformer.skips(app, "io/ferrite/sample/Main"));
    }

    private Run java(boolean withAgent, String mainClass) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (withAgent) {
            command.add("-javaagent:" + agentJar());
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        // A bound against a hung child, not a timing assertion.
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private Path agentJar() throws IOException {
        Path jar = dir.resolve("agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", FerriteAgent.class.getName());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
        return jar;
    }
}

package io.ferrite.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDirectoryTransformerTest {

    private static final String GREETER = """
            package demo;

            import static io.ferrite.Await.await;

            import io.ferrite.Future;
            import io.ferrite.annotations.Async;
            import io.ferrite.runtime.BlockOn;

            public class Greeter {
                @Async
                static Future<String> greet(Future<String> name) {
                    String n = await(name);
                    return Future.ready("hello " + n);
                }

                public static String run() {
                    return BlockOn.blockOn(greet(Future.ready("ferrite")));
                }
            }
            """;

    private static final String NAPPER = """
            package demo;

            import static io.ferrite.Await.await;

            import io.ferrite.Future;
            import io.ferrite.annotations.Async;
            import io.ferrite.runtime.BlockOn;

            public class Napper {
                @Async
                static Future<String> nap(Future<String> then) throws InterruptedException {
                    Thread.sleep(0);
                    return Future.ready(await(then));
                }

                public static String run() throws InterruptedException {
                    return BlockOn.blockOn(nap(Future.ready("rested")));
                }
            }
            """;

    private static final String COUNTER = """
            package demo;

            import static io.ferrite.Await.await;

            import io.ferrite.Future;
            import io.ferrite.annotations.Async;

            public class Counter {
                @Async
                static Future<Integer> twice(Future<Integer> n) {
                    int a = await(n);
                    return Future.ready(a * 2);
                }
            }
            """;

    private static final String PLAIN = """
            package demo;

            public class Plain {
                static int one() {
                    return 1;
                }
            }
            """;

    private static final String BAD = """
            package demo;

            import static io.ferrite.Await.await;

            import io.ferrite.Future;

            public class Bad {
                static String blocking(Future<String> f) {
                    return await(f);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void run_should_write_state_machine_and_working_owner_when_class_has_async_method() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).source("demo/Plain.java", PLAIN)
                .compile();

        TransformSummary summary = project.transform();

        assertEquals(List.of("demo/Greeter$greet$Async.class", "demo/Greeter.class", "demo/Plain.class"),
                project.classFiles());
        assertEquals(2, summary.scanned());
        assertEquals(1, summary.transformed());
        assertEquals(1, summary.methods());
        assertEquals(1, summary.unchanged());
        assertEquals("hello ferrite", project.call("demo.Greeter", "run"));
        assertTrue(project.log.at("info").stream().anyMatch(line ->
                line.matches("ferrite: 2 classes scanned, 1 transformed \\(1 method\\), 1 unchanged, \\d+ ms")),
                project.log.at("info").toString());
    }

    @Test
    void run_should_read_nothing_when_nothing_changed_since_last_run() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).source("demo/Plain.java", PLAIN)
                .compile();
        project.transform();
        byte[] transformed = project.bytes("demo/Greeter.class");

        TransformSummary second = project.transform();

        assertEquals(3, second.scanned());
        assertEquals(0, second.read());
        assertEquals(0, second.transformed());
        assertEquals(3, second.unchanged());
        assertArrayEquals(transformed, project.bytes("demo/Greeter.class"));
    }

    @Test
    void run_should_process_only_the_recompiled_class_when_one_source_changed() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER)
                .source("demo/Counter.java", COUNTER).source("demo/Plain.java", PLAIN).compile();
        assertEquals(2, project.transform().transformed());

        project.compile("demo/Counter.java");
        TransformSummary summary = project.transform();

        assertEquals(1, summary.read());
        assertEquals(1, summary.transformed());
        assertEquals("hello ferrite", project.call("demo.Greeter", "run"));
    }

    @Test
    void run_should_skip_already_transformed_classes_when_state_is_lost() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).compile();
        project.transform();
        byte[] transformed = project.bytes("demo/Greeter.class");
        Files.delete(project.stateFile);

        TransformSummary summary = project.transform();

        assertEquals(2, summary.read());
        assertEquals(0, summary.transformed());
        assertArrayEquals(transformed, project.bytes("demo/Greeter.class"));
    }

    @Test
    void run_should_write_nothing_and_fail_with_the_count_when_any_class_has_an_error() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).source("demo/Bad.java", BAD)
                .compile();
        byte[] greeter = project.bytes("demo/Greeter.class");

        MojoFailureException failure = assertThrows(MojoFailureException.class, project::transform);

        assertTrue(failure.getMessage().startsWith("ferrite: 1 error; no class file was written"), failure.getMessage());
        assertTrue(failure.getMessage().contains("src/main/java/demo/Bad.java:[9,16] await() is called in method"),
                failure.getMessage());
        assertEquals(List.of("demo/Bad.class", "demo/Greeter.class"), project.classFiles());
        assertArrayEquals(greeter, project.bytes("demo/Greeter.class"));
        assertFalse(Files.exists(project.stateFile));
        assertEquals(1, project.log.at("error").size());
    }

    @Test
    void run_should_report_the_errors_again_when_rebuilt_without_a_fix() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Bad.java", BAD).compile();
        assertThrows(MojoFailureException.class, project::transform);

        assertThrows(MojoFailureException.class, project::transform);

        assertEquals(1, project.log.at("error").size());
    }

    @Test
    void run_should_remove_stale_state_machines_when_the_owner_is_recompiled_without_its_async_method()
            throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).source("demo/Plain.java", PLAIN)
                .compile();
        project.transform();
        assertTrue(project.classFiles().contains("demo/Greeter$greet$Async.class"));

        project.source("demo/Greeter.java", """
                package demo;

                public class Greeter {
                    public static String run() {
                        return "no longer async";
                    }
                }
                """).compile("demo/Greeter.java");
        TransformSummary summary = project.transform();

        assertEquals(List.of("demo/Greeter.class", "demo/Plain.class"), project.classFiles());
        assertEquals(1, summary.staleRemoved());
        assertEquals("no longer async", project.call("demo.Greeter", "run"));
    }

    @Test
    void run_should_remove_state_machines_of_an_owner_when_its_class_file_is_deleted() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).source("demo/Counter.java", COUNTER)
                .compile();
        project.transform();

        Files.delete(project.classes.resolve("demo/Counter.class"));
        project.transform();

        assertEquals(List.of("demo/Greeter$greet$Async.class", "demo/Greeter.class"), project.classFiles());
    }

    @Test
    void run_should_keep_a_recorded_file_that_ferrite_did_not_write() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).source("demo/Plain.java", PLAIN)
                .compile();
        project.transform();
        // A file of the recorded name, but without Ferrite's marker: not ours to delete.
        Path machine = project.classes.resolve("demo/Greeter$greet$Async.class");
        Files.copy(project.classes.resolve("demo/Plain.class"), machine, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(project.classes.resolve("demo/Greeter.class"));

        TransformSummary summary = project.transform();

        assertTrue(Files.exists(machine));
        assertEquals(0, summary.staleRemoved());
    }

    @Test
    void run_should_list_generated_classes_in_the_nest_host_when_a_nested_class_is_transformed() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Outer.java", OUTER).compile();
        byte[] host = project.bytes("demo/Outer.class");

        TransformSummary summary = project.transform();

        assertEquals(1, summary.nestHostsUpdated());
        assertNotEquals(host.length, project.bytes("demo/Outer.class").length);
        assertEquals("inner knows outer's secret", project.call("demo.Outer", "run"));
    }

    @Test
    void run_should_restore_the_nest_members_when_only_the_host_was_compiled_again() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Outer.java", OUTER).compile();
        project.transform();
        byte[] member = project.bytes("demo/Outer$Inner.class");

        // The host comes back from the compiler without the machine in its NestMembers, while
        // the member (touched, not recompiled) is still the transformed one.
        project.compile("demo/Outer.java");
        Files.write(project.classes.resolve("demo/Outer$Inner.class"), member);
        TransformSummary summary = project.transform();

        assertEquals(0, summary.transformed());
        assertEquals(1, summary.nestHostsUpdated());
        assertEquals("inner knows outer's secret", project.call("demo.Outer", "run"));
    }

    @Test
    void run_should_fail_naming_the_nest_host_when_a_member_is_transformed_without_it() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Outer.java", OUTER).compile();
        Files.delete(project.classes.resolve("demo/Outer.class"));
        byte[] member = project.bytes("demo/Outer$Inner.class");

        MojoFailureException failure = assertThrows(MojoFailureException.class, project::transform);

        assertTrue(failure.getMessage().startsWith("ferrite: 1 error; no class file was written"), failure.getMessage());
        assertTrue(failure.getMessage().contains("the nest host demo.Outer of the state machines"
                + " [demo/Outer$Inner$reveal$Async] is not in " + project.classes), failure.getMessage());
        assertEquals(List.of("demo/Outer$Inner.class"), project.classFiles());
        assertArrayEquals(member, project.bytes("demo/Outer$Inner.class"));
    }

    private static final String OUTER = """
                package demo;

                import static io.ferrite.Await.await;

                import io.ferrite.Future;
                import io.ferrite.annotations.Async;
                import io.ferrite.runtime.BlockOn;

                public class Outer {
                    private static String secret = "outer's secret";

                    static class Inner {
                        @Async
                        static Future<String> reveal(Future<String> prefix) {
                            String p = await(prefix);
                            return Future.ready(p + secret);
                        }
                    }

                    public static String run() {
                        return BlockOn.blockOn(Inner.reveal(Future.ready("inner knows ")));
                    }
                }
                """;

    @Test
    void run_should_leave_excluded_classes_alone_when_excludes_match() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).source("demo/Counter.java", COUNTER)
                .compile();
        byte[] counter = project.bytes("demo/Counter.class");

        TransformSummary summary = project.transform(project.request(false, null, List.of("**/Counter.class")));

        assertEquals(1, summary.scanned());
        assertArrayEquals(counter, project.bytes("demo/Counter.class"));
        assertFalse(project.classFiles().contains("demo/Counter$twice$Async.class"));
    }

    @Test
    void run_should_log_a_pitfall_warning_javac_style_and_still_write_the_transformed_class() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Napper.java", NAPPER).compile();

        TransformSummary summary = project.transform();

        assertEquals(1, summary.transformed());
        assertEquals(1, project.log.at("warn").size(), project.log.at("warn")::toString);
        String warning = project.log.at("warn").get(0);
        assertTrue(warning.startsWith("src/main/java/demo/Napper.java:[12,16] Thread.sleep() is called in method"
                + " nap(Future) of class demo.Napper, an async body"), warning);
        assertTrue(warning.endsWith("\n        Thread.sleep(0);\n               ^"), warning);
        assertTrue(project.classFiles().contains("demo/Napper$nap$Async.class"));
        assertEquals("rested", project.call("demo.Napper", "run"));
    }

    @Test
    void run_should_fail_naming_the_pitfall_when_failOnWarning_is_set() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Napper.java", NAPPER).compile();
        byte[] napper = project.bytes("demo/Napper.class");

        MojoFailureException failure = assertThrows(MojoFailureException.class,
                () -> project.transform(project.request(true, null, null)));

        assertTrue(failure.getMessage().startsWith("ferrite: 1 warning and failOnWarning is set; no class file was"
                + " written to "), failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  src/main/java/demo/Napper.java:[12,16] Thread.sleep() is called"),
                failure.getMessage());
        assertArrayEquals(napper, project.bytes("demo/Napper.class"));
        assertEquals(List.of("demo/Napper.class"), project.classFiles());
    }

    @Test
    void run_should_fail_naming_the_machine_when_one_was_deleted_but_its_owner_was_not_recompiled()
            throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).compile();
        project.transform();
        Files.delete(project.classes.resolve("demo/Greeter$greet$Async.class"));

        MojoFailureException failure = assertThrows(MojoFailureException.class, project::transform);

        assertTrue(failure.getMessage().contains("Greeter$greet$Async.class, the state machine of demo/Greeter.class,"
                + " was deleted"), failure.getMessage());
        project.compile("demo/Greeter.java");
        assertEquals(1, project.transform().transformed());
        assertEquals("hello ferrite", project.call("demo.Greeter", "run"));
    }

    @Test
    void run_should_fail_naming_the_file_when_a_class_file_is_corrupt() throws Exception {
        TestProject project = new TestProject(dir).source("demo/Greeter.java", GREETER).compile();
        byte[] greeter = project.bytes("demo/Greeter.class");
        // Mentions @Async, so it reaches the transformer, but is no class file.
        Files.writeString(project.classes.resolve("demo/Broken.class"), "Lio/ferrite/annotations/Async;");

        MojoFailureException failure = assertThrows(MojoFailureException.class, project::transform);

        assertTrue(failure.getMessage().contains("Broken.class is not a valid class file"), failure.getMessage());
        assertArrayEquals(greeter, project.bytes("demo/Greeter.class"));
    }

    @Test
    void run_should_report_nothing_to_do_when_the_directory_does_not_exist() throws Exception {
        TestProject project = new TestProject(dir);

        TransformSummary summary = project.transform();

        assertEquals(0, summary.scanned());
        assertEquals(List.of("ferrite: no class directory " + project.classes + ", nothing to transform"),
                project.log.at("info"));
    }
}

package io.ferrite.transformer.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.transformer.differential.ProgramGenerator.Feature;
import io.ferrite.transformer.differential.ProgramGenerator.GeneratedClass;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgramGeneratorTest {

    @Test
    void generateClass_should_write_the_same_source_when_the_seed_is_the_same() {
        GeneratedClass first = generate(7, Set.of());
        GeneratedClass again = generate(7, Set.of());
        GeneratedClass other = generate(8, Set.of());

        assertEquals(first.source(), again.source());
        assertNotEquals(first.source(), other.source());
        assertEquals(50, first.methods().size());
        assertEquals("m10", first.methods().get(0).name());
    }

    @Test
    void generateClass_should_write_every_construct_when_all_features_are_on() {
        String source = generate(7, Set.of()).source();

        for (String construct : new String[] {"await(e.<", ">cs(", ">bad(", ">csBad(", "try (", "} finally {", "AsyncFn<",
            "new AsyncFn<", "-> {", "yield ", "while (", "do {", "for (int ", "break", "continue", "switch (",
            "catch (", "throw new", "new Box(e, await(", "e.sum(", "await(m", "case \"0\""}) {
            assertTrue(source.contains(construct), () -> "no " + construct);
        }
    }

    @Test
    void generateClass_should_write_no_construct_of_a_disabled_feature() {
        String source = generate(7, EnumSet.of(Feature.LAMBDAS, Feature.TRY_WITH_RESOURCES,
                Feature.COMPLETION_STAGES, Feature.FAILING_AWAITS, Feature.CALLS, Feature.LABELS)).source();

        for (String construct : new String[] {"AsyncFn", "AsyncIntFn", "try (", ">cs(", ">csBad(", ">bad(",
            "await(m", "L1:"}) {
            assertFalse(source.contains(construct), () -> "wrote " + construct);
        }
    }

    @Test
    void generateClass_should_write_code_the_jvm_loads_when_javac_17_would_leak_a_do_body_local() throws Exception {
        // Seed 566838020 at 100,000 methods: Batch264 held a do statement whose body could only end
        // by a continue, followed by a switch declaring a local in a case; javac 17 wrote a stack
        // map frame the verifier rejects (JDK-8332934). The classes before it are generated only to
        // reach the same state of the generator.
        ProgramGenerator generator = new ProgramGenerator(566_838_020L, EnumSet.noneOf(Feature.class));
        GeneratedClass batch = null;
        for (int i = 0; i <= 264; i++) {
            batch = generator.generateClass(DifferentialRun.PACKAGE, "Batch" + i, i * DifferentialRun.PER_CLASS,
                    DifferentialRun.PER_CLASS);
        }
        Map<String, byte[]> classes = InMemoryCompiler.compile(Map.of(batch.binaryName(), batch.source()));
        ClassLoader loader = new MemoryClassLoader(getClass().getClassLoader(), classes, classes);

        assertEquals(batch.binaryName(), Class.forName(batch.binaryName(), true, loader).getName());
    }

    @Test
    void generateClass_should_write_no_do_body_that_ends_in_continue_when_generating_many_methods() {
        Pattern continueThenCondition = Pattern.compile("continue( L\\d+)?;\\n\\s*\\} while \\(");
        ProgramGenerator generator = new ProgramGenerator(566_838_020L, EnumSet.noneOf(Feature.class));
        for (int i = 0; i < 20; i++) {
            String source = generator.generateClass(DifferentialRun.PACKAGE, "Batch" + i, i * 100, 100).source();

            assertFalse(continueThenCondition.matcher(source).find(), "Batch" + i);
        }
    }

    private static GeneratedClass generate(long seed, Set<Feature> disabled) {
        return new ProgramGenerator(seed, disabled).generateClass(DifferentialRun.PACKAGE, "Sample", 10, 50);
    }
}

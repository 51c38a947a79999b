package io.ferrite.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.transformer.ClassHierarchy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodInsnNode;

class BlockingCallsTest {

    private final BlockingCalls calls = new BlockingCalls(
            new Subtypes(ClassHierarchy.ofClassLoader(getClass().getClassLoader())));

    @Test
    void pitfalls_doc_should_list_every_rule() throws IOException {
        String doc = Files.readString(Path.of("../docs/pitfalls.md"));
        List<String> missing = new ArrayList<>();
        for (BlockingCalls.Rule rule : BlockingCalls.RULES) {
            String owner = rule.owner().substring(rule.owner().lastIndexOf('/') + 1);
            String shown = owner + "." + rule.name() + "`" + (rule.timedOnly() ? " (timed)" : "");
            if (!doc.contains(shown)) {
                missing.add(shown);
            }
        }
        assertEquals(List.of(), missing, "docs/pitfalls.md lacks these rows of BlockingCalls.RULES");
    }

    @Test
    void match_should_take_subtypes_through_the_hierarchy_and_the_first_rule_that_fits() {
        assertEquals("java/util/concurrent/locks/Lock",
                calls.match(call(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/locks/ReentrantLock", "lock", "()V")).owner());
        assertEquals("java/util/concurrent/CompletableFuture", calls.match(call(Opcodes.INVOKEVIRTUAL,
                "java/util/concurrent/CompletableFuture", "get", "()Ljava/lang/Object;")).owner());
        assertEquals("java/util/concurrent/Future", calls.match(call(Opcodes.INVOKEVIRTUAL,
                "java/util/concurrent/FutureTask", "get", "()Ljava/lang/Object;")).owner());
        assertEquals("java/util/concurrent/BlockingQueue", calls.match(call(Opcodes.INVOKEVIRTUAL,
                "java/util/concurrent/LinkedBlockingDeque", "takeFirst", "()Ljava/lang/Object;")).owner());
    }

    @Test
    void match_should_ignore_untimed_variants_unrelated_owners_and_missing_classes() {
        assertNull(calls.match(call(Opcodes.INVOKEINTERFACE, "java/util/concurrent/locks/Lock", "tryLock", "()Z")));
        assertEquals("java/util/concurrent/locks/Lock", calls.match(call(Opcodes.INVOKEINTERFACE,
                "java/util/concurrent/locks/Lock", "tryLock", "(JLjava/util/concurrent/TimeUnit;)Z")).owner());
        assertNull(calls.match(call(Opcodes.INVOKEINTERFACE, "java/util/function/Supplier", "get",
                "()Ljava/lang/Object;")));
        assertNull(calls.match(call(Opcodes.INVOKEVIRTUAL, "io/ferrite/sync/Semaphore", "acquire",
                "()Lio/ferrite/Future;")));
        assertNull(calls.match(call(Opcodes.INVOKEVIRTUAL, "com/acme/NotOnTheClassPath", "take",
                "()Ljava/lang/Object;")));
        assertNull(calls.match(call(Opcodes.INVOKESTATIC, "io/ferrite/Await", "await",
                "(Lio/ferrite/Future;)Ljava/lang/Object;")));
    }

    @Test
    void fits_should_read_a_trailing_star_as_a_prefix() {
        BlockingCalls.Rule park = new BlockingCalls.Rule("java/util/concurrent/locks/LockSupport", "park*", false, "x");
        assertTrue(park.fits(call(Opcodes.INVOKESTATIC, park.owner(), "parkNanos", "(J)V")));
        assertFalse(park.fits(call(Opcodes.INVOKESTATIC, park.owner(), "unpark", "(Ljava/lang/Thread;)V")));
    }

    private static MethodInsnNode call(int opcode, String owner, String name, String desc) {
        return new MethodInsnNode(opcode, owner, name, desc, opcode == Opcodes.INVOKEINTERFACE);
    }
}

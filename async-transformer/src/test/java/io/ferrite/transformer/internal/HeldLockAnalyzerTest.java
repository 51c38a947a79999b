package io.ferrite.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.transformer.ClassHierarchy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Small methods built by hand (slot 0 holds the lock), and whether the analysis says a lock is
 * held before the instructions marked with a {@code NOP}.
 */
class HeldLockAnalyzerTest {

    private static final String REENTRANT_LOCK = "java/util/concurrent/locks/ReentrantLock";
    private static final Subtypes SUBTYPES =
            new Subtypes(ClassHierarchy.ofClassLoader(HeldLockAnalyzerTest.class.getClassLoader()));

    @Test
    void analyze_should_hold_the_lock_between_lock_and_unlock_and_name_the_call_that_took_it() {
        MethodNode m = method();
        call(m, Opcodes.INVOKEVIRTUAL, REENTRANT_LOCK, "lock", "()V");
        m.visitInsn(Opcodes.NOP);
        call(m, Opcodes.INVOKEVIRTUAL, REENTRANT_LOCK, "unlock", "()V");
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.RETURN);

        HeldLockAnalyzer.HeldLocks locks = HeldLockAnalyzer.analyze(m, ControlFlow.of(m), SUBTYPES);

        List<Integer> nops = HandBuiltMethods.nops(m);
        assertTrue(locks.held(nops.get(0)));
        assertEquals(List.of(m.instructions.get(1)), locks.acquisitions(nops.get(0)));
        assertFalse(locks.held(nops.get(1)));
        assertTrue(locks.acquisitions(nops.get(1)).isEmpty());
    }

    @Test
    void analyze_should_hold_a_tried_lock_only_on_the_branch_where_tryLock_returned_true() {
        MethodNode m = method();
        Label failed = new Label();
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitMethodInsn(Opcodes.INVOKEINTERFACE, HeldLockAnalyzer.LOCK, "tryLock", "()Z", true);
        m.visitJumpInsn(Opcodes.IFEQ, failed);
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.RETURN);
        m.visitLabel(failed);
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.RETURN);

        HeldLockAnalyzer.HeldLocks locks = HeldLockAnalyzer.analyze(m, ControlFlow.of(m), SUBTYPES);

        List<Integer> nops = HandBuiltMethods.nops(m);
        assertTrue(locks.held(nops.get(0)), "tryLock returned true");
        assertFalse(locks.held(nops.get(1)), "tryLock returned false");
    }

    @Test
    void analyze_should_not_hold_the_lock_where_a_path_that_released_it_joins() {
        MethodNode m = method();
        Label join = new Label();
        call(m, Opcodes.INVOKEVIRTUAL, REENTRANT_LOCK, "lock", "()V");
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitJumpInsn(Opcodes.IFEQ, join);
        call(m, Opcodes.INVOKEVIRTUAL, REENTRANT_LOCK, "unlock", "()V");
        m.visitLabel(join);
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.RETURN);

        HeldLockAnalyzer.HeldLocks locks = HeldLockAnalyzer.analyze(m, ControlFlow.of(m), SUBTYPES);

        int nop = HandBuiltMethods.nops(m).get(0);
        assertFalse(locks.held(nop), "held on one path only");
        assertEquals(1, locks.acquisitions(nop).size(), "the lock() that may still be unreleased");
    }

    @Test
    void analyze_should_keep_the_count_before_a_throwing_call_on_its_exception_edge() {
        MethodNode m = method();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        m.visitTryCatchBlock(start, end, handler, null);
        m.visitLabel(start);
        call(m, Opcodes.INVOKEVIRTUAL, REENTRANT_LOCK, "lock", "()V");
        m.visitLabel(end);
        m.visitInsn(Opcodes.RETURN);
        m.visitLabel(handler);
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.ATHROW);

        HeldLockAnalyzer.HeldLocks locks = HeldLockAnalyzer.analyze(m, ControlFlow.of(m), SUBTYPES);

        assertFalse(locks.held(HandBuiltMethods.nops(m).get(0)), "lock() threw: it took nothing");
    }

    @Test
    void analyze_should_return_null_when_no_call_takes_a_lock() {
        MethodNode m = method();
        // A lock() on a class that is not a java.util.concurrent.locks.Lock does not count.
        call(m, Opcodes.INVOKEVIRTUAL, "java/util/ArrayList", "lock", "()V");
        m.visitInsn(Opcodes.RETURN);

        assertNull(HeldLockAnalyzer.analyze(m, ControlFlow.of(m), SUBTYPES));
    }

    private static MethodNode method() {
        return new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, "m",
                "(L" + REENTRANT_LOCK + ";Z)V", null, null);
    }

    /** {@code aload 0; invoke...}: a call on the lock in slot 0. */
    private static void call(MethodNode m, int opcode, String owner, String name, String descriptor) {
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitMethodInsn(opcode, owner, name, descriptor, false);
    }
}

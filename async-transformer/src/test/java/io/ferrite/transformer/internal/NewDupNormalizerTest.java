package io.ferrite.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.BasicVerifier;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * Methods built by hand as javac compiles {@code new X(..., await(f), ...)}, rewritten, and the
 * instructions that come out, which ASM's verifier must accept.
 */
class NewDupNormalizerTest {

    private static final String BUILDER = HandBuiltMethods.BUILDER;
    private static final String AWAIT_DESC = "(Lio/ferrite/Future;)Ljava/lang/Object;";

    @Test
    void normalize_should_move_the_new_after_the_arguments_which_wait_in_fresh_locals() throws Exception {
        MethodNode m = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, "m", "(Lio/ferrite/Future;I)Ljava/lang/Object;",
                null, null);
        m.visitTypeInsn(Opcodes.NEW, BUILDER);
        m.visitInsn(Opcodes.DUP);
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, RuntimeAbi.AWAIT, "await", AWAIT_DESC, false);
        m.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/String");
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, BUILDER, "<init>", "(Ljava/lang/String;)V", false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(3, 2);

        normalize(m);

        assertEquals("""
                    ALOAD 0
                    INVOKESTATIC io/ferrite/Await.await (Lio/ferrite/Future;)Ljava/lang/Object;
                    CHECKCAST java/lang/String
                    ASTORE 2
                    NEW java/lang/StringBuilder
                    DUP
                    ALOAD 2
                    INVOKESPECIAL java/lang/StringBuilder.<init> (Ljava/lang/String;)V
                    ARETURN
                """, listing(m));
        assertEquals(3, m.maxLocals, "one fresh slot for the one argument");
        new Analyzer<>(new BasicVerifier()).analyze("demo/Owner", m);
    }

    @Test
    void normalize_should_store_wide_arguments_in_two_slots_and_reload_them_in_order() throws Exception {
        MethodNode m = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, "m", "(JI)Ljava/lang/Object;", null, null);
        m.visitTypeInsn(Opcodes.NEW, "demo/Pair");
        m.visitInsn(Opcodes.DUP);
        m.visitVarInsn(Opcodes.LLOAD, 0);
        m.visitVarInsn(Opcodes.ILOAD, 2);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, "demo/Pair", "<init>", "(JI)V", false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(5, 3);

        normalize(m);

        assertEquals("""
                    LLOAD 0
                    ILOAD 2
                    ISTORE 5
                    LSTORE 3
                    NEW demo/Pair
                    DUP
                    LLOAD 3
                    ILOAD 5
                    INVOKESPECIAL demo/Pair.<init> (JI)V
                    ARETURN
                """, listing(m));
        assertEquals(6, m.maxLocals);
        new Analyzer<>(new BasicVerifier()).analyze("demo/Owner", m);
    }

    @Test
    void normalize_should_drop_the_uninitialized_entries_from_the_frames_in_between() throws Exception {
        MethodNode m = HandBuiltMethods.newWithABranchInItsArguments();

        normalize(m);

        String listing = listing(m);
        assertTrue(listing.contains("FRAME FULL [I] []\n"), listing);
        assertTrue(listing.contains("FRAME FULL [I] [java/lang/String]\n"), listing);
        assertTrue(listing.endsWith("""
                    ASTORE 1
                    NEW java/lang/StringBuilder
                    DUP
                    ALOAD 1
                    INVOKESPECIAL java/lang/StringBuilder.<init> (Ljava/lang/String;)V
                    ARETURN
                """), listing);
        new Analyzer<>(new BasicVerifier()).analyze("demo/Owner", m);
    }

    @Test
    void normalize_should_refuse_a_new_that_is_not_followed_by_dup() {
        MethodNode m = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, "m", "()V", null, null);
        m.visitTypeInsn(Opcodes.NEW, BUILDER);
        m.visitInsn(Opcodes.POP);
        m.visitInsn(Opcodes.RETURN);
        TypeInsnNode created = (TypeInsnNode) m.instructions.getFirst();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NewDupNormalizer.normalize(m, List.of(created), java.util.Map.of()));

        assertTrue(e.getMessage().startsWith("'new java/lang/StringBuilder' is not followed by 'dup'"), e.getMessage());
    }

    /** Moves every 'new' of the method, with the constructor pairing the frame analysis finds. */
    private static void normalize(MethodNode m) throws Exception {
        List<TypeInsnNode> news = new java.util.ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() == Opcodes.NEW) {
                news.add((TypeInsnNode) insn);
            }
        }
        FrameTypeAnalyzer.Result types = FrameTypeAnalyzer.analyze("demo/Owner", m,
                insn -> insn instanceof MethodInsnNode);
        NewDupNormalizer.normalize(m, news, types.inits());
    }

    /** The instructions as ASM's Textifier prints them. */
    private static String listing(MethodNode m) {
        Textifier textifier = new Textifier();
        m.instructions.accept(new TraceMethodVisitor(textifier));
        StringWriter out = new StringWriter();
        textifier.print(new PrintWriter(out));
        return out.toString();
    }
}

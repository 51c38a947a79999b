package io.ferrite.transformer.internal;

import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * One {@code await} call of an async method (or {@code emit} of a generator), with what must
 * survive a suspension there.
 *
 * @param number          the state number, from 1 in code order
 * @param call            the {@code invokestatic Await.await} instruction in the analysed body
 * @param completionStage whether it awaits a {@code CompletionStage} rather than a {@code Future}
 * @param line            the source line, 0 if unknown
 * @param stack           the types of the operand stack beneath the awaited future, bottom first
 * @param locals          the live local variables, by slot
 */
public record SuspensionPoint(int number, MethodInsnNode call, boolean completionStage, int line, List<Type> stack,
        List<LocalValue> locals) {

    public SuspensionPoint {
        stack = List.copyOf(stack);
        locals = List.copyOf(locals);
    }

    /**
     * Tells whether this point is a generator's {@code emit} rather than an {@code await}: the
     * stack beneath the emitted item and the live locals are saved alike.
     *
     * @return true for {@code Await.emit}
     */
    public boolean emit() {
        return RuntimeAbi.isEmit(call);
    }

    /**
     * A local variable slot and the verifier's type of its value.
     *
     * @param slot the slot in the original method
     * @param type the type; {@link Types#NULL} when it holds the null constant
     */
    public record LocalValue(int slot, Type type) {
    }
}

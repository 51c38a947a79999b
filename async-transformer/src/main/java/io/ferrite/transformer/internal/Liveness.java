package io.ferrite.transformer.internal;

import java.util.BitSet;

/**
 * Which local variable slots of a method are live before each node of its instruction list: read
 * on some path from there before being written. A slot holding a long or double counts by its
 * first index. Computed by {@link LivenessAnalyzer}.
 */
final class Liveness {

    private final BitSet[] liveIn;

    Liveness(BitSet[] liveIn) {
        this.liveIn = liveIn;
    }

    /**
     * Tells whether a slot is live before a node.
     *
     * @param index the node's index in the instruction list
     * @param slot  the local variable slot
     * @return true if the value in the slot may still be read
     */
    boolean isLive(int index, int slot) {
        return liveIn[index].get(slot);
    }
}
